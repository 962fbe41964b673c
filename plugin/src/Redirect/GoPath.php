<?php
/**
 * Recognises a cloaked-link request path.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * Reads the raw request path (never the query string: no parameter can steer a redirect) and
 * tells whether it is under the cloaked-link prefix, and with which slug.
 */
final class GoPath {

	/**
	 * Whether the path is under /{prefix}/ at all (an unknown slug there is a 404, never a
	 * guessed redirect).
	 *
	 * @param string $request_uri The raw REQUEST_URI.
	 * @param string $home_path   Path of the site's home URL, e.g. '' or '/blog'.
	 * @param string $prefix      The link prefix, e.g. go.
	 */
	public static function is_under_prefix( string $request_uri, string $home_path, string $prefix ): bool {
		return null !== self::remainder( $request_uri, $home_path, $prefix );
	}

	/**
	 * The slug of /{prefix}/{slug} (an optional trailing slash allowed), or null when the path
	 * is not exactly that shape. The slug is returned still encoded: a slug with any encoded
	 * byte, dot, slash, backslash or control character never matches CloakedSlug.
	 *
	 * @param string $request_uri The raw REQUEST_URI.
	 * @param string $home_path   Path of the site's home URL.
	 * @param string $prefix      The link prefix.
	 */
	public static function slug( string $request_uri, string $home_path, string $prefix ): ?string {
		$rest = self::remainder( $request_uri, $home_path, $prefix );
		if ( null === $rest ) {
			return null;
		}
		$rest = str_ends_with( $rest, '/' ) ? substr( $rest, 0, -1 ) : $rest;
		return 1 === preg_match( '/^[A-Za-z0-9_-]{1,120}$/D', $rest ) ? $rest : null;
	}

	/**
	 * What follows /{prefix}/ in the path, or null when the path is elsewhere.
	 *
	 * @param string $request_uri The raw REQUEST_URI.
	 * @param string $home_path   Path of the site's home URL.
	 * @param string $prefix      The link prefix.
	 */
	private static function remainder( string $request_uri, string $home_path, string $prefix ): ?string {
		$question = strpos( $request_uri, '?' );
		$path     = false === $question ? $request_uri : substr( $request_uri, 0, $question );
		$start    = rtrim( $home_path, '/' ) . '/' . $prefix . '/';
		if ( '' === $prefix || ! str_starts_with( $path, $start ) ) {
			return null;
		}
		return substr( $path, strlen( $start ) );
	}
}
