<?php
/**
 * `wp afflux purge-clicks [--days=]`: deletes raw clicks older than the retention.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cli;

use Afflux\Clicks\ClickMaintenance;
use Afflux\Links\LinkSettings;

/**
 * Sums the days about to be purged first, so the daily totals keep them.
 */
final class PurgeClicksCommand {

	/**
	 * Runs it; returns the exit code.
	 *
	 * @param CliOutput $out  Where to print.
	 * @param int|null  $days Days to keep; the setting when null.
	 * @param int|null  $now  Unix time, for tests.
	 */
	public function run( CliOutput $out, ?int $days = null, ?int $now = null ): int {
		$days = $days ?? LinkSettings::retention_days();
		if ( $days < 1 ) {
			$out->line( __( 'Error: keep at least one day of clicks.', 'afflux' ) );
			return 1;
		}
		$now = $now ?? time();
		// The days at the edge of the cut are summed before their raw rows go.
		ClickMaintenance::aggregate( gmdate( 'Y-m-d', $now - $days * 86400 ) );
		ClickMaintenance::aggregate( gmdate( 'Y-m-d', $now - ( $days + 1 ) * 86400 ) );
		$deleted = ClickMaintenance::purge( $days, $now );
		/* translators: 1: number of clicks deleted, 2: number of days kept. */
		$out->success( sprintf( __( 'Deleted %1$d raw clicks older than %2$d days; daily totals are kept.', 'afflux' ), $deleted, $days ) );
		return 0;
	}
}
