<?php
/**
 * Reads the daemon's sync_runs table for the sync-health view.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- the daemon's SQLite cache, not the WordPress database.

/**
 * The latest attempt and the latest success per network and kind of sync, and the item counts
 * the cache holds per network.
 *
 * @phpstan-type Run array{network: string, kind: string, started_at: string, finished_at: string|null, status: string, items_seen: int, items_written: int, error: string|null, last_ok_at: string|null}
 */
final class SyncRunRepository {

	/**
	 * Builds the repository.
	 *
	 * @param CacheConnection $connection The read-only cache connection.
	 */
	public function __construct( private readonly CacheConnection $connection ) {
	}

	/**
	 * The latest run per network and kind, with when that pair last succeeded.
	 *
	 * @return list<Run>
	 */
	public function latest_runs(): array {
		$rows = $this->select(
			"SELECT r.network, r.kind, r.started_at, r.finished_at, r.status, r.items_seen, r.items_written, r.error,
			        (SELECT MAX(o.finished_at) FROM sync_runs o WHERE o.network = r.network AND o.kind = r.kind AND o.status = 'ok') AS last_ok_at
			 FROM sync_runs r
			 WHERE r.id = (SELECT l.id FROM sync_runs l WHERE l.network = r.network AND l.kind = r.kind ORDER BY l.started_at DESC, l.id DESC LIMIT 1)
			 ORDER BY r.network, r.kind"
		);
		return array_map(
			static fn ( array $row ): array => array(
				'network'       => (string) $row['network'],
				'kind'          => (string) $row['kind'],
				'started_at'    => (string) $row['started_at'],
				'finished_at'   => null === $row['finished_at'] ? null : (string) $row['finished_at'],
				'status'        => (string) $row['status'],
				'items_seen'    => (int) $row['items_seen'],
				'items_written' => (int) $row['items_written'],
				'error'         => null === $row['error'] ? null : (string) $row['error'],
				'last_ok_at'    => null === $row['last_ok_at'] ? null : (string) $row['last_ok_at'],
			),
			$rows
		);
	}

	/**
	 * The latest commissions run per network: the window the reconciliation line talks about.
	 *
	 * @return array<string, Run>
	 */
	public function latest_commission_runs(): array {
		$runs = array();
		foreach ( $this->latest_runs() as $run ) {
			if ( 'commissions' === $run['kind'] ) {
				$runs[ $run['network'] ] = $run;
			}
		}
		return $runs;
	}

	/**
	 * Counts per network: active and gone products, programmes, transactions.
	 *
	 * @return array<string, array{products: int, gone: int, programmes: int, transactions: int}>
	 */
	public function counts(): array {
		$counts = array();
		$blank  = array(
			'products'     => 0,
			'gone'         => 0,
			'programmes'   => 0,
			'transactions' => 0,
		);
		foreach ( $this->select( "SELECT network, SUM(status = 'active') AS active, SUM(status = 'gone') AS gone FROM products GROUP BY network" ) as $row ) {
			$counts[ (string) $row['network'] ]             = $counts[ (string) $row['network'] ] ?? $blank;
			$counts[ (string) $row['network'] ]['products'] = (int) $row['active'];
			$counts[ (string) $row['network'] ]['gone']     = (int) $row['gone'];
		}
		foreach ( array(
			'programmes'   => 'SELECT network, COUNT(*) AS n FROM programmes GROUP BY network',
			'transactions' => 'SELECT network, COUNT(*) AS n FROM transactions GROUP BY network',
		) as $key => $sql ) {
			foreach ( $this->select( $sql ) as $row ) {
				$counts[ (string) $row['network'] ]         = $counts[ (string) $row['network'] ] ?? $blank;
				$counts[ (string) $row['network'] ][ $key ] = (int) $row['n'];
			}
		}
		ksort( $counts );
		return $counts;
	}

	/**
	 * Rows of a constant query; none when the cache cannot be read.
	 *
	 * @param string $sql A constant query.
	 * @return list<array<string, mixed>>
	 */
	private function select( string $sql ): array {
		$pdo = $this->connection->pdo();
		if ( null === $pdo ) {
			return array();
		}
		try {
			$statement = $pdo->query( $sql );
			return false === $statement ? array() : array_values( $statement->fetchAll( \PDO::FETCH_ASSOC ) );
		} catch ( \Throwable $error ) {
			$this->connection->fail( $error );
			return array();
		}
	}
}
