<?php
/**
 * Clicks per post and placement over a date range, from the plugin's own click tables.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Earnings;

use Afflux\Clicks\ClickSchema;

/**
 * Past days come from the daily totals (raw clicks may already be purged); today, which the
 * daily job has not summed yet, from the raw clicks. Bot clicks are left out of both.
 */
final class ClickTotals {

	/**
	 * Human clicks per post and placement in [from, to] (UTC days, inclusive).
	 *
	 * @param string   $from    First day, Y-m-d.
	 * @param string   $to      Last day, Y-m-d.
	 * @param int|null $post_id Only this post.
	 * @param int|null $now     Unix time, for tests.
	 * @return list<array{post_id: int, placement_id: string, clicks: int}>
	 */
	public function by_placement( string $from, string $to, ?int $post_id = null, ?int $now = null ): array {
		global $wpdb;
		$today  = gmdate( 'Y-m-d', $now ?? time() );
		$days   = ClickSchema::days_table();
		$clicks = ClickSchema::clicks_table();
		$totals = array();

		$last_summed = min( $to, gmdate( 'Y-m-d', (int) strtotime( $today . ' -1 day UTC' ) ) );
		$post_sql    = null === $post_id ? '' : $wpdb->prepare( ' AND post_id = %d', $post_id );
		if ( $from <= $last_summed ) {
			// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; $post_sql is prepared.
			$rows = $wpdb->get_results(
				$wpdb->prepare( "SELECT post_id, placement_id, SUM(clicks) AS clicks FROM {$days} WHERE day >= %s AND day <= %s{$post_sql} GROUP BY post_id, placement_id", $from, $last_summed ),
				'ARRAY_A'
			);
			// phpcs:enable
			$this->add( $totals, is_array( $rows ) ? $rows : array() );
		}
		if ( $from <= $today && $today <= $to ) {
			// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; $post_sql is prepared.
			$rows = $wpdb->get_results(
				$wpdb->prepare( "SELECT post_id, placement_id, COUNT(*) AS clicks FROM {$clicks} WHERE is_bot = 0 AND clicked_at >= %s{$post_sql} GROUP BY post_id, placement_id", $today . ' 00:00:00' ),
				'ARRAY_A'
			);
			// phpcs:enable
			$this->add( $totals, is_array( $rows ) ? $rows : array() );
		}
		return array_values( $totals );
	}

	/**
	 * Adds rows into the totals.
	 *
	 * @param array<string, array{post_id: int, placement_id: string, clicks: int}> $totals Totals by post and placement.
	 * @param array<mixed>                                                          $rows   Query rows.
	 */
	private function add( array &$totals, array $rows ): void {
		foreach ( $rows as $row ) {
			if ( ! is_array( $row ) ) {
				continue;
			}
			$key = (int) $row['post_id'] . '|' . (string) $row['placement_id'];
			if ( ! isset( $totals[ $key ] ) ) {
				$totals[ $key ] = array(
					'post_id'      => (int) $row['post_id'],
					'placement_id' => (string) $row['placement_id'],
					'clicks'       => 0,
				);
			}
			$totals[ $key ]['clicks'] += (int) $row['clicks'];
		}
	}
}
