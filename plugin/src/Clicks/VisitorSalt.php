<?php
/**
 * The day's visitor-key salt, kept beside the click spool.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

use Afflux\Redirect\PhpDataFile;

/**
 * Both redirect paths (in WordPress and plugin/go.php without it) must hash a reader with the
 * same salt on a given day, without a database read: the salt is a file per UTC day,
 * salt-Y-m-d.php in the spool folder, a PHP file returning the hex string (opcache keeps it in
 * memory; a web request for it prints nothing). Created by whichever request needs it first:
 * written to a temporary file, then link()ed to its name, which fails when another request won,
 * so every request of the day reads the one salt that won. ClickMaintenance deletes every salt
 * but today's: that is the daily rotation.
 */
final class VisitorSalt {

	private const PATTERN = '/^salt-([0-9]{4}-[0-9]{2}-[0-9]{2})\.php$/D';

	/**
	 * Builds the salt store.
	 *
	 * @param ClickSpool $spool The spool whose folder holds the salts.
	 */
	public function __construct( private readonly ClickSpool $spool ) {
	}

	/**
	 * The day's salt, created on first use; '' when the folder cannot be written (the caller
	 * then records the click in the database directly, with the database's salt).
	 *
	 * @param string $day UTC day, Y-m-d.
	 */
	public function for_day( string $day ): string {
		if ( 1 !== preg_match( '/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/D', $day ) ) {
			return '';
		}
		$path  = $this->spool->dir . '/salt-' . $day . '.php';
		$value = self::read( $path );
		if ( '' !== $value ) {
			return $value;
		}
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- runs without WordPress too; link() is the atomic create-if-absent.
		if ( ! is_dir( $this->spool->dir ) && ! $this->spool->prepare_dir() ) {
			return '';
		}
		$temp = $path . '.' . bin2hex( random_bytes( 6 ) ) . '.tmp';
		if ( false !== @file_put_contents( $temp, "<?php\nreturn '" . bin2hex( random_bytes( 32 ) ) . "';\n" ) ) {
			@link( $temp, $path );
			@unlink( $temp );
		}
		// phpcs:enable
		return self::read( $path );
	}

	/**
	 * Deletes every salt but the given day's.
	 *
	 * @param string $today UTC day, Y-m-d.
	 */
	public function delete_all_but( string $today ): void {
		$names = is_dir( $this->spool->dir ) ? scandir( $this->spool->dir ) : false;
		foreach ( false === $names ? array() : $names as $name ) {
			if ( 1 === preg_match( self::PATTERN, $name, $match ) && $match[1] !== $today ) {
				// phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- runs from cron, and the file must go.
				unlink( $this->spool->dir . '/' . $name );
			}
		}
	}

	/**
	 * The salt in a salt file, '' when absent or not a salt.
	 *
	 * @param string $path The file.
	 */
	private static function read( string $path ): string {
		$value = PhpDataFile::read( $path );
		return is_string( $value ) && 1 === preg_match( '/^[0-9a-f]{64}$/D', $value ) ? $value : '';
	}
}
