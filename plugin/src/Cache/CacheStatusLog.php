<?php
/**
 * Remembers why the cache was unavailable, for the log and the admin notice.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * Writes a cache problem to the PHP error log once per request and keeps the latest one in an
 * option, so the admin sees it even when it happened on a reader's page view.
 */
final class CacheStatusLog {

	public const OPTION = 'afflux_cache_status';

	/**
	 * Problems already written to the error log by this log (one instance per request).
	 *
	 * @var array<string, true>
	 */
	private array $logged = array();

	/**
	 * Records a status: a problem is logged once and stored; a healthy cache clears the record.
	 *
	 * @param CacheStatus $status The status just observed.
	 * @param string      $detail Technical detail for the log only (the SQLite message).
	 */
	public function record( CacheStatus $status, string $detail = '' ): void {
		if ( ! function_exists( 'get_option' ) || ! function_exists( 'wp_cache_get' ) ) {
			// The no-WordPress entry point (plugin/go.php) has no options, and the db.php drop-in
			// runs before the object cache exists; both hand any cache problem to WordPress,
			// which records it here.
			return;
		}
		$stored = $this->last();

		if ( $status->is_ok() ) {
			if ( null !== $stored ) {
				// Emptied, not deleted: the option stays autoloaded, so reading it costs the
				// early /go/ check no query (Redirect\EarlyOptions).
				update_option( self::OPTION, array(), true );
			}
			return;
		}

		$key = $status->state . '|' . $status->reason;
		if ( ! isset( $this->logged[ $key ] ) ) {
			$this->logged[ $key ] = true;
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the log is where a host looks first; the page itself stays clean.
			error_log( 'Afflux: product cache unavailable (' . $status->state . '): ' . $status->reason . ( '' !== $detail ? ' [' . $detail . ']' : '' ) );
		}

		// Write only on change: a broken cache must not cost a database write per page view.
		if ( null === $stored || $stored['state'] !== $status->state || $stored['reason'] !== $status->reason ) {
			update_option(
				self::OPTION,
				array(
					'state'  => $status->state,
					'reason' => $status->reason,
					'at'     => time(),
				),
				true
			);
		}
	}

	/**
	 * The last recorded problem, or null when the cache was last seen healthy.
	 *
	 * @return array{state: string, reason: string, at: int}|null
	 */
	public function last(): ?array {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) || ! isset( $stored['state'], $stored['reason'], $stored['at'] ) ) {
			return null;
		}
		return array(
			'state'  => (string) $stored['state'],
			'reason' => (string) $stored['reason'],
			'at'     => (int) $stored['at'],
		);
	}
}
