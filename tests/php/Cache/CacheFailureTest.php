<?php
/**
 * Tests for unavailable caches.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Cache;

use Afflux\Cache\CacheStatus;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\SchemaVersion;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- holds a lock on a test SQLite file.

/**
 * A missing, corrupt, wrong-version or locked cache gives empty results, no PHP warning
 * (the base class turns warnings into exceptions), one log line and a recorded status.
 */
final class CacheFailureTest extends AffluxTestCase {

	/**
	 * A file that does not exist.
	 */
	public function test_missing_cache(): void {
		$this->assert_unavailable( $this->dir . '/absent.sqlite', CacheStatus::MISSING );
	}

	/**
	 * Garbage bytes instead of a database.
	 */
	public function test_corrupt_cache(): void {
		$path = $this->dir . '/garbage.sqlite';
		file_put_contents( $path, str_repeat( "\x00\xFFnot a database\x13\x37", 512 ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test file.
		$this->assert_unavailable( $path, CacheStatus::CORRUPT );
	}

	/**
	 * A valid SQLite file that is not an Afflux cache.
	 */
	public function test_foreign_database(): void {
		$path = $this->dir . '/other.sqlite';
		$pdo  = new \PDO( 'sqlite:' . $path );
		$pdo->exec( 'CREATE TABLE notes (body TEXT); PRAGMA user_version = ' . SchemaVersion::EXPECTED . ';' );
		unset( $pdo );
		$this->assert_unavailable( $path, CacheStatus::CORRUPT );
	}

	/**
	 * A cache of another schema version.
	 */
	public function test_wrong_version_cache(): void {
		$newer = SchemaVersion::EXPECTED + 1;
		$cache = $this->fixture( $newer );
		$cache->add_product();
		$cache->close();
		$status = $this->assert_unavailable( $cache->path, CacheStatus::WRONG_VERSION );
		$this->assertStringContainsString( (string) $newer, $status->reason );
	}

	/**
	 * A cache locked by a writer for longer than the busy timeout.
	 */
	public function test_locked_cache(): void {
		$cache = $this->fixture();
		$cache->add_product();
		$cache->pdo->exec( 'BEGIN EXCLUSIVE' );
		try {
			$this->assert_unavailable( $cache->path, CacheStatus::LOCKED );
		} finally {
			$cache->pdo->exec( 'ROLLBACK' );
		}
	}

	/**
	 * An empty file nobody migrated counts as missing.
	 */
	public function test_empty_file_counts_as_missing(): void {
		$path = $this->dir . '/empty.sqlite';
		touch( $path );
		$this->assert_unavailable( $path, CacheStatus::MISSING );
	}

	/**
	 * Once the cache is readable again, the recorded problem is cleared.
	 */
	public function test_healthy_cache_clears_the_recorded_problem(): void {
		( new CacheStatusLog() )->record( CacheStatus::missing() );
		$this->assertNotNull( ( new CacheStatusLog() )->last() );

		$this->repository( $this->fixture()->path )->find_many( array( 1 ) );

		$this->assertNull( ( new CacheStatusLog() )->last() );
	}

	/**
	 * Reads from $path return nothing, the status says why, one log line, the option records it.
	 *
	 * @param string $path  Cache file.
	 * @param string $state Expected CacheStatus state.
	 */
	private function assert_unavailable( string $path, string $state ): CacheStatus {
		$log_offset = $this->log_size();
		$repository = $this->repository( $path );

		$this->assertSame( array(), $repository->find_many( array( 1, 2 ) ) );
		$this->assertSame( array(), $repository->search( 'casque', 10 ) );
		$this->assertSame( array(), $repository->search( '', 10 ) );

		$status = $repository->status();
		$this->assertSame( $state, $status->state, $status->reason );
		$this->assertNotSame( '', $status->reason );
		$this->assertNotSame( '', $status->advice() );

		$lines = $this->log_lines_since( $log_offset );
		$this->assertCount( 1, $lines, 'logged once per request: ' . implode( "\n", $lines ) );
		$this->assertStringContainsString( 'Afflux: product cache unavailable (' . $state . ')', $lines[0] );

		$recorded = ( new CacheStatusLog() )->last();
		$this->assertNotNull( $recorded );
		$this->assertSame( $state, $recorded['state'] );
		return $status;
	}
}
