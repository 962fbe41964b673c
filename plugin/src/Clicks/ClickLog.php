<?php
/**
 * Writes clicks.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

use Afflux\Redirect\Destination;

/**
 * One INSERT per click, never a read-modify-write of a counter, so concurrent clicks are never
 * lost; totals come from the daily aggregation. The redirect normally spools clicks
 * (ClickCapture); this direct write is its fallback when the spool folder cannot be written.
 */
final class ClickLog {

	/**
	 * Records a click; false when the database refused it (the reader was already sent on).
	 *
	 * @param Destination  $destination Where the reader was sent.
	 * @param ClickRequest $request     The request's facts.
	 * @param bool         $may_key     Whether the visitor key may be computed (consent).
	 * @param int|null     $now         Unix time, for tests.
	 */
	public static function record( Destination $destination, ClickRequest $request, bool $may_key, ?int $now = null ): bool {
		global $wpdb;
		$now = $now ?? time();
		$key = $may_key && ! $request->is_bot ? VisitorKey::for_request( $request->ip, $request->user_agent, gmdate( 'Y-m-d', $now ) ) : '';

		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- an append-only log.
		$inserted = $wpdb->insert(
			ClickSchema::clicks_table(),
			self::row( $destination, $request, $key, $now ),
			array( '%s', '%d', '%s', '%d', '%s', '%s', '%s', '%s', '%d', '%s' )
		);
		$wpdb->suppress_errors( $suppress );
		if ( false === $inserted ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs to know clicks are not being written.
			error_log( 'Afflux: a click could not be recorded: ' . $wpdb->last_error );
		}
		return false !== $inserted;
	}

	/**
	 * The click row's columns, in table order: the one definition shared with the
	 * no-WordPress entry point's PdoClickStore.
	 *
	 * @param Destination  $destination Where the reader was sent.
	 * @param ClickRequest $request     The request's facts.
	 * @param string       $visitor_key The visitor key, '' when none may be computed.
	 * @param int          $now         Unix time.
	 * @return array{clicked_at: string, post_id: int, placement_id: string, product_id: int, network: string, outcome: string, referrer_host: string, device: string, is_bot: int, visitor_key: string}
	 */
	public static function row( Destination $destination, ClickRequest $request, string $visitor_key, int $now ): array {
		return array(
			'clicked_at'    => gmdate( 'Y-m-d H:i:s', $now ),
			'post_id'       => $destination->post_id,
			'placement_id'  => $destination->placement_id,
			'product_id'    => $destination->product_id,
			'network'       => substr( $destination->network, 0, 32 ),
			'outcome'       => $destination->outcome,
			'referrer_host' => $request->referrer_host,
			'device'        => $request->device,
			'is_bot'        => $request->is_bot ? 1 : 0,
			'visitor_key'   => $visitor_key,
		);
	}
}
