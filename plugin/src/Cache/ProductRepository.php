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
	 * then the lowest known price. The last catalogue sync is read once per network (a joined
	 * group), not once per product row: sync_runs grows with every run.
	 */
	private const SELECT = <<<'SQL'
SELECT p.id, p.network, p.programme_id, p.title, p.brand, p.image_url, p.status, p.checked_at,
       o.merchant_name, o.landing_url, o.tracking_url, o.price_minor, o.currency, o.availability,
       o.promo_code, o.checked_at AS offer_checked_at,
       g.name AS programme_name, g.commission_type, g.commission_min, g.commission_max,
       g.currency AS programme_currency, g.cookie_days, g.validation_days,
       g.valid_domains, g.deeplink_enabled, p.gtin,
       t.template AS link_template, t.tracking_host,
       s.catalogue_synced_at
FROM products p
LEFT JOIN offers o ON o.id = (
  SELECT b.id FROM offers b WHERE b.product_id = p.id
  ORDER BY CASE b.availability WHEN 'in_stock' THEN 0 WHEN 'preorder' THEN 1 WHEN 'backorder' THEN 2
                               WHEN 'unknown' THEN 3 ELSE 4 END,
           b.price_minor IS NULL, b.price_minor, b.id
  LIMIT 1)
LEFT JOIN programmes g ON g.network = p.network AND g.programme_id = p.programme_id
LEFT JOIN (SELECT network, MAX(finished_at) AS catalogue_synced_at FROM sync_runs
           WHERE kind = 'catalogue' AND status = 'ok' GROUP BY network) s ON s.network = p.network
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
	 * Active products whose title, brand or category match the words in $query, narrowed by
	 * $filters and in their order: best match first (the most recently added ones when $query
	 * holds no word), highest estimated commission first, or cheapest first.
	 *
	 * @param string                    $query   What the blogger typed; never passed to MATCH as is.
	 * @param int                       $limit   Maximum number of products, 1 to 50.
	 * @param ProductSearchFilters|null $filters Network, merchant, stock and sort.
	 * @param string                    $category Only this category (case-insensitive), '' for any.
	 * @return list<Product>
	 */
	public function search( string $query, int $limit, ?ProductSearchFilters $filters = null, string $category = '' ): array {
		$filters = $filters ?? new ProductSearchFilters();
		$params  = array( ':limit' => max( 1, min( 50, $limit ) ) );
		$match   = FtsQuery::from_words( $query );
		$joins   = '';
		$where   = array( "h.status = 'active'" );

		if ( null !== $match ) {
			$joins           .= ' JOIN products_fts ON products_fts.rowid = h.id';
			$where[]          = 'products_fts MATCH :match';
			$params[':match'] = $match;
		}
		if ( '' !== $filters->network ) {
			$where[]            = 'h.network = :network';
			$params[':network'] = $filters->network;
		}
		if ( '' !== $filters->programme_id ) {
			$where[]              = 'h.programme_id = :programme';
			$params[':programme'] = $filters->programme_id;
		}
		if ( '' !== $category ) {
			$where[]             = 'h.category = :category COLLATE NOCASE';
			$params[':category'] = $category;
		}
		if ( $filters->in_stock ) {
			// The best offer is in stock exactly when some offer is (in-stock offers sort first).
			$where[] = "EXISTS (SELECT 1 FROM offers s WHERE s.product_id = h.id AND s.availability = 'in_stock')";
		}

		$lowest_price = '(SELECT MIN(s.price_minor) FROM offers s WHERE s.product_id = h.id)';
		switch ( $filters->sort() ) {
			case ProductSearchFilters::SORT_PRICE:
				$order = $lowest_price . ' IS NULL, ' . $lowest_price . ', h.id';
				break;
			case ProductSearchFilters::SORT_COMMISSION:
				// Percentages and fixed amounts are made comparable as the commission on one sale.
				$joins .= ' LEFT JOIN programmes hg ON hg.network = h.network AND hg.programme_id = h.programme_id';
				$order  = "CASE hg.commission_type WHEN 'percentage' THEN " . $lowest_price . " * hg.commission_max / 10000.0
				           WHEN 'fixed' THEN hg.commission_max END DESC NULLS LAST, h.id DESC";
				break;
			default:
				$order = null !== $match ? 'products_fts.rank' : 'h.id DESC';
		}

		return $this->fetch(
			'WITH hits AS (
			   SELECT h.id AS id, ROW_NUMBER() OVER (ORDER BY ' . $order . ') AS position
			   FROM products h' . $joins . '
			   WHERE ' . implode( ' AND ', $where ) . '
			   ORDER BY position LIMIT :limit
			 ) ' . self::SELECT . ' JOIN hits ON hits.id = p.id ORDER BY hits.position',
			$params
		);
	}

	/**
	 * A product list's saved query: active, in-stock products of a network, merchant and
	 * category (each optional), best first by estimated commission or lowest price. One query.
	 *
	 * @param ProductSearchFilters $filters  Network, merchant and sort (commission or price); in stock is implied.
	 * @param string               $category Category name as the feed gives it (case-insensitive), '' for any.
	 * @param int                  $limit    Maximum number of products, 1 to 50.
	 * @return list<Product>
	 */
	public function top_products( ProductSearchFilters $filters, string $category, int $limit ): array {
		$filters = new ProductSearchFilters(
			$filters->network,
			$filters->programme_id,
			true,
			ProductSearchFilters::SORT_PRICE === $filters->sort() ? ProductSearchFilters::SORT_PRICE : ProductSearchFilters::SORT_COMMISSION
		);
		return $this->search( '', $limit, $filters, $category );
	}

	/**
	 * The programmes (merchants) of the cache, by network then name, for the picker's filter.
	 *
	 * @return list<array{network: string, programme_id: string, name: string}>
	 */
	public function programmes(): array {
		$rows = $this->rows( 'SELECT network, programme_id, name FROM programmes ORDER BY network, name COLLATE NOCASE', array() );
		if ( null === $rows ) {
			return array();
		}
		$programmes = array();
		foreach ( $rows as $row ) {
			$programmes[] = array(
				'network'      => (string) $row['network'],
				'programme_id' => (string) $row['programme_id'],
				'name'         => (string) $row['name'],
			);
		}
		return $programmes;
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

		// Positive integers only (cast and filtered above), so written into the statement: it
		// prepares and runs about 8% faster than with one bound placeholder per id.
		$by_id = array();
		foreach ( $this->fetch( self::SELECT . ' WHERE p.id IN (' . implode( ', ', $ids ) . ')', array() ) as $product ) {
			$by_id[ $product->id ] = $product;
		}
		return $by_id;
	}

	/**
	 * For each product, an available replacement in one query: an active product with an
	 * in-stock offer and the same GTIN, else the first one of the same merchant (programme).
	 * Only run for products a page cannot sell, so an ordinary page still costs one query.
	 *
	 * @param Product[] $unavailable Products gone or out of stock.
	 * @return array<int, Product> Replacement by the id of the product it replaces.
	 */
	public function find_alternatives( array $unavailable ): array {
		$rows   = array();
		$params = array();
		foreach ( array_slice( array_values( $unavailable ), 0, self::MAX_IDS ) as $index => $product ) {
			$rows[]                  = "(:o{$index}, :g{$index}, :n{$index}, :m{$index})";
			$params[ ':o' . $index ] = $product->id;
			$params[ ':g' . $index ] = $product->gtin ?? '';
			$params[ ':n' . $index ] = $product->network;
			$params[ ':m' . $index ] = $product->programme_id;
		}
		if ( array() === $rows ) {
			return array();
		}

		$in_stock = "a.status = 'active' AND a.id <> w.original
		             AND EXISTS (SELECT 1 FROM offers s WHERE s.product_id = a.id AND s.availability = 'in_stock')";
		$sql      = 'WITH wanted (original, gtin, network, programme_id) AS (VALUES ' . implode( ', ', $rows ) . '),
		  picked AS (
		    SELECT w.original, COALESCE(
		      (SELECT a.id FROM products a WHERE w.gtin <> \'\' AND a.gtin = w.gtin AND ' . $in_stock . ' ORDER BY a.id LIMIT 1),
		      (SELECT a.id FROM products a WHERE a.network = w.network AND a.programme_id = w.programme_id AND ' . $in_stock . ' ORDER BY a.id LIMIT 1)
		    ) AS alternative
		    FROM wanted w
		  ) ' . preg_replace( '/^SELECT /', 'SELECT picked.original AS alternative_for, ', self::SELECT ) . ' JOIN picked ON picked.alternative = p.id';

		$alternatives = array();
		foreach ( $this->rows( $sql, $params ) ?? array() as $row ) {
			$alternatives[ (int) $row['alternative_for'] ] = Product::from_row( $row );
		}
		return $alternatives;
	}

	/**
	 * Products whose price or availability changed at or after $since (offers.changed_at, an
	 * ISO 8601 UTC string written by the daemon), with their latest change: one query on the
	 * offers_changed index. Null when the cache cannot be read.
	 *
	 * @param string $since ISO 8601 UTC time, as the daemon writes it.
	 * @return array<int, string>|null changed_at by product id.
	 */
	public function changed_since( string $since ): ?array {
		$rows = $this->rows( 'SELECT product_id, MAX(changed_at) AS changed_at FROM offers WHERE changed_at >= :since GROUP BY product_id', array( ':since' => $since ) );
		if ( null === $rows ) {
			return null;
		}
		$changed = array();
		foreach ( $rows as $row ) {
			$changed[ (int) $row['product_id'] ] = (string) $row['changed_at'];
		}
		return $changed;
	}

	/**
	 * The latest offers.changed_at of the cache; '' when it holds no offer, null when it
	 * cannot be read.
	 */
	public function latest_change(): ?string {
		$rows = $this->rows( 'SELECT MAX(changed_at) AS changed_at FROM offers', array() );
		return null === $rows ? null : (string) ( $rows[0]['changed_at'] ?? '' );
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
		$products = array();
		foreach ( $this->rows( $sql, $params ) ?? array() as $row ) {
			$products[] = Product::from_row( $row );
		}
		return $products;
	}

	/**
	 * Runs one read; null when the cache is unavailable or the query failed.
	 *
	 * @param string                    $sql    Query with named placeholders.
	 * @param array<string, int|string> $params Placeholder values.
	 * @return list<array<string, mixed>>|null
	 */
	private function rows( string $sql, array $params ): ?array {
		$pdo = $this->connection->pdo();
		if ( null === $pdo ) {
			return null;
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
			return null;
		}
		return array_values( $rows );
	}
}
