<?php
/**
 * Sends the 302 and finishes the response before the click is written.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * A bodiless 302 that no cache stores and no search engine indexes; the reader's browser is
 * released before the click is written (fastcgi_finish_request() under php-fpm).
 */
final class RedirectResponder {

	/**
	 * Sends the redirect, releases the client, runs $after, and ends the request.
	 *
	 * @param Destination $destination The target (already checked by RedirectTargetPolicy).
	 * @param callable    $after       Work done once the reader is on their way.
	 */
	public static function send( Destination $destination, callable $after ): never {
		self::answer( $destination );
		$after();
		exit;
	}

	/**
	 * Sends the redirect and releases the client; the caller does what is left and ends the
	 * request (KeptLinkRedirect, which saves send()'s closure on the busiest path).
	 *
	 * @param Destination $destination The target (already checked by RedirectTargetPolicy).
	 */
	public static function answer( Destination $destination ): void {
		// From here the reader is being sent on: a client that hangs up before the response
		// is written must not stop the script before the click is recorded.
		ignore_user_abort( true );
		if ( ! headers_sent() ) {
			header( 'Location: ' . $destination->url, true, 302 );
			header( 'Cache-Control: no-store, max-age=0' );
			header( 'X-Robots-Tag: noindex, nofollow' );
			header( 'Referrer-Policy: strict-origin-when-cross-origin' );
			header( 'Content-Length: 0' );
		}
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			fastcgi_finish_request();
		} else {
			if ( ! headers_sent() ) {
				header( 'Connection: close' );
			}
			while ( ob_get_level() > 0 ) {
				ob_end_flush();
			}
			flush();
		}
	}
}
