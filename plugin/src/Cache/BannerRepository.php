<?php
/**
 * Reads banners (creatives) from the cache.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- this is the daemon's SQLite cache, not the WordPress database: $wpdb cannot reach it.

/**
 * The only reader of the banners table: a programme's creatives for the editor, and the
 * creatives of a page in one query. On any cache failure it returns nothing.
 */
final class BannerRepository {

	private const COLUMNS = 'network, banner_id, programme_id, name, width, height, image_url, landing_url';

	/**
	 * Most creatives read at once.
	 */
	private const MAX = 200;

	/**
	 * The cache connection.
	 *
	 * @var CacheConnection
	 */
	private CacheConnection $connection;

	/**
	 * SQL queries run by this repository, for tests and benchmarks.
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
	 * A programme's creatives, largest first, optionally of one size.
	 *
	 * @param string   $network      Network name.
	 * @param string   $programme_id Programme id.
	 * @param int|null $width        Only this width, null for any.
	 * @param int|null $height       Only this height, null for any.
	 * @return list<Banner>
	 */
	public function for_programme( string $network, string $programme_id, ?int $width = null, ?int $height = null ): array {
		$sql    = 'SELECT ' . self::COLUMNS . ' FROM banners WHERE network = :network AND programme_id = :programme';
		$params = array(
			':network'   => $network,
			':programme' => $programme_id,
		);
		if ( null !== $width && null !== $height ) {
			$sql              .= ' AND width = :width AND height = :height';
			$params[':width']  = $width;
			$params[':height'] = $height;
		}
		$rows = $this->rows( $sql . ' ORDER BY COALESCE(width * height, 0) DESC, banner_id LIMIT ' . self::MAX, $params );
		return array_map( array( Banner::class, 'from_row' ), $rows );
	}

	/**
	 * The creatives with these network/banner id pairs, keyed "network/banner_id", in one query.
	 *
	 * @param list<array{0: string, 1: string}> $keys Network and banner id pairs.
	 * @return array<string, Banner>
	 */
	public function find_many( array $keys ): array {
		$pairs  = array();
		$params = array();
		foreach ( array_slice( $keys, 0, self::MAX ) as $index => $key ) {
			$pairs[]                 = "(network = :n{$index} AND banner_id = :b{$index})";
			$params[ ':n' . $index ] = $key[0];
			$params[ ':b' . $index ] = $key[1];
		}
		if ( array() === $pairs ) {
			return array();
		}
		$found = array();
		foreach ( $this->rows( 'SELECT ' . self::COLUMNS . ' FROM banners WHERE ' . implode( ' OR ', $pairs ), $params ) as $row ) {
			$banner = Banner::from_row( $row );
			$found[ $banner->network . '/' . $banner->banner_id ] = $banner;
		}
		return $found;
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
	 * Runs one read; no rows when the cache is unavailable or the query failed.
	 *
	 * @param string                    $sql    Query with named placeholders.
	 * @param array<string, int|string> $params Placeholder values.
	 * @return list<array<string, mixed>>
	 */
	private function rows( string $sql, array $params ): array {
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
		return array_values( $rows );
	}
}
