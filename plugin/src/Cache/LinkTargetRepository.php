<?php
/**
 * Reads what a /go/ redirect needs from the cache.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- this is the daemon's SQLite cache, not the WordPress database: $wpdb cannot reach it.

/**
 * One indexed read per redirect: the product by primary key, its best offer through the
 * offers' (product_id, offer_key) index, its programme and template by primary key. Read-only;
 * on any cache failure it answers null (the connection has logged why).
 */
final class LinkTargetRepository {

	/**
	 * Columns of a link target, with the best offer picked as the card picks it.
	 */
	private const SELECT = <<<'SQL'
SELECT p.id, p.network, p.programme_id, p.title, p.status, p.gtin,
       o.merchant_name, o.landing_url, o.tracking_url,
       t.template AS link_template, t.tracking_host, g.valid_domains, g.deeplink_enabled
FROM products p
LEFT JOIN offers o ON o.id = (
  SELECT b.id FROM offers b WHERE b.product_id = p.id
  ORDER BY CASE b.availability WHEN 'in_stock' THEN 0 WHEN 'preorder' THEN 1 WHEN 'backorder' THEN 2
                               WHEN 'unknown' THEN 3 ELSE 4 END,
           b.price_minor IS NULL, b.price_minor, b.id
  LIMIT 1)
LEFT JOIN programmes g ON g.network = p.network AND g.programme_id = p.programme_id
LEFT JOIN link_templates t ON t.network = p.network AND t.programme_id = p.programme_id
SQL;

	/**
	 * The cache connection.
	 *
	 * @var CacheConnection
	 */
	private CacheConnection $connection;

	/**
	 * Builds the repository.
	 *
	 * @param CacheConnection $connection The cache connection.
	 */
	public function __construct( CacheConnection $connection ) {
		$this->connection = $connection;
	}

	/**
	 * The product with this id, gone or not; null when absent or the cache is unavailable.
	 *
	 * @param int $product_id Local product id.
	 */
	public function find( int $product_id ): ?LinkTarget {
		if ( $product_id < 1 ) {
			return null;
		}
		return $this->fetch_one( self::SELECT . ' WHERE p.id = :id', array( ':id' => $product_id ) );
	}

	/**
	 * An active product with the same GTIN in another feed, the one with an in-stock offer
	 * first; null when there is none.
	 *
	 * @param string $gtin       The gone product's GTIN.
	 * @param int    $except_id  The gone product itself.
	 */
	public function find_active_by_gtin( string $gtin, int $except_id ): ?LinkTarget {
		if ( '' === $gtin ) {
			return null;
		}
		return $this->fetch_one(
			self::SELECT . " WHERE p.gtin = :gtin AND p.id <> :id AND p.status = 'active' AND o.id IS NOT NULL
			ORDER BY o.availability = 'in_stock' DESC, p.id LIMIT 1",
			array(
				':gtin' => $gtin,
				':id'   => $except_id,
			)
		);
	}

	/**
	 * Which of these products are gone, for the admin's list of broken placements: one read.
	 *
	 * @param int[] $product_ids Local product ids.
	 * @return array<int, LinkTarget> Product id => its link data, gone products only.
	 */
	public function gone_among( array $product_ids ): array {
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $product_ids ), static fn ( int $id ): bool => $id > 0 ) ) );
		$pdo = $this->connection->pdo();
		if ( array() === $ids || null === $pdo ) {
			return array();
		}
		$gone = array();
		try {
			$statement = $pdo->prepare( self::SELECT . " WHERE p.status = 'gone' AND p.id IN (" . implode( ',', array_fill( 0, count( $ids ), '?' ) ) . ')' );
			foreach ( $ids as $index => $id ) {
				$statement->bindValue( $index + 1, $id, \PDO::PARAM_INT );
			}
			$statement->execute();
			foreach ( $statement->fetchAll( \PDO::FETCH_ASSOC ) as $row ) {
				$target                      = self::from_row( $row );
				$gone[ $target->product_id ] = $target;
			}
		} catch ( \Throwable $error ) {
			$this->connection->fail( $error );
			return array();
		}
		return $gone;
	}

	/**
	 * Runs one read and maps its first row.
	 *
	 * @param string                    $sql    Query with named placeholders.
	 * @param array<string, int|string> $params Placeholder values.
	 */
	private function fetch_one( string $sql, array $params ): ?LinkTarget {
		$pdo = $this->connection->pdo();
		if ( null === $pdo ) {
			return null;
		}
		try {
			$statement = $pdo->prepare( $sql );
			foreach ( $params as $name => $value ) {
				$statement->bindValue( $name, $value, is_int( $value ) ? \PDO::PARAM_INT : \PDO::PARAM_STR );
			}
			$statement->execute();
			$row = $statement->fetch( \PDO::FETCH_ASSOC );
			$statement->closeCursor();
		} catch ( \Throwable $error ) {
			$this->connection->fail( $error );
			return null;
		}
		return is_array( $row ) ? self::from_row( $row ) : null;
	}

	/**
	 * Maps a row.
	 *
	 * @param array<string, mixed> $row Column => value.
	 */
	private static function from_row( array $row ): LinkTarget {
		$text    = static fn ( string $key ): string => isset( $row[ $key ] ) && is_scalar( $row[ $key ] ) ? (string) $row[ $key ] : '';
		$nullish = static fn ( string $key ): ?string => '' === $text( $key ) ? null : $text( $key );
		$domains = json_decode( $text( 'valid_domains' ), true );

		return new LinkTarget(
			(int) $row['id'],
			$text( 'network' ),
			$text( 'programme_id' ),
			$text( 'title' ),
			$text( 'status' ),
			$nullish( 'gtin' ),
			$text( 'merchant_name' ),
			$text( 'landing_url' ),
			$nullish( 'tracking_url' ),
			$nullish( 'link_template' ),
			$nullish( 'tracking_host' ),
			is_array( $domains ) ? array_values( array_map( 'strval', array_filter( $domains, 'is_string' ) ) ) : array(),
			'1' === $text( 'deeplink_enabled' )
		);
	}
}
