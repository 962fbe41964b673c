<?php
/**
 * `wp afflux status`: the cache and the last sync of each network and kind.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cli;

use Afflux\Admin\SyncHealth;

/**
 * Prints the sync-health report.
 */
final class StatusCommand {

	/**
	 * Builds the command.
	 *
	 * @param SyncHealth $health The report maker.
	 */
	public function __construct( private readonly SyncHealth $health ) {
	}

	/**
	 * Runs it; returns the exit code (1 when the cache cannot be read or the daemon is silent).
	 *
	 * @param CliOutput $out Where to print.
	 * @param int|null  $now Unix time, for tests.
	 */
	public function run( CliOutput $out, ?int $now = null ): int {
		$report = $this->health->report( $now );
		if ( 'ok' !== $report['cache']['state'] ) {
			/* translators: %s: why the cache cannot be read. */
			$out->line( sprintf( __( 'Cache: cannot be read. %s', 'afflux' ), $report['cache']['reason'] ) );
			return 1;
		}
		$out->line( __( 'Cache: readable.', 'afflux' ) );
		$rows = array();
		foreach ( $report['runs'] as $run ) {
			$rows[] = array(
				'network'    => $run['network'],
				'kind'       => $run['kind'],
				'status'     => $run['status'],
				'started_at' => $run['started_at'],
				'items_seen' => $run['items_seen'],
				'last_ok_at' => $run['last_ok_at'] ?? '-',
				'error'      => $run['error'] ?? '',
			);
		}
		$out->table( $rows, array( 'network', 'kind', 'status', 'started_at', 'items_seen', 'last_ok_at', 'error' ) );
		foreach ( $report['stale'] as $stale ) {
			/* translators: 1: kind of sync, 2: number of hours. */
			$out->line( sprintf( __( 'Warning: %1$s has not run for twice its schedule (every %2$s h).', 'afflux' ), $stale['kind'], $stale['expected_every_hours'] ) );
		}
		if ( array() !== $report['stale'] ) {
			/* translators: %s: the command that starts the daemon. */
			$out->line( sprintf( __( 'Start the daemon with: %s', 'afflux' ), $report['start_command'] ) );
			return 1;
		}
		return 0;
	}
}
