<?php
/**
 * Daily click upkeep: totals, retention, salts.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

use Afflux\Links\LinkSettings;
use Afflux\Redirect\DestinationMemo;
use Afflux\Redirect\LinkTargetMemo;
use Afflux\Redirect\PlacementIndex;
use Afflux\Service;

/**
 * Creates the click tables when needed and, once a day from WP-Cron, drains the click spool,
 * recomputes the daily totals of yesterday and today, deletes raw clicks older than the retention setting,
 * deletes every visitor salt but today's (that is the daily rotation) and the redirects' kept
 * link data not used for a week.
 */
final class ClickMaintenance implements Service {

	public const CRON_HOOK = 'afflux_clicks_daily';

	private const DAY = 86400;

	/**
	 * Hooks the schema check and the daily job.
	 */
	public function init(): void {
		add_action( 'init', array( ClickSchema::class, 'ensure' ) );
		add_action( self::CRON_HOOK, array( $this, 'run' ) );
		add_action( 'init', array( $this, 'schedule' ) );
	}

	/**
	 * Schedules the daily job once.
	 */
	public function schedule(): void {
		if ( false === wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + 3600, 'daily', self::CRON_HOOK );
		}
	}

	/**
	 * The daily job.
	 *
	 * @param int|null $now Unix time, for tests.
	 */
	public function run( ?int $now = null ): void {
		$now = $now ?? time();
		( new ClickSpoolDrain() )->drain( $now );
		self::aggregate( gmdate( 'Y-m-d', $now - self::DAY ) );
		self::aggregate( gmdate( 'Y-m-d', $now ) );
		self::purge( LinkSettings::retention_days(), $now );
		self::delete_old_salts( gmdate( 'Y-m-d', $now ) );
		// Kept link data of products not clicked for a week (the /go/ paths' LinkTargetMemo), and
		// links not clicked for a week (go.php's DestinationMemo).
		$products = LinkTargetMemo::in( WP_CONTENT_DIR, '' );
		$products->forget_older_than( $now - 7 * self::DAY );
		( new DestinationMemo( $products, PlacementIndex::in( WP_CONTENT_DIR ), '' ) )->forget_older_than( $now - 7 * self::DAY );
	}

	/**
	 * Recomputes one day's totals from the raw clicks; running it again gives the same rows.
	 *
	 * @param string $day UTC day, Y-m-d.
	 */
	public static function aggregate( string $day ): void {
		global $wpdb;
		$clicks = ClickSchema::clicks_table();
		$days   = ClickSchema::days_table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are the plugin's own.
		$wpdb->query(
			$wpdb->prepare(
				"REPLACE INTO {$days} (day, post_id, placement_id, product_id, network, clicks, bot_clicks, visitors)
				 SELECT %s, post_id, placement_id, product_id, network,
				        SUM(is_bot = 0), SUM(is_bot = 1),
				        COUNT(DISTINCT CASE WHEN is_bot = 0 AND visitor_key <> '' THEN visitor_key END)
				 FROM {$clicks}
				 WHERE clicked_at >= %s AND clicked_at < %s + INTERVAL 1 DAY
				 GROUP BY post_id, placement_id, product_id, network",
				$day,
				$day . ' 00:00:00',
				$day . ' 00:00:00'
			)
		);
		// phpcs:enable
	}

	/**
	 * Deletes raw clicks older than the retention, in batches so the table is never locked long.
	 *
	 * @param int $days Days to keep.
	 * @param int $now  Unix time.
	 */
	public static function purge( int $days, int $now ): int {
		global $wpdb;
		$clicks  = ClickSchema::clicks_table();
		$cutoff  = gmdate( 'Y-m-d H:i:s', $now - $days * self::DAY );
		$deleted = 0;
		do {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
			$batch    = (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$clicks} WHERE clicked_at < %s LIMIT 5000", $cutoff ) );
			$deleted += $batch;
		} while ( 5000 === $batch );
		return $deleted;
	}

	/**
	 * Deletes every visitor salt but the given day's: the salt files of the spool folder and
	 * the database's (used when that folder cannot be written).
	 *
	 * @param string $today UTC day, Y-m-d.
	 */
	public static function delete_old_salts( string $today ): void {
		global $wpdb;
		( new VisitorSalt( ClickSpool::in( WP_CONTENT_DIR ) ) )->delete_all_but( $today );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- a LIKE over option names has no API.
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( VisitorKey::SALT_OPTION_PREFIX ) . '%' ) );
		foreach ( $names as $name ) {
			if ( VisitorKey::SALT_OPTION_PREFIX . $today !== $name ) {
				delete_option( (string) $name );
			}
		}
	}
}
