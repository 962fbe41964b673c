<?php
/**
 * Writes the cache's config table: the one place the plugin writes to the daemon's cache.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- the daemon's SQLite cache, not the WordPress database.

/**
 * Opens its own short-lived writable connection, used for the config table only, so every other
 * read keeps going through the read-only CacheConnection. All rows change in one transaction.
 */
final class ConfigWriter {

	/**
	 * Prepares a writer for the cache at $path.
	 *
	 * @param string $path            Cache file.
	 * @param int    $busy_timeout_ms How long to wait for the daemon's write lock.
	 */
	public function __construct( private readonly string $path, private readonly int $busy_timeout_ms = 3000 ) {
	}

	/**
	 * Writes the rows (a null value deletes the key); null when done, else why not, in plain words.
	 *
	 * @param array<string, string|null> $rows Key => JSON value or null.
	 * @param string                     $now  ISO 8601 UTC time of the change.
	 */
	public function write( array $rows, string $now ): ?string {
		if ( ! is_file( $this->path ) ) {
			return __( 'The cache file does not exist yet. Run "afflux-daemon migrate" (or a first sync) on the server, then save again.', 'afflux' );
		}
		if ( ! is_writable( $this->path ) || ! is_writable( dirname( $this->path ) ) ) {
			return __( 'The web server may not write the cache file or its folder, so it cannot hand the daemon its accounts. Give the web server\'s user write access to both.', 'afflux' );
		}
		$pdo = null;
		try {
			$pdo = new \PDO( 'sqlite:' . $this->path, null, null, array( \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION ) );
			$pdo->exec( 'PRAGMA busy_timeout = ' . $this->busy_timeout_ms );
			$version = (int) $pdo->query( 'PRAGMA user_version' )->fetchColumn(); // @phpstan-ignore method.nonObject (ERRMODE_EXCEPTION: query() throws rather than returning false)
			if ( SchemaVersion::EXPECTED !== $version ) {
				return sprintf(
					/* translators: 1: schema version found in the cache file, 2: schema version this plugin reads. */
					__( 'The cache has schema version %1$d, but this version of Afflux writes version %2$d. Update the plugin and the daemon to matching versions.', 'afflux' ),
					$version,
					SchemaVersion::EXPECTED
				);
			}
			$pdo->exec( 'BEGIN IMMEDIATE' );
			$upsert = $pdo->prepare( 'INSERT INTO config (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at' );
			$delete = $pdo->prepare( 'DELETE FROM config WHERE key = ?' );
			foreach ( $rows as $key => $value ) {
				if ( null === $value ) {
					$delete->execute( array( $key ) );
				} else {
					$upsert->execute( array( $key, $value, $now ) );
				}
			}
			$pdo->exec( 'COMMIT' );
			return null;
		} catch ( \Throwable $error ) {
			if ( null !== $pdo && $pdo->inTransaction() ) {
				$pdo->rollBack();
			}
			$locked = str_contains( $error->getMessage(), 'locked' ) || str_contains( $error->getMessage(), 'busy' );
			return $locked
				? __( 'The daemon was busy writing the cache; the accounts were not handed over. Save again in a moment.', 'afflux' )
				: __( 'The cache file could not be written (it may be damaged or not an Afflux cache); the accounts were not handed to the daemon.', 'afflux' );
		} finally {
			$pdo = null;
		}
	}

	/**
	 * The keys and values stored now, to show when the daemon last got its accounts; credentials
	 * are not returned (only the keys and times).
	 *
	 * @return array<string, string> Key => updated_at.
	 */
	public function written_keys(): array {
		$connection = new CacheConnection( $this->path, new CacheStatusLog() );
		$pdo        = $connection->pdo();
		if ( null === $pdo ) {
			return array();
		}
		try {
			$statement = $pdo->query( 'SELECT key, updated_at FROM config ORDER BY key' );
			$keys      = array();
			foreach ( false === $statement ? array() : $statement->fetchAll( \PDO::FETCH_KEY_PAIR ) as $key => $at ) {
				$keys[ (string) $key ] = (string) $at;
			}
			return $keys;
		} catch ( \Throwable $error ) {
			$connection->fail( $error );
			return array();
		}
	}
}
