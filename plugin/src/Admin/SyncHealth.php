<?php
/**
 * Sync health: is the daemon running, and how fresh is each network's data?
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\SyncRunRepository;
use Afflux\Settings\CronExpression;
use Afflux\Settings\DaemonSettings;

/**
 * Reads the last run per network and kind and compares the newest run of each kind with that
 * kind's schedule: silence longer than twice the schedule means the daemon is not running.
 */
final class SyncHealth {

	/**
	 * Builds the report maker.
	 *
	 * @param CacheConnection   $connection The cache connection (for its status).
	 * @param SyncRunRepository $runs       The sync runs.
	 */
	public function __construct( private readonly CacheConnection $connection, private readonly SyncRunRepository $runs ) {
	}

	/**
	 * The report: cache status, runs, counts and the stale kinds.
	 *
	 * @param int|null $now Unix time, for tests.
	 * @return array{cache: array{state: string, reason: string}, runs: list<array<string, mixed>>, counts: array<string, array<string, int>>, stale: list<array{kind: string, kind_label: string, last_run_at: string|null, last_run_display: string, expected_every_hours: float}>, start_command: string}
	 */
	public function report( ?int $now = null ): array {
		$now    = $now ?? time();
		$status = $this->connection->status();
		$runs   = $this->runs->latest_runs();
		$latest = array();
		foreach ( $runs as $run ) {
			$latest[ $run['kind'] ] = max( $latest[ $run['kind'] ] ?? '', $run['started_at'] );
		}
		$first = array() === $runs ? null : min( array_column( $runs, 'started_at' ) );
		$stale = array();
		if ( $status->is_ok() ) {
			foreach ( DaemonSettings::all()['schedules'] as $kind => $expression ) {
				$cron = CronExpression::parse( $expression );
				if ( null === $cron ) {
					continue;
				}
				$gap  = $cron->longest_gap_seconds( $now );
				$last = $latest[ $kind ] ?? null;
				// A kind that never ran is measured from the daemon's first run of any kind: a
				// daemon started an hour ago has not missed a sync scheduled every two hours.
				$since = $last ?? $first;
				if ( null === $since || $now - (int) strtotime( $since ) > 2 * $gap ) {
					$stale[] = array(
						'kind'                 => $kind,
						'kind_label'           => SyncRunLabels::kind( $kind ),
						'last_run_at'          => $last,
						'last_run_display'     => SyncRunLabels::time( $last ),
						'expected_every_hours' => round( $gap / 3600, 1 ),
					);
				}
			}
		}
		return array(
			'cache'         => array(
				'state'  => $status->state,
				'reason' => $status->reason,
			),
			'runs'          => array_map( fn ( array $run ): array => $run + $this->run_display( $run, $now ), $runs ),
			'counts'        => $this->runs->counts(),
			'stale'         => $stale,
			'start_command' => self::start_command(),
		);
	}

	/**
	 * The command that starts the daemon, as the site owner would type it on the server.
	 */
	public static function start_command(): string {
		return 'node daemon/bin/afflux-daemon.js start --config /etc/afflux/daemon.json';
	}

	/**
	 * What the admin shows of a run besides the stored fields: words and local times.
	 *
	 * @param array{network: string, kind: string, started_at: string, status: string, last_ok_at: string|null} $run A stored run.
	 * @param int                                                                                               $now Unix time.
	 * @return array{age_hours: float|null, network_label: string, kind_label: string, status_label: string, started_at_display: string}
	 */
	private function run_display( array $run, int $now ): array {
		return array(
			'age_hours'          => $this->age_hours( $run['last_ok_at'], $now ),
			'network_label'      => SyncRunLabels::network( $run['network'] ),
			'kind_label'         => SyncRunLabels::kind( $run['kind'] ),
			'status_label'       => SyncRunLabels::status( $run['status'] ),
			'started_at_display' => SyncRunLabels::time( $run['started_at'] ),
		);
	}

	/**
	 * Hours since a time, or null for never.
	 *
	 * @param string|null $at  ISO 8601 UTC time.
	 * @param int         $now Unix time.
	 */
	private function age_hours( ?string $at, int $now ): ?float {
		if ( null === $at ) {
			return null;
		}
		return round( ( $now - (int) strtotime( $at ) ) / 3600, 1 );
	}
}
