<?php
/**
 * Whether the cache can be read, and if not, why.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * An immutable verdict on the cache: a state and a plain-words reason for people.
 */
final class CacheStatus {

	public const OK            = 'ok';
	public const MISSING       = 'missing';
	public const UNREADABLE    = 'unreadable';
	public const LOCKED        = 'locked';
	public const CORRUPT       = 'corrupt';
	public const WRONG_VERSION = 'wrong_version';

	/**
	 * One of the state constants.
	 *
	 * @var string
	 */
	public readonly string $state;

	/**
	 * Why, in plain words; empty when OK. Holds no file path, so editors may see it.
	 *
	 * @var string
	 */
	public readonly string $reason;

	/**
	 * Builds a status.
	 *
	 * @param string $state  One of the state constants.
	 * @param string $reason Why, in plain words.
	 */
	public function __construct( string $state, string $reason = '' ) {
		$this->state  = $state;
		$this->reason = $reason;
	}

	/**
	 * The cache can be read.
	 */
	public static function ok(): self {
		return new self( self::OK );
	}

	/**
	 * The cache file does not exist.
	 */
	public static function missing(): self {
		return new self( self::MISSING, __( 'The product cache does not exist yet: the Afflux daemon has not written it.', 'afflux' ) );
	}

	/**
	 * The cache file exists but this PHP process may not read it.
	 */
	public static function unreadable(): self {
		return new self( self::UNREADABLE, __( 'The web server is not allowed to read the product cache file.', 'afflux' ) );
	}

	/**
	 * Another process holds a lock that outlasted the wait.
	 */
	public static function locked(): self {
		return new self( self::LOCKED, __( 'The product cache is locked by another process.', 'afflux' ) );
	}

	/**
	 * The file is not an SQLite database, is damaged, or lacks Afflux's tables.
	 */
	public static function corrupt(): self {
		return new self( self::CORRUPT, __( 'The product cache file is damaged or is not an Afflux cache.', 'afflux' ) );
	}

	/**
	 * The cache was written for another schema version.
	 *
	 * @param int $found The PRAGMA user_version found in the file.
	 */
	public static function wrong_version( int $found ): self {
		return new self(
			self::WRONG_VERSION,
			sprintf(
				/* translators: 1: schema version found in the cache file, 2: schema version this plugin reads. */
				__( 'The product cache has schema version %1$d, but this version of Afflux reads version %2$d.', 'afflux' ),
				$found,
				SchemaVersion::EXPECTED
			)
		);
	}

	/**
	 * Whether the cache can be read.
	 */
	public function is_ok(): bool {
		return self::OK === $this->state;
	}

	/**
	 * What the site owner should do about it, in plain words.
	 */
	public function advice(): string {
		switch ( $this->state ) {
			case self::MISSING:
				return __( 'Run "afflux-daemon sync --once" on the server, and check that the cache path in the Afflux settings is where the daemon writes.', 'afflux' );
			case self::UNREADABLE:
				return __( 'Give the web server\'s user read access to the cache file and to its folder.', 'afflux' );
			case self::LOCKED:
				return __( 'This is usually brief while the daemon writes. If it lasts, check that only one daemon runs and that it uses WAL mode.', 'afflux' );
			case self::CORRUPT:
				return __( 'Stop the daemon, move the cache file aside, then run "afflux-daemon sync --once" to rebuild it.', 'afflux' );
			case self::WRONG_VERSION:
				return __( 'Update the Afflux plugin and the Afflux daemon to matching versions, then run "afflux-daemon sync --once".', 'afflux' );
			default:
				return '';
		}
	}
}
