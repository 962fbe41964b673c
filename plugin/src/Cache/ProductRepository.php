<?php
/**
 * Reads products from the cache.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- this is the daemon's SQLite cache, not the WordPress database: $wpdb cannot reach it.

/**
 * The only reader of products: each call is one SQL query joining the product, its best offer,
 * its programme and its link template. On any cache failure it returns nothing; the connection
 * has already logged and recorded why.
 */
final class ProductRepository {

	/**
	 * The columns every read returns, with the best offer picked per product: in stock first,
	 * then the lowest known price.
	 */
	private const SELECT = <<<'SQL'
SELECT p.id, p.network, p.programme_id, p.title, p.brand, p.image_url, p.status, p.checked_at,
       o.merchant_name, o.landing_url, o.tracking_url, o.price_minor, o.currency, o.availability,
       o.promo_code, o.checked_at AS offer_checked_at,
       g.name AS programme_name, g.commission_type, g.commission_min, g.commission_max,
       g.currency AS programme_currency, g.cookie_days, g.validation_days,
       t.template AS link_template, t.tracking_host
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
	 * Most ids find_many() reads at once; a post never holds that many cards.
	 */
	private const MAX_IDS = 500;

	/**
	 * The cache connection.
	 *
	 * @var CacheConnection
	 */
	private CacheConnection $connection;

	/**
	 * SQL queries run against the cache by this repository, for tests and benchmarks.
	 *
	 * @var int
	 */
	private int $query_count = 0;

	/**
	 * Builds the repository.
	 *
	 * @param CacheConnection $connection The cache connection.
	 */
	public function __construct( CacheConnection $connection ) {
		$this->connection = $connection;
	}

	/**
	 * Active products whose title, brand or category match the words in $query, best match
	 * first; the most recently added ones when $query holds no word.
	 *
	 * @param string $query What the blogger typed; never passed to MATCH as is.
	 * @param int    $limit Maximum number of products, 1 to 50.
	 * @return list<Product>
	 */
	public function search( string $query, int $limit ): array {
		$limit = max( 1, min( 50, $limit ) );
		$match = FtsQuery::from_words( $query );

		if ( null === $match ) {
			return $this->fetch(
				self::SELECT . " WHERE p.status = 'active' ORDER BY p.id DESC LIMIT :limit",
				array( ':limit' => $limit )
			);
		}

		return $this->fetch(
			'WITH hits AS (
			   SELECT products_fts.rowid AS id, products_fts.rank AS rank FROM products_fts
			   JOIN products h ON h.id = products_fts.rowid AND h.status = \'active\'
			   WHERE products_fts MATCH :match ORDER BY products_fts.rank LIMIT :limit
			 ) ' . self::SELECT . ' JOIN hits ON hits.id = p.id ORDER BY hits.rank',
			array(
				':match' => $match,
				':limit' => $limit,
			)
		);
	}

	/**
	 * The products with these ids (gone ones included), keyed by id, in one query. Ids not in
	 * the cache are simply absent.
	 *
	 * @param int[] $ids Product ids.
	 * @return array<int, Product>
	 */
	public function find_many( array $ids ): array {
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ), static fn ( int $id ): bool => $id > 0 ) ) );
		if ( array() === $ids ) {
			return array();
		}
		$ids = array_slice( $ids, 0, self::MAX_IDS );

		$params = array();
		foreach ( $ids as $index => $id ) {
			$params[ ':id' . $index ] = $id;
		}

		$by_id = array();
		foreach ( $this->fetch( self::SELECT . ' WHERE p.id IN (' . implode( ', ', array_keys( $params ) ) . ')', $params ) as $product ) {
			$by_id[ $product->id ] = $product;
		}
		return $by_id;
	}

	/**
	 * Whether the cache can be read; opens it if not done yet.
	 */
	public function status(): CacheStatus {
		return $this->connection->status();
	}

	/**
	 * How many SQL queries this repository has run.
	 */
	public function query_count(): int {
		return $this->query_count;
	}

	/**
	 * Runs one read and maps its rows; an empty list when the cache is unavailable.
	 *
	 * @param string                    $sql    Query with named placeholders.
	 * @param array<string, int|string> $params Placeholder values.
	 * @return list<Product>
	 */
	private function fetch( string $sql, array $params ): array {
		$pdo = $this->connection->pdo();
		if ( null === $pdo ) {
			return array();
		}

		try {
			++$this->query_count;
			$statement = $pdo->prepare( $sql );
			foreach ( $params as $name => $value ) {
				$statement->bindValue( $name, $value, is_int( $value ) ? \PDO::PARAM_INT : \PDO::PARAM_STR );
			}
			$statement->execute();
			$rows = $statement->fetchAll( \PDO::FETCH_ASSOC );
		} catch ( \Throwable $error ) {
			$this->connection->fail( $error );
			return array();
		}

		$products = array();
		foreach ( $rows as $row ) {
			$products[] = Product::from_row( $row );
		}
		return $products;
	}
}
