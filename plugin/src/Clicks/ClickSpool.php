<?php
/**
 * The local file clicks are appended to before they reach the database.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

/**
 * A redirect must not wait for the database to flush a commit, so each click is one small
 * append (one write() with O_APPEND, under a lock writers share) to
 * wp-content/afflux-clicks/spool.php, and ClickSpoolDrain moves the lines into
 * {prefix}afflux_clicks in batches.
 *
 * Exactly once: the drain first renames the spool to a uniquely named batch file, then marks
 * it as a batch (clears its owner-write bit: chmod, which any writer's fstat() sees), and only
 * then takes the batch's lock exclusively (waiting for every writer still holding it). A writer
 * checks the mark on its own handle (fstat) once it holds the shared lock, and starts over on
 * the new spool when it is set. Why no line can reach a batch after the drain read it: a writer
 * either got its lock before the drain's exclusive lock was granted (its line is written before
 * the drain reads), or after the drain released it, and then its fstat() comes after the
 * chmod (chmod, then the drain's lock, then the writer's), so it sees the mark and never writes.
 * This costs the writer no path lookup (a stat of the spool's path, as before, cost a click
 * several microseconds). A spool is created by fopen(), with its owner-write bit set (a umask
 * clearing it would only send every click to the database directly). A batch the drain cannot
 * mark (the drain runs as another user than the spool's owner) is left for a drain that can.
 * Each line's identity is its batch name and line number, stored in a unique column: draining a
 * batch twice (after a crash before the batch was deleted) inserts nothing twice.
 *
 * The files are PHP files whose first line exits, so a web server that serves the folder runs
 * them and prints nothing; the folder also carries a deny rule for Apache and an index.php.
 * Lines hold the click row only: the visitor key is already hashed, there is no address.
 */
final class ClickSpool {

	/**
	 * The folder's name, inside wp-content.
	 */
	public const DIR = 'afflux-clicks';

	/**
	 * The first line of every spool and batch file.
	 */
	public const HEADER = "<?php exit; ?>\n";

	private const SPOOL = 'spool.php';

	private const BATCH_PATTERN = '/^batch-[0-9]{10}-[0-9a-f]{12}\.php$/D';

	/**
	 * A batch's mode: readable, not writable, so writers' fstat() tells it from the spool.
	 */
	private const BATCH_MODE = 0440;

	/**
	 * The bit a batch lacks and a spool has.
	 */
	private const SPOOL_BIT = 0200;

	/**
	 * Builds the spool.
	 *
	 * @param string $dir The folder, e.g. wp-content/afflux-clicks.
	 */
	public function __construct( public readonly string $dir ) {
	}

	/**
	 * The spool of a site, from its wp-content folder.
	 *
	 * @param string $content_dir WP_CONTENT_DIR, or the no-WordPress configuration's copy.
	 */
	public static function in( string $content_dir ): self {
		return new self( rtrim( $content_dir, '/' ) . '/' . self::DIR );
	}

