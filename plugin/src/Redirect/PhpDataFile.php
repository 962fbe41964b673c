<?php
/**
 * Reads and writes generated PHP files that return data; reads without a file-system call when
 * opcache holds the file.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * The /go/ paths keep their configuration, the day's salt and their memos in PHP files that
 * return an array or a string, so that opcache serves them from shared memory. Checking that
 * such a file exists first (is_file) costs a system call on every click, a sizeable part of
 * plugin/go.php's time, while including a file opcache holds costs none. So the check is made
 * only when opcache does not hold the file (or cannot be asked): a missing file still reads as
 * false, with no warning. A file opcache holds that was deleted since is served until opcache
 * revalidates it (opcache.revalidate_freq): callers stamp what they keep, or accept that
 * (a configuration removed a moment ago).
 */
final class PhpDataFile {

	/**
	 * What the file returns; false when it does not exist.
	 *
	 * @param string $path The file (absolute).
	 * @return mixed
	 */
	public static function read( string $path ) {
		// Whether opcache may be asked (its API can be restricted, and would warn), asked once.
		static $ask = null;
		$ask      ??= function_exists( 'opcache_is_script_cached' ) && '' === (string) ini_get( 'opcache.restrict_api' );
		if ( ! ( $ask && opcache_is_script_cached( $path ) ) && ! is_file( $path ) ) {
			return false;
		}
		// Here, not in a helper: a click reads three such files, and each call costs it lookups.
		return include $path;
	}

	/**
	 * Writes a file read() returns $value from, atomically (AtomicFile), so opcache serves it
	 * from shared memory once cached; false when it could not be written.
	 *
	 * @param string                  $path    The file (absolute).
	 * @param array<mixed>|string|int $value   What the file returns.
	 * @param int|null                $mode    Its permissions; null: the umask's.
	 * @param string                  $comment Comment lines after the opening tag.
	 */
	public static function write( string $path, array|string|int $value, ?int $mode = null, string $comment = '' ): bool {
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- generates the file's PHP source.
		return AtomicFile::replace( $path, "<?php\n" . $comment . 'return ' . var_export( $value, true ) . ";\n", $mode );
	}
}
