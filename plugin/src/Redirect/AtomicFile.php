<?php
/**
 * Replaces a file's contents in one step.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * The /go/ paths read files other processes write (configuration, memos, placement index, the
 * mu-plugin and db.php drop-in) while readers are being answered: a reader must see the old
 * file or the new one, never half of one. So each is written to a uniquely named temporary file
 * in the same folder and renamed over the old one (rename is atomic within a file system), and
 * opcache is told to drop its copy of a PHP file at once, so the pool's other workers do not
 * serve the old one until opcache.revalidate_freq passes. Runs without WordPress (plugin/go.php
 * writes its memos), so it uses PHP's own functions.
 */
final class AtomicFile {

	/**
	 * Writes $contents to $path atomically; false (and no file left behind) on any failure.
	 *
	 * @param string   $path     The file.
	 * @param string   $contents What it holds.
	 * @param int|null $mode     Permissions given before the rename (e.g. 0640); null: the umask's.
	 */
	public static function replace( string $path, string $contents, ?int $mode = null ): bool {
		$temp = $path . '.' . bin2hex( random_bytes( 6 ) ) . '.tmp';
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- runs without WordPress; failures are returned, not warned about on a reader's request.
		if ( false === @file_put_contents( $temp, $contents, LOCK_EX ) || ( null !== $mode && ! @chmod( $temp, $mode ) ) || ! @rename( $temp, $path ) ) {
			@unlink( $temp );
			return false;
		}
		// phpcs:enable
		if ( str_ends_with( $path, '.php' ) && function_exists( 'opcache_invalidate' ) ) {
			opcache_invalidate( $path, true );
		}
		return true;
	}
}
