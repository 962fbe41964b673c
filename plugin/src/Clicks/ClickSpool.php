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
 * append (one write() on an O_APPEND descriptor, which the kernel never interleaves with
 * another) to wp-content/afflux-clicks/spool.php, and ClickSpoolDrain moves the records into
 * {prefix}afflux_clicks in batches.
 *
 * Writers take no lock (a click costs open, write, fstat and close; no flock, no second fstat),
 * and no writer ever waits for the drain. Exactly once instead rests on two facts.
 * - Every record carries its own click id, stored in a unique column: a record written twice
 *   is inserted once (as is a batch drained twice, after a crash before it was deleted).
 * - The drain first renames the spool to a uniquely named batch file, then marks it as a batch
 *   (clears its owner-write bit: chmod), and only then reads it. A writer checks the mark on its
 *   own handle (fstat) after its write, and when it is set writes the record again to the new
 *   spool. So a record the drain did not read is always written again: the read missed it only
 *   if the write ended after the read began, so after the mark, and the writer's fstat, later
 *   still, sees the mark. (A record read and also written again is inserted once.)
 * A spool is created by fopen(), with its owner-write bit set; a batch the drain cannot mark
 * (the drain runs as another user than the spool's owner) is left for a drain that can.
 *
 * The files are PHP files that exit before anything else, so a web server that serves the
 * folder runs them and prints nothing: every record starts with GUARD, so whichever record is
 * first in a file, the file starts by exiting (there is no header to write once, which would
 * need a lock), and a record cut short by a failed write never hides the next one. The folder
 * also carries a deny rule for Apache and an index.php. Records hold the click row only: the
 * visitor key is already hashed, there is no address.
 */
final class ClickSpool {

	/**
	 * The folder's name, inside wp-content.
	 */
	public const DIR = 'afflux-clicks';

	/**
	 * What every record starts with: a PHP file that exits at once.
	 */
	public const GUARD = '<?php exit; ?>';

	/**
	 * The first line of spools written by Afflux before records carried GUARD and their id
	 * (still read: a site may have such a batch waiting when it updates).
	 */
	public const LEGACY_HEADER = "<?php exit; ?>\n";

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
	 * Writes of one record at most: a drain runs at most once at a time, so a second mark
	 * means a drain started and finished while this request was writing.
	 */
	private const TRIES = 4;

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
	 * Appends one click row; false when it could not be written (the caller then writes the row
	 * to the database directly, so the click is not lost).
	 *
	 * @param array<string, int|string> $row The row, as ClickLog::row() makes it.
	 */
	public function append( array $row ): bool {
		$record = self::record( self::click_id(), $row );
		if ( null === $record ) {
			return false;
		}
		for ( $try = 0; $try < self::TRIES; $try++ ) {
			$handle = $this->open();
			if ( null === $handle ) {
				return false;
			}
			$kept = $this->write( $handle, $record );
			if ( null !== $kept ) {
				return $kept;
			}
		}
		// Four marks in a row (four drains during one click) are not expected. The caller then
		// writes the row to the database: a copy a drain did read would count it twice, never
		// zero times.
		return false;
	}

	/**
	 * A record: GUARD, then the click id and the row's values as a JSON list, then a newline.
	 * Null when the row cannot be encoded.
	 *
	 * @param string                    $click_id The click's id (click_id()).
	 * @param array<string, int|string> $row      The row, as ClickLog::row() makes it.
	 */
	public static function record( string $click_id, array $row ): ?string {
		// No WordPress in plugin/go.php, so no wp_json_encode(). JSON_HEX_TAG: no "<?" in a value.
		$json = json_encode( array( $click_id, ...array_values( $row ) ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE | JSON_HEX_TAG ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode
		return false === $json ? null : self::GUARD . $json . "\n";
	}

	/**
	 * A new click id, unique on this host without a path lookup or a random source: the time,
	 * this process's id and the monotonic clock in nanoseconds, in hex (at most 32 characters).
	 */
	public static function click_id(): string {
		return dechex( time() ) . '-' . dechex( (int) getmypid() ) . '-' . dechex( hrtime( true ) );
	}

	/**
	 * Opens the spool for appending (making the folder on a site's first click); null when it
	 * cannot be opened.
	 *
	 * @return resource|null
	 */
	public function open() {
		$path = $this->dir . '/' . self::SPOOL;
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- an append that must not warn on a reader's request; failures are returned.
		$handle = @fopen( $path, 'ab' );
		if ( false === $handle && ! is_dir( $this->dir ) && $this->prepare_dir() ) {
			// The first click of a site: the folder is made once, not checked on every click.
			$handle = @fopen( $path, 'ab' );
		}
		// phpcs:enable
		return false === $handle ? null : $handle;
	}

	/**
	 * Writes a record to a handle open() returned, and closes it: true when the record stands,
	 * false when it could not be written, null when the handle's file was marked as a batch
	 * (the drain may have read it before this write: the caller writes the record again).
	 *
	 * @param resource $handle The handle.
	 * @param string   $record The record.
	 */
	public function write( $handle, string $record ): ?bool {
		// phpcs:disable WordPress.WP.AlternativeFunctions -- see append().
		// Plain-file streams are not buffered: one write().
		$written = fwrite( $handle, $record );
		// After the write, on the handle's own inode: no path lookup.
		$held = fstat( $handle );
		fclose( $handle );
		// phpcs:enable
		if ( strlen( $record ) !== $written || false === $held ) {
			return false;
		}
		// Marked, unless the file is still the spool (created without the bit by an odd umask).
		return 0 !== ( $held['mode'] & self::SPOOL_BIT ) || $this->is_spool( (int) $held['ino'] ) ? true : null;
	}

	/**
	 * Whether the spool's path names this inode (a stat, on the rare marked path only).
	 *
	 * @param int $inode The inode.
	 */
	private function is_spool( int $inode ): bool {
		$path = $this->dir . '/' . self::SPOOL;
		clearstatcache( true, $path );
		// is_file() fills PHP's stat cache, which fileinode() then reads: one system call.
		return is_file( $path ) && fileinode( $path ) === $inode;
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
	 * A batch's records, each without GUARD and newline, numbered from 1 by line. A last line
	 * without its newline is left out: a write still under way when the drain read the batch,
	 * whose writer writes the record again (class comment). Only what follows a line's last
	 * GUARD is its record: a record cut short by a failed write leaves no newline, and the next
	 * record, written after it on the same line, is kept whole.
	 * The batch is read under its lock, which writers of earlier Afflux versions took.
	 *
	 * @param string $batch A path claim() returned.
	 * @return array<int, string> Line number => record; empty lines skipped.
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
		if ( str_starts_with( $text, self::LEGACY_HEADER ) ) {
			$text = substr( $text, strlen( self::LEGACY_HEADER ) );
		}
		$lines = explode( "\n", $text );
		// What follows the last newline: '' when the file ends with one, else an unfinished write.
		array_pop( $lines );
		$records = array();
		foreach ( $lines as $index => $line ) {
			$guard  = strrpos( $line, self::GUARD );
			$record = false === $guard ? $line : substr( $line, $guard + strlen( self::GUARD ) );
			if ( '' !== $record ) {
				$records[ $index + 1 ] = $record;
			}
		}
		return $records;
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
