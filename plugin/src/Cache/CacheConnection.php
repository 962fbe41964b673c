<?php
/**
 * The read-only connection to the daemon's SQLite cache.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- this is the daemon's SQLite cache, not the WordPress database: $wpdb cannot reach it.

/**
 * Opens the cache lazily, read-only, checks that it is an Afflux cache of the expected schema
 * version, and turns every failure into a CacheStatus instead of a PHP warning.
 */
final class CacheConnection {

	/**
	 * SQLite result codes that mean "someone else holds the lock".
	 */
	private const LOCK_CODES = array( 5, 6 );

	/**
	 * SQLite result codes that mean "this process may not open or read the file":
	 * SQLITE_PERM, SQLITE_READONLY (a WAL file it cannot map), SQLITE_CANTOPEN, SQLITE_AUTH.
	 */
	private const ACCESS_CODES = array( 3, 8, 14, 23 );

	/**
	 * The cache file path, or a function returning it (read at open time, so settings apply).
	 *
	 * @var string|\Closure(): string
	 */
	private $path;

	/**
	 * Where problems are reported.
	 *
	 * @var CacheStatusLog
	 */
	private CacheStatusLog $log;

	/**
	 * How long to wait for a writer's lock before giving up, in milliseconds.
	 *
	 * @var int
	 */
	private int $busy_timeout_ms;

	/**
	 * Whether the SQLite handle outlives the request (see the constructor).
	 *
	 * @var bool
	 */
	private bool $persistent;

	/**
	 * The open connection, once opened successfully.
	 *
	 * @var \PDO|null
	 */
	private ?\PDO $pdo = null;

	/**
	 * The verdict of the first open (or of a later failure); null until first use.
	 *
	 * @var CacheStatus|null
	 */
	private ?CacheStatus $status = null;

	/**
	 * The path the current connection or status is about, to reopen when the setting changes.
	 *
	 * @var string|null
	 */
	private ?string $opened_path = null;

	/**
	 * Prepares a connection; nothing is opened until first use.
	 *
	 * @param string|\Closure(): string $path            Cache file path, or a function returning it.
	 * @param CacheStatusLog            $log             Where problems are reported.
	 * @param int                       $busy_timeout_ms Wait for a writer's lock, in milliseconds;
	 *                                                   short, as a page view is waiting.
	 * @param bool                      $persistent      Keep the SQLite handle in the PHP process
	 *                                                   between requests (the /go/ redirect): the
	 *                                                   open and the schema read, most of a
	 *                                                   redirect's cache time, happen once per
	 *                                                   php-fpm child instead of once per request.
	 */
	public function __construct( $path, CacheStatusLog $log, int $busy_timeout_ms = 200, bool $persistent = false ) {
		$this->path            = $path;
		$this->log             = $log;
		$this->busy_timeout_ms = $busy_timeout_ms;
		$this->persistent      = $persistent;
	}

	/**
	 * The cache file path.
	 */
	public function path(): string {
		return is_string( $this->path ) ? $this->path : (string) ( $this->path )();
	}

	/**
	 * The connection, opened on first call; null when the cache cannot be read.
	 */
	public function pdo(): ?\PDO {
		$this->open_if_needed();
		return $this->pdo;
	}

	/**
	 * Whether the cache can be read, opening it if not done yet.
	 */
	public function status(): CacheStatus {
		$this->open_if_needed();
		return $this->status ?? CacheStatus::corrupt();
	}

	/**
	 * Turns a failure met while querying into a status, reports it and stops using the
	 * connection for the rest of the request.
	 *
	 * @param \Throwable $error What went wrong.
	 */
	public function fail( \Throwable $error ): CacheStatus {
		$this->pdo    = null;
		$this->status = $this->status_for( $error );
		$this->log->record( $this->status, $error->getMessage() );
		return $this->status;
	}

	/**
	 * Opens the cache on first use, and again if the cache path setting changed since.
	 */
	private function open_if_needed(): void {
		$path = $this->path();
		if ( null === $this->status || $path !== $this->opened_path ) {
			$this->opened_path = $path;
			$this->open( $path );
		}
	}

