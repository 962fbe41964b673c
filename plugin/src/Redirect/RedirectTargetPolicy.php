<?php
/**
 * Decides which URLs /go/ may send a reader to.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Cache\LinkTarget;

/**
 * /go/ is not an open redirect: the target must be a plain http(s) URL whose host is the
 * programme's tracking host or one of its valid domains, with no user info, whitespace,
 * control character or backslash a browser could read differently from PHP.
 */
final class RedirectTargetPolicy {

	/**
	 * Whether the reader may be sent to $url for this programme.
	 *
	 * @param string     $url    Candidate target.
	 * @param LinkTarget $target The programme's link data.
	 */
	public static function allows( string $url, LinkTarget $target ): bool {
		if ( strlen( $url ) > 4096 || 1 === preg_match( '/[\x00-\x20\x7f\\\\]/', $url ) ) {
			return false;
		}
		if ( 1 !== preg_match( '#^https?://([a-z0-9.-]+)(?::[0-9]{1,5})?(?:[/?\#]|$)#iD', $url, $match ) ) {
			return false;
		}
		$host = strtolower( $match[1] );
		if ( null !== $target->tracking_host && strtolower( $target->tracking_host ) === $host ) {
			return true;
		}
		return self::is_valid_domain( $host, $target );
	}

	/**
	 * Whether a host is one of the programme's valid domains or a subdomain of one.
	 *
	 * @param string     $host   Lower-case host.
	 * @param LinkTarget $target The programme's link data.
	 */
	public static function is_valid_domain( string $host, LinkTarget $target ): bool {
		foreach ( $target->valid_domains as $domain ) {
			$domain = strtolower( trim( $domain ) );
			if ( '' !== $domain && ( $host === $domain || str_ends_with( $host, '.' . $domain ) ) ) {
				return true;
			}
		}
		return false;
	}
}
