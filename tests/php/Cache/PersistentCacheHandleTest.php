<?php
/**
 * Tests for the persistent SQLite handle web requests keep between page views.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Cache;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatus;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\Cache\SchemaVersion;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- the daemon's SQLite cache, not the WordPress database.

/**
 * CacheConnection with $persistent: each new connection stands for a new request in the same
 * PHP worker (PDO keeps persistent handles for the whole process, CLI included).
 */
final class PersistentCacheHandleTest extends AffluxTestCase {

	/**
	 * A mark set on a handle (a per-connection SQLite setting) to recognise it later.
	 */
	private const MARK = 4321;

	/**
	 * A second request on the same file reuses the first one's handle.
	 */
	public function test_the_same_file_reuses_the_handle(): void {
		$cache = $this->cache_with( 'Casque' );

		$this->mark( $this->connection( $cache->path ) );

		$this->assertSame( self::MARK, $this->mark_of( $this->connection( $cache->path ) ), 'the second request got the first one\'s handle' );
	}

	/**
	 * When the daemon replaces the cache file (a new file renamed over the old path), the next
	 * request reads the new file through a new handle, not the old, unlinked one.
	 */
	public function test_a_replaced_file_is_read_through_a_new_handle(): void {
		$cache = $this->cache_with( 'Ancien titre' );
		$first = $this->connection( $cache->path );
		$this->assertSame( 'Ancien titre', ( new ProductRepository( $first ) )->find_many( array( 1 ) )[1]->title );
		$this->mark( $first );

		$this->replace( $cache->path, $this->cache_with( 'Nouveau titre', 'next.sqlite' )->path );
		$next = $this->connection( $cache->path );

		$this->assertSame( 'Nouveau titre', ( new ProductRepository( $next ) )->find_many( array( 1 ) )[1]->title );
		$this->assertNotSame( self::MARK, $this->mark_of( $next ), 'a new handle for the new file' );
	}

	/**
	 * Files that replace a good cache after a persistent handle was opened on it.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function replacements(): array {
		return array(
			'deleted'       => array( CacheStatus::MISSING ),
			'garbage'       => array( CacheStatus::CORRUPT ),
			'wrong version' => array( CacheStatus::WRONG_VERSION ),
			'foreign'       => array( CacheStatus::CORRUPT ),
		);
	}

	/**
	 * A good cache replaced by a broken one: the next request reports why, logs it and returns
	 * nothing, as without a persistent handle.
	 *
	 * @dataProvider replacements
	 *
	 * @param string $state The expected CacheStatus state.
	 */
	public function test_a_broken_replacement_is_reported( string $state ): void {
		$cache = $this->cache_with( 'Casque' );
		$this->assertCount( 1, ( new ProductRepository( $this->connection( $cache->path ) ) )->find_many( array( 1 ) ) );

		$broken = $this->dir . '/broken.sqlite';
		switch ( $this->dataName() ) {
			case 'deleted':
				unlink( $cache->path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- test file.
				break;
			case 'garbage':
				file_put_contents( $broken, str_repeat( "\x00\xFFnot a database\x13\x37", 512 ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test file.
				$this->replace( $cache->path, $broken );
				break;
			case 'wrong version':
				$this->replace( $cache->path, $this->cache_with( 'Casque', 'broken.sqlite', SchemaVersion::EXPECTED + 1 )->path );
				break;
			default:
				$pdo = new \PDO( 'sqlite:' . $broken );
				$pdo->exec( 'CREATE TABLE notes (body TEXT); PRAGMA user_version = ' . SchemaVersion::EXPECTED . ';' );
				unset( $pdo );
				$this->replace( $cache->path, $broken );
		}

		$log_offset = $this->log_size();
		$repository = new ProductRepository( $this->connection( $cache->path ) );
		$this->assertSame( array(), $repository->find_many( array( 1 ) ) );
		$this->assertSame( $state, $repository->status()->state, $repository->status()->reason );
		$lines = $this->log_lines_since( $log_offset );
		$this->assertCount( 1, $lines, implode( "\n", $lines ) );
		$this->assertStringContainsString( 'Afflux: product cache unavailable (' . $state . ')', $lines[0] );
		$this->assertSame( $state, ( new CacheStatusLog() )->last()['state'] ?? null );
	}

	/**
	 * A migrated cache in this test's folder holding product 1 with $title, closed.
	 *
	 * @param string $title   Product title.
	 * @param string $name    File name.
	 * @param int    $version PRAGMA user_version.
	 */
	private function cache_with( string $title, string $name = 'cache.sqlite', int $version = SchemaVersion::EXPECTED ): CacheFixture {
		$cache = new CacheFixture( $this->dir . '/' . $name, $version );
		$cache->add_programme();
		$cache->add_product( array( 'title' => $title ) );
		$cache->close();
		return $cache;
	}

	/**
	 * A new request's persistent connection to $path.
	 *
	 * @param string $path Cache file.
	 */
	private function connection( string $path ): CacheConnection {
		return new CacheConnection( $path, new CacheStatusLog(), 50, true );
	}

	/**
	 * Renames $new over $path, as the daemon replaces its cache.
	 *
	 * @param string $path The cache's path.
	 * @param string $new  The replacement.
	 */
	private function replace( string $path, string $new ): void {
		$this->assertTrue( rename( $new, $path ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.rename_rename -- test file.
	}

	/**
	 * Marks the connection's SQLite handle.
	 *
	 * @param CacheConnection $connection An open connection.
	 */
	private function mark( CacheConnection $connection ): void {
		$pdo = $connection->pdo();
		$this->assertNotNull( $pdo );
		$pdo->exec( 'PRAGMA cache_size = ' . self::MARK );
	}

	/**
	 * The mark of the connection's SQLite handle.
	 *
	 * @param CacheConnection $connection An open connection.
	 */
	private function mark_of( CacheConnection $connection ): int {
		$pdo = $connection->pdo();
		$this->assertNotNull( $pdo );
		return (int) $pdo->query( 'PRAGMA cache_size' )->fetchColumn();
	}
}