	/**
	 * Opens and checks the cache, setting the connection or the reason it is unavailable.
	 *
	 * @param string $path Cache file path.
	 */
	private function open( string $path ): void {
		$this->pdo = null;

		if ( '' === $path || ! file_exists( $path ) ) {
			$this->give_up( CacheStatus::missing() );
			return;
		}
		if ( ! is_file( $path ) || ! is_readable( $path ) ) {
			$this->give_up( CacheStatus::unreadable() );
			return;
		}

		try {
			$pdo = $this->connect( $path );
			$pdo->exec( 'PRAGMA busy_timeout = ' . $this->busy_timeout_ms );
			if ( ! defined( '\PDO::SQLITE_ATTR_OPEN_FLAGS' ) ) {
				// Opened through a mode=ro URI: also refuse writes at the statement level. With
				// SQLITE_OPEN_READONLY the handle itself cannot write, and a page view saves
				// the statement.
				$pdo->exec( 'PRAGMA query_only = 1' );
			}

			// The schema version and the products table in one statement: every page view
			// with a card opens the cache once, and each extra statement is paid each time.
			$check   = $this->fetch_row( $pdo, "SELECT (SELECT user_version FROM pragma_user_version) AS version, EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'products') AS has_products" );
			$version = (int) ( $check['version'] ?? 0 );
			if ( 0 === $version ) {
				// A file nobody has migrated yet: as good as missing.
				$this->give_up( CacheStatus::missing() );
				return;
			}
			if ( SchemaVersion::EXPECTED !== $version ) {
				$this->give_up( CacheStatus::wrong_version( $version ) );
				return;
			}
			if ( 1 !== (int) ( $check['has_products'] ?? 0 ) ) {
				$this->give_up( CacheStatus::corrupt() );
				return;
			}
		} catch ( \Throwable $error ) {
			$this->fail( $error );
			return;
		}

		$this->pdo    = $pdo;
		$this->status = CacheStatus::ok();
		$this->log->record( $this->status );
	}

	/**
	 * Opens the file read-only, so the plugin can never change the daemon's data.
	 *
	 * @param string $path Cache file path.
	 */
	private function connect( string $path ): \PDO {
		$options = array(
			\PDO::ATTR_ERRMODE            => \PDO::ERRMODE_EXCEPTION,
			\PDO::ATTR_DEFAULT_FETCH_MODE => \PDO::FETCH_ASSOC,
		);
		// PHP keys persistent handles by DSN and user name, which SQLite ignores: naming the
		// file's inode there gives a new handle when the daemon's cache file is replaced,
		// instead of one still reading the old, unlinked file. An inode number cannot be
		// reused while a handle still holds the old file open, so a key never names a stale
		// handle. The stat is taken fresh, not from PHP's stat cache.
		$handle_key = null;
		if ( $this->persistent ) {
			clearstatcache( false, $path );
			$stat                             = stat( $path );
			$handle_key                       = false === $stat ? null : 'inode-' . $stat['dev'] . '-' . $stat['ino'];
			$options[ \PDO::ATTR_PERSISTENT ] = null !== $handle_key;
		}
		if ( defined( '\PDO::SQLITE_ATTR_OPEN_FLAGS' ) ) {
			$options[ \PDO::SQLITE_ATTR_OPEN_FLAGS ] = \PDO::SQLITE_OPEN_READONLY;
			return new \PDO( 'sqlite:' . $path, $handle_key, null, $options );
		}
		return new \PDO( 'sqlite:file:' . rawurlencode( $path ) . '?mode=ro', $handle_key, null, $options );
	}

	/**
	 * The first row, or null.
	 *
	 * @param \PDO   $pdo Connection.
	 * @param string $sql A constant query.
	 * @return array<string, mixed>|null
	 */
	private function fetch_row( \PDO $pdo, string $sql ): ?array {
		$statement = $pdo->query( $sql );
		if ( false === $statement ) {
			return null;
		}
		$row = $statement->fetch( \PDO::FETCH_ASSOC );
		$statement->closeCursor();
		return is_array( $row ) ? $row : null;
	}

	/**
	 * Records an unavailable cache without an exception behind it.
	 *
	 * @param CacheStatus $status Why.
	 */
	private function give_up( CacheStatus $status ): void {
		$this->pdo    = null;
		$this->status = $status;
		$this->log->record( $status );
	}

	/**
	 * Maps an SQLite error to the status a person can act on.
	 *
	 * @param \Throwable $error The error thrown by PDO.
	 */
	private function status_for( \Throwable $error ): CacheStatus {
		$code = null;
		// phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PDO's own property name.
		$info = $error instanceof \PDOException ? $error->errorInfo : null;
		if ( is_array( $info ) && isset( $info[1] ) && is_numeric( $info[1] ) ) {
			$code = (int) $info[1];
		} elseif ( 1 === preg_match( '/\[(\d+)\]/', $error->getMessage(), $match ) ) {
			// The constructor's errors carry the SQLite code only in the message.
			$code = (int) $match[1];
		}
		// Extended result codes carry the primary code in the low byte.
		$primary = null === $code ? null : ( $code & 0xff );

		if ( in_array( $primary, self::LOCK_CODES, true ) ) {
			return CacheStatus::locked();
		}
		if ( in_array( $primary, self::ACCESS_CODES, true ) ) {
			return CacheStatus::unreadable();
		}
		return CacheStatus::corrupt();
	}
}