	/**
	 * Appends one click row; false when the folder or file cannot be written (the caller then
	 * writes the row to the database directly, so the click is not lost).
	 *
	 * @param array<string, int|string> $row The row, as ClickLog::row() makes it.
	 */
	public function append( array $row ): bool {
		// No WordPress in plugin/go.php, so no wp_json_encode().
		$line = json_encode( array_values( $row ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode
		if ( false === $line ) {
			return false;
		}
		$path = $this->dir . '/' . self::SPOOL;
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- a lock-protected append that must not warn on a reader's request; failures are returned.
		// A drain renaming the file between fopen and flock sends us round again; twice is the
		// most it can take (a drain runs at most once at a time), three tries bound the loop.
		for ( $try = 0; $try < 3; $try++ ) {
			$handle = @fopen( $path, 'ab' );
			if ( false === $handle && 0 === $try && ! is_dir( $this->dir ) && $this->prepare_dir() ) {
				// The first click of a site: the folder is made once, not checked on every click.
				$handle = @fopen( $path, 'ab' );
			}
			if ( false === $handle ) {
				return false;
			}
			// Writers share the lock: each line is one write() on an O_APPEND descriptor, which
			// the kernel never interleaves with another, so writers need not wait for each
			// other, only for the drain (which takes it exclusively). An empty spool is the
			// exception: the header must be written once, before any line, so that writer
			// takes the lock exclusively and looks again.
			$held = self::lock_current( $handle, LOCK_SH );
			if ( is_array( $held ) && 0 === $held['size'] ) {
				$held = self::lock_current( $handle, LOCK_EX );
			}
			if ( null === $held ) {
				fclose( $handle );
				return false;
			}
			if ( false === $held ) {
				// Renamed into a batch since we opened it: never append to a batch.
				fclose( $handle );
				continue;
			}
			// Plain-file streams are not buffered: one write(); closing releases the lock.
			$data    = ( 0 === $held['size'] ? self::HEADER : '' ) . $line . "\n";
			$written = fwrite( $handle, $data );
			fclose( $handle );
			return strlen( $data ) === $written;
		}
		// phpcs:enable
		return false;
	}

	/**
	 * Locks an open spool handle and checks it is still the spool: its size when it is, false
	 * when the drain has marked it as a batch since it was opened, null when it cannot be locked.
	 *
	 * @param resource $handle The handle.
	 * @param int      $mode   LOCK_SH or LOCK_EX.
	 * @phpstan-param LOCK_SH|LOCK_EX $mode
	 * @return array{size: int}|false|null
	 */
	private static function lock_current( $handle, int $mode ) {
		if ( ! flock( $handle, $mode ) ) {
			return null;
		}
		// The handle's own inode, read after the lock was granted: no path lookup.
		$held = fstat( $handle );
		if ( false === $held || 0 === ( $held['mode'] & self::SPOOL_BIT ) ) {
			return false;
		}
		return array( 'size' => (int) $held['size'] );
	}

	/**
	 * Turns the current spool into a batch (when it holds anything) and returns every batch
	 * waiting to be drained, oldest first, including ones a crashed drain left behind. Every
	 * batch returned is marked (see the class comment) before the caller locks it; one that
	 * cannot be marked is left out, and logged.
	 *
	 * @param int $now Unix time, part of the batch's name.
	 * @return list<string> Batch file paths.
	 */
	public function claim( int $now ): array {
		$spool = $this->dir . '/' . self::SPOOL;
		clearstatcache( true, $spool );
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- rename() is the atomic hand-over; a missing spool is the quiet case.
		if ( is_file( $spool ) && filesize( $spool ) > 0 ) {
			@rename( $spool, sprintf( '%s/batch-%010d-%s.php', $this->dir, $now, bin2hex( random_bytes( 6 ) ) ) );
		}
		$names = @scandir( $this->dir );
		// phpcs:enable
		if ( false === $names ) {
			return array();
		}
		$batches = array();
		foreach ( $names as $name ) {
			if ( 1 !== preg_match( self::BATCH_PATTERN, $name ) ) {
				continue;
			}
			// Marked before anyone locks it exclusively: a writer still holding the file from
			// when it was the spool sees the mark once the drain has let go (class comment).
			// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod, WordPress.PHP.NoSilencedErrors.Discouraged -- runs without WordPress's filesystem API; a failure is logged below.
			if ( ! @chmod( $this->dir . '/' . $name, self::BATCH_MODE ) ) {
				// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs to know these clicks wait.
				error_log( sprintf( 'Afflux: %s could not be marked as drained (it belongs to another user than this process); it is left for a drain run as the web server\'s user.', $name ) );
				continue;
			}
			$batches[] = $this->dir . '/' . $name;
		}
		sort( $batches, SORT_STRING );
		return $batches;
	}

	/**
	 * A batch's lines, numbered from 1 after the header, read under the batch's lock (so a
	 * writer that was appending when the spool was renamed has finished).
	 *
	 * @param string $batch A path claim() returned.
	 * @return array<int, string> Line number => line (without its newline); empty lines skipped.
	 * @throws \RuntimeException When the batch cannot be read (it is kept for the next drain).
	 */
	public function lines( string $batch ): array {
		// phpcs:disable WordPress.WP.AlternativeFunctions -- a local file, read under its lock.
		$handle = fopen( $batch, 'rb' );
		if ( false === $handle ) {
			throw new \RuntimeException( 'cannot open ' . $batch ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a log message.
		}
		flock( $handle, LOCK_EX );
		$text = stream_get_contents( $handle );
		flock( $handle, LOCK_UN );
		fclose( $handle );
		// phpcs:enable
		if ( false === $text ) {
			throw new \RuntimeException( 'cannot read ' . $batch ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a log message.
		}
		if ( str_starts_with( $text, self::HEADER ) ) {
			$text = substr( $text, strlen( self::HEADER ) );
		}
		$lines = array();
		foreach ( explode( "\n", $text ) as $index => $line ) {
			if ( '' !== $line ) {
				$lines[ $index + 1 ] = $line;
			}
		}
		return $lines;
	}

	/**
	 * The batch's identity, part of each of its clicks' unique id.
	 *
	 * @param string $batch A path claim() returned.
	 */
	public static function batch_id( string $batch ): string {
		return substr( basename( $batch, '.php' ), strlen( 'batch-' ) );
	}

	/**
	 * Whether any click is waiting (a stat and a glob: cheap enough for every admin page load).
	 */
	public function has_waiting(): bool {
		$spool = $this->dir . '/' . self::SPOOL;
		clearstatcache( true, $spool );
		if ( is_file( $spool ) && filesize( $spool ) > 0 ) {
			return true;
		}
		$batches = glob( $this->dir . '/batch-*.php' );
		return is_array( $batches ) && array() !== $batches;
	}

	/**
	 * Creates the folder with its deny rule and empty index; false when it cannot.
	 */
	public function prepare_dir(): bool {
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- runs without WordPress too; failures are returned.
		if ( file_exists( $this->dir ) && ! is_dir( $this->dir ) ) {
			return false;
		}
		if ( ! is_dir( $this->dir ) && ! @mkdir( $this->dir, 0770, true ) && ! is_dir( $this->dir ) ) {
			return false;
		}
		if ( ! is_file( $this->dir . '/.htaccess' ) ) {
			@file_put_contents( $this->dir . '/.htaccess', "Require all denied\n" );
		}
		if ( ! is_file( $this->dir . '/index.php' ) ) {
			@file_put_contents( $this->dir . '/index.php', "<?php\n// Silence is golden.\n" );
		}
		// phpcs:enable
		return is_writable( $this->dir );
	}
}
