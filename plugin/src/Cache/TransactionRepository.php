<?php
/**
 * Reads the daemon's transactions table, grouped for the earnings views.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- the daemon's SQLite cache, not the WordPress database.

/**
 * Sums of commissions per status and currency, grouped by whatever a view asks for (day, week,
 * month, network, merchant, sub id), over a date range; and the raw rows for the CSV export.
 * Money stays in integer minor units with its currency.
 *
 * @phpstan-type Sum array{status: string, currency: string, count: int, commission_minor: int, sale_minor: int}
 */
final class TransactionRepository {

	/**
	 * The groupings a view may ask for: name => SQL expression over transactions t / programmes p.
	 */
	private const GROUPS = array(
		'day'           => 'substr(t.transaction_at, 1, 10)',
		'week'          => "date(substr(t.transaction_at, 1, 10), '-6 days', 'weekday 1')",
		'month'         => 'substr(t.transaction_at, 1, 7)',
		'network'       => 't.network',
		'merchant'      => "t.network || ':' || t.programme_id",
		'merchant_name' => 'COALESCE(p.name, t.programme_id)',
		'sub_id'        => "COALESCE(t.sub_id, '')",
	);

	/**
	 * Builds the repository.
	 *
	 * @param CacheConnection $connection The read-only cache connection.
	 */
	public function __construct( private readonly CacheConnection $connection ) {
	}

	/**
	 * Sums per status and currency, grouped by the given groupings, for transactions dated in
	 * [from, to] (UTC days, inclusive), optionally of one network or one post's sub ids.
	 *
	 * @param string[]    $groups  Keys of GROUPS.
	 * @param string      $from    First day, Y-m-d.
	 * @param string      $to      Last day, Y-m-d.
	 * @param string|null $network Only this network.
	 * @param int|null    $post_id Only transactions whose sub id names this post.
	 * @return list<array<string, string|int>> Each row: the group values, status, currency, count, commission_minor, sale_minor.
	 * @throws \InvalidArgumentException For an unknown grouping (a programming error).
	 */
	public function sums( array $groups, string $from, string $to, ?string $network = null, ?int $post_id = null ): array {
		$select = array();
		foreach ( $groups as $group ) {
			if ( ! isset( self::GROUPS[ $group ] ) ) {
				throw new \InvalidArgumentException( 'Unknown grouping: ' . $group ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a programming error, never shown.
			}
			$select[] = self::GROUPS[ $group ] . ' AS ' . $group;
		}
		list( $where, $params ) = $this->where( $from, $to, $network, $post_id );
		$columns                = array_merge( $select, array( 't.status', 't.currency', 'COUNT(*) AS count', 'SUM(t.commission_minor) AS commission_minor', 'COALESCE(SUM(t.sale_minor), 0) AS sale_minor' ) );
		// Grouped by the expressions, not the aliases: an alias such as network is ambiguous beside the join.
		$group_by = array_merge( array_map( static fn ( string $group ): string => self::GROUPS[ $group ], $groups ), array( 't.status', 't.currency' ) );
		$sql      = 'SELECT ' . implode( ', ', $columns ) . ' FROM transactions t LEFT JOIN programmes p ON p.network = t.network AND p.programme_id = t.programme_id WHERE ' . $where . ' GROUP BY ' . implode( ', ', $group_by ) . ' ORDER BY ' . implode( ', ', $group_by );

		$rows = array();
		foreach ( $this->select( $sql, $params ) as $row ) {
			$clean = array();
			foreach ( $groups as $group ) {
				$clean[ $group ] = (string) $row[ $group ];
			}
			$clean['status']           = (string) $row['status'];
			$clean['currency']         = (string) $row['currency'];
			$clean['count']            = (int) $row['count'];
			$clean['commission_minor'] = (int) $row['commission_minor'];
			$clean['sale_minor']       = (int) $row['sale_minor'];
			$rows[]                    = $clean;
		}
		return $rows;
	}

	/**
	 * The transactions themselves, oldest first, for the CSV export.
	 *
	 * @param string      $from    First day, Y-m-d.
	 * @param string      $to      Last day, Y-m-d.
	 * @param string|null $network Only this network.
	 * @return list<array<string, string|int|null>>
	 */
	public function rows( string $from, string $to, ?string $network = null ): array {
		list( $where, $params ) = $this->where( $from, $to, $network, null );
		$rows                   = $this->select(
			'SELECT t.network, t.transaction_id, t.programme_id, COALESCE(p.name, t.programme_id) AS merchant, t.status, t.network_status,
			        t.sale_minor, t.commission_minor, t.currency, t.sub_id, t.order_ref, t.click_at, t.transaction_at, t.validated_at, t.paid_at
			 FROM transactions t LEFT JOIN programmes p ON p.network = t.network AND p.programme_id = t.programme_id
			 WHERE ' . $where . ' ORDER BY t.transaction_at, t.network, t.transaction_id',
			$params
		);
		return array_map(
			static function ( array $row ): array {
				$row['sale_minor']       = null === $row['sale_minor'] ? null : (int) $row['sale_minor'];
				$row['commission_minor'] = (int) $row['commission_minor'];
				return $row;
			},
			$rows
		);
	}

	/**
	 * The WHERE clause and its parameters.
	 *
	 * @param string      $from    First day, Y-m-d.
	 * @param string      $to      Last day, Y-m-d.
	 * @param string|null $network Only this network.
	 * @param int|null    $post_id Only this post's sub ids.
	 * @return array{0: string, 1: list<string>}
	 */
	private function where( string $from, string $to, ?string $network, ?int $post_id ): array {
		// Times are ISO 8601 UTC text: comparing them as text is comparing them as times.
		$where  = array( 't.transaction_at >= ?', 't.transaction_at < ?' );
		$params = array( $from . 'T00:00:00Z', gmdate( 'Y-m-d', (int) strtotime( $to . ' +1 day UTC' ) ) . 'T00:00:00Z' );
		if ( null !== $network ) {
			$where[]  = 't.network = ?';
			$params[] = $network;
		}
		if ( null !== $post_id ) {
			// p12 or p12_<placement>: the underscore is escaped, LIKE would take it as a wildcard.
			$where[]  = "(t.sub_id = ? OR t.sub_id LIKE ? ESCAPE '\\')";
			$params[] = 'p' . $post_id;
			$params[] = 'p' . $post_id . '\\_%';
		}
		return array( implode( ' AND ', $where ), $params );
	}

	/**
	 * Rows of a prepared query; none when the cache cannot be read.
	 *
	 * @param string   $sql    Query with ? placeholders.
	 * @param string[] $params Values.
	 * @return list<array<string, mixed>>
	 */
	private function select( string $sql, array $params ): array {
		$pdo = $this->connection->pdo();
		if ( null === $pdo ) {
			return array();
		}
		try {
			$statement = $pdo->prepare( $sql );
			$statement->execute( $params );
			return array_values( $statement->fetchAll( \PDO::FETCH_ASSOC ) );
		} catch ( \Throwable $error ) {
			$this->connection->fail( $error );
			return array();
		}
	}
}
