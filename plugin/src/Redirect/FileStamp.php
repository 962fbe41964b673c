<?php
/**
 * What a memo records of a file it was built from.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * A file's identity and last change (inode, size, modification and change times), read with
 * one system call. The /go/ memos compare it on every click, so it is read as scalars from
 * PHP's stat cache rather than through stat()'s 26-entry array (about 0.5 µs less a file).
 * Every write, rename into place or deletion changes it; the change time cannot be set back.
 */
final class FileStamp {

	/**
	 * The file's stamp and the Unix time of its last change; null when there is no such file.
	 *
	 * @param string $path The file.
	 * @return array{0: string, 1: int}|null
	 */
	public static function of( string $path ): ?array {
		// is_file() fills PHP's stat cache (one system call); the four reads below use it.
		if ( ! is_file( $path ) ) {
			return null;
		}
		$modified = (int) filemtime( $path );
		$changed  = (int) filectime( $path );
		return array( fileinode( $path ) . ':' . filesize( $path ) . ':' . $modified . ':' . $changed, max( $modified, $changed ) );
	}
}
