<?php
/**
 * Builds cache files for tests from the daemon's own migrations.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Support;

use Afflux\Cache\SchemaVersion;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- writes a test copy of the daemon's SQLite cache.

/**
 * A cache file in a temporary folder, created by running daemon/src/store/migrations/*.sql in
 * order (the schema's single source of truth) and setting PRAGMA user_version, with helpers
 * that insert rows.
 */
final class CacheFixture {

	/**
	 * Path of the cache file.
	 *
	 * @var string
	 */
	public string $path;

	/**
	 * Writer connection.
	 *
	 * @var \PDO
	 */
	public \PDO $pdo;

	/**
	 * Next product id.
	 *
	 * @var int
	 */
	private int $next_id = 1;

	/**
	 * Creates a migrated cache at $path.
	 *
	 * @param string $path    Cache file to create.
	 * @param int    $version PRAGMA user_version to set after migrating.
	 * @throws \RuntimeException When the daemon's migrations cannot be found.
	 */
	public function __construct( string $path, int $version = SchemaVersion::EXPECTED ) {
		$this->path = $path;
		$this->pdo  = new \PDO( 'sqlite:' . $path, null, null, array( \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION ) );

		$migrations = glob( dirname( __DIR__, 3 ) . '/daemon/src/store/migrations/*.sql' );
		if ( false === $migrations || array() === $migrations ) {
			throw new \RuntimeException( 'No daemon migrations found.' );
		}
		sort( $migrations, SORT_STRING );
		foreach ( $migrations as $migration ) {
			$this->pdo->exec( (string) file_get_contents( $migration ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local file.
		}
		$this->pdo->exec( 'PRAGMA user_version = ' . $version );
	}

	/**
	 * A fresh temporary folder for one test's files.
	 */
	public static function temp_dir(): string {
		$dir = sys_get_temp_dir() . '/afflux-test-' . bin2hex( random_bytes( 6 ) );
		mkdir( $dir, 0700, true );
		return $dir;
	}

	/**
	 * Inserts a programme (awin 1001 by default) with its link template.
	 *
	 * @param array<string, mixed> $overrides Column values.
	 */
	public function add_programme( array $overrides = array() ): void {
		$row = array_merge(
			array(
				'network'          => 'awin',
				'programme_id'     => '1001',
				'name'             => 'Boutique Exemple',
				'currency'         => 'EUR',
				'deeplink_enabled' => 1,
				'commission_type'  => 'percentage',
				'commission_min'   => 500,
				'commission_max'   => 1250,
				'cookie_days'      => 30,
				'validation_days'  => 45,
				'updated_at'       => '2026-11-21T08:00:00Z',
			),
			$overrides
		);
		$this->insert( 'programmes', $row );
	}

	/**
	 * Inserts the link template of a programme.
	 *
	 * @param array<string, mixed> $overrides Column values.
	 */
	public function add_link_template( array $overrides = array() ): void {
		$this->insert(
			'link_templates',
			array_merge(
				array(
					'network'       => 'awin',
					'programme_id'  => '1001',
					'template'      => 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456&clickref={sub_id}&ued={landing_url}',
					'tracking_host' => 'www.awin1.com',
					'updated_at'    => '2026-11-21T08:00:00Z',
				),
				$overrides
			)
		);
	}

	/**
	 * Inserts a product with one offer; returns its id.
	 *
	 * @param array<string, mixed> $product Product column values.
	 * @param array<string, mixed> $offer   Offer column values; null for no offer.
	 */
	public function add_product( array $product = array(), ?array $offer = array() ): int {
		$id  = $this->next_id++;
		$row = array_merge(
			array(
				'id'           => $id,
				'network'      => 'awin',
				'product_key'  => 'sku-' . $id,
				'programme_id' => '1001',
				'title'        => 'Casque audio ' . $id,
				'brand'        => 'Sonique',
				'category'     => 'Audio',
				'image_url'    => 'https://cdn.boutique-exemple.fr/img/' . $id . '.jpg',
				'content_hash' => 'hash-' . $id,
				'checked_at'   => '2026-11-21T08:00:00Z',
			),
			$product
		);
		$this->insert( 'products', $row );
		$this->next_id = max( $this->next_id, (int) $row['id'] + 1 );

		if ( null !== $offer ) {
			$this->add_offer( (int) $row['id'], $offer );
		}
		return (int) $row['id'];
	}

	/**
	 * Inserts an offer for a product.
	 *
	 * @param int                  $product_id Product id.
	 * @param array<string, mixed> $overrides  Column values.
	 */
	public function add_offer( int $product_id, array $overrides = array() ): void {
		$this->insert(
			'offers',
			array_merge(
				array(
					'product_id'    => $product_id,
					'offer_key'     => '',
					'merchant_name' => 'Boutique Exemple',
					'landing_url'   => 'https://www.boutique-exemple.fr/produit/' . $product_id,
					'price_minor'   => 1290,
					'currency'      => 'EUR',
					'availability'  => 'in_stock',
					'checked_at'    => '2026-11-21T08:00:00Z',
					'changed_at'    => '2026-11-21T08:00:00Z',
				),
				$overrides
			)
		);
	}

	/**
	 * Puts the cache in a state a reader cannot use and returns the path the reader should open:
	 * "missing" (a file that does not exist), "corrupt" (a file of random bytes), "wrong_version"
	 * (this cache at a schema version the plugin does not expect) or "locked" (this cache held by
	 * an exclusive transaction: the caller ends it with ROLLBACK).
	 *
	 * @param string $state One of the states above.
	 * @param string $dir   A temporary folder for the missing and corrupt files.
	 * @throws \InvalidArgumentException For another state.
	 */
	public function break_for_readers( string $state, string $dir ): string {
		switch ( $state ) {
			case 'missing':
				return $dir . '/nowhere.sqlite';
			case 'corrupt':
				$path = $dir . '/garbage.sqlite';
				file_put_contents( $path, random_bytes( 8192 ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test file.
				return $path;
			case 'wrong_version':
				$this->pdo->exec( 'PRAGMA user_version = 7' );
				return $this->path;
			case 'locked':
				$this->pdo->exec( 'BEGIN EXCLUSIVE' );
				return $this->path;
		}
		throw new \InvalidArgumentException( 'Unknown broken cache state: ' . $state );
	}

	/**
	 * Closes the writer, so readers see a file nobody holds.
	 */
	public function close(): void {
		unset( $this->pdo );
	}

	/**
	 * Inserts a row.
	 *
	 * @param string               $table Table name (from this class only).
	 * @param array<string, mixed> $row   Column values.
	 */
	private function insert( string $table, array $row ): void {
		$columns   = array_keys( $row );
		$statement = $this->pdo->prepare(
			'INSERT INTO ' . $table . ' (' . implode( ', ', $columns ) . ') VALUES (:' . implode( ', :', $columns ) . ')'
		);
		foreach ( $row as $column => $value ) {
			$statement->bindValue( ':' . $column, $value );
		}
		$statement->execute();
	}
}
