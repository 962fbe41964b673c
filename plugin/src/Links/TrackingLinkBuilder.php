<?php
/**
 * Fills a network's link template into a tracked URL.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

/**
 * Fills {sub_id} and {landing_url} in a link template produced by a daemon adapter, by the rules
 * pinned in tests/vectors/tracking-links.json (shared with the daemon):
 * UTM parameters are appended to the landing URL's query, before any #fragment, values RFC 3986
 * encoded, a key already present winning and empty values dropped; the whole landing URL is then
 * RFC 3986 encoded into {landing_url}; {sub_id} goes in as is.
 */
final class TrackingLinkBuilder {

	/**
	 * What a sub id may hold.
	 */
	public const SUB_ID_PATTERN = '/^[A-Za-z0-9_-]{1,40}$/';

	/**
	 * The tracked URL, or null when it cannot be built safely: an invalid sub id, a landing URL
	 * that is not http(s), or a filled URL whose host is not the template's tracking host.
	 *
	 * @param string                $template      Link template with {sub_id} and {landing_url}.
	 * @param string                $tracking_host The only host the result may point to.
	 * @param string                $landing_url   The merchant's page, before tracking.
	 * @param array<string, string> $utm           UTM parameters (raw values).
	 * @param string                $sub_id        Placement sub id.
	 */
	public function build( string $template, string $tracking_host, string $landing_url, array $utm, string $sub_id ): ?string {
		if ( 1 !== preg_match( self::SUB_ID_PATTERN, $sub_id ) ) {
			return null;
		}
		if ( str_contains( $template, '{landing_url}' ) && ! $this->is_web_url( $landing_url ) ) {
			return null;
		}

		$url = strtr(
			$template,
			array(
				'{sub_id}'      => $sub_id,
				'{landing_url}' => rawurlencode( $this->with_utm( $landing_url, $utm ) ),
			)
		);

		if ( ! $this->is_web_url( $url ) ) {
			return null;
		}
		$host = parse_url( $url, PHP_URL_HOST ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- also runs without WordPress (plugin/go.php); PHP 8.1's parse_url has none of the old quirks wp_parse_url() works around.
		if ( ! is_string( $host ) || strtolower( $host ) !== strtolower( trim( $tracking_host ) ) ) {
			return null;
		}
		return $url;
	}

	/**
	 * The landing URL with the UTM parameters appended to its query, before any fragment.
	 *
	 * @param string                $landing_url The merchant's page.
	 * @param array<string, string> $utm         UTM parameters (raw values).
	 */
	public function with_utm( string $landing_url, array $utm ): string {
		$fragment = '';
		$hash     = strpos( $landing_url, '#' );
		if ( false !== $hash ) {
			$fragment    = substr( $landing_url, $hash );
			$landing_url = substr( $landing_url, 0, $hash );
		}

		$query    = '';
		$question = strpos( $landing_url, '?' );
		$base     = $landing_url;
		if ( false !== $question ) {
			$query = substr( $landing_url, $question + 1 );
			$base  = substr( $landing_url, 0, $question );
		}

		$present = array();
		foreach ( explode( '&', $query ) as $pair ) {
			if ( '' !== $pair ) {
				$present[ urldecode( explode( '=', $pair, 2 )[0] ) ] = true;
			}
		}

		$added = array();
		foreach ( $utm as $key => $value ) {
			$key   = (string) $key;
			$value = (string) $value;
			if ( '' === $key || '' === $value || isset( $present[ $key ] ) ) {
				continue;
			}
			$present[ $key ] = true;
			$added[]         = rawurlencode( $key ) . '=' . rawurlencode( $value );
		}

		if ( array() === $added ) {
			return $landing_url . $fragment;
		}
		$joined = '' === $query ? implode( '&', $added ) : $query . '&' . implode( '&', $added );
		return $base . '?' . $joined . $fragment;
	}

	/**
	 * An absolute http or https URL with a host.
	 *
	 * @param string $url Candidate URL.
	 */
	private function is_web_url( string $url ): bool {
		$parts = parse_url( $url ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- as above.
		return is_array( $parts )
			&& isset( $parts['scheme'], $parts['host'] )
			&& in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true );
	}
}
