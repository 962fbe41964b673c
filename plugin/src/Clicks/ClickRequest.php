<?php
/**
 * What the click log keeps of a request, and nothing more.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

/**
 * Reduces a request to the few facts the click log stores: the referrer's host (not its
 * path), a device class (not the user agent), a bot flag, and the inputs of the visitor key,
 * which are hashed and never stored.
 */
final class ClickRequest {

	/**
	 * User agents that are not a person clicking: crawlers, link checkers, previewers, HTTP
	 * libraries. Matched case-insensitively anywhere in the agent.
	 */
	private const BOT_AGENTS = '/bot|crawl|spider|slurp|archiver|curl|wget|python|java\/|go-http|okhttp|libwww|httpclient|axios|node-fetch|headless|phantom|lighthouse|pingdom|uptime|monitor|facebookexternalhit|preview|embedly|whatsapp|telegram|discord|skype|validator|scanner/i';

	/**
	 * Builds the facts.
	 *
	 * @param string $referrer_host Lower-case host of the Referer header, '' when none.
	 * @param string $device        mobile | tablet | desktop | unknown.
	 * @param bool   $is_bot        A bot agent, a prefetch or preview, or a HEAD request.
	 * @param string $ip            The remote address (hashed into the visitor key only).
	 * @param string $user_agent    The agent (hashed into the visitor key only).
	 */
	public function __construct(
		public readonly string $referrer_host,
		public readonly string $device,
		public readonly bool $is_bot,
		public readonly string $ip,
		public readonly string $user_agent
	) {
	}

	/**
	 * The facts of a request given as $_SERVER.
	 *
	 * @param array<string, mixed> $server The server variables.
	 */
	public static function from_server( array $server ): self {
		// Read in place rather than through header(): this runs on every click, and each call costs it.
		$agent    = $server['HTTP_USER_AGENT'] ?? '';
		$agent    = is_string( $agent ) ? $agent : '';
		$method   = $server['REQUEST_METHOD'] ?? '';
		$referrer = $server['HTTP_REFERER'] ?? '';
		$referrer = is_string( $referrer ) ? $referrer : '';
		$address  = $server['REMOTE_ADDR'] ?? '';
		$host     = '' === $referrer ? null : parse_url( $referrer, PHP_URL_HOST ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- may run before WordPress's formatting functions are needed.
		// Most requests carry none of the prefetch headers: no regular expression for them.
		$prefetch = ( isset( $server['HTTP_PURPOSE'] ) || isset( $server['HTTP_SEC_PURPOSE'] ) || isset( $server['HTTP_X_PURPOSE'] ) || isset( $server['HTTP_X_MOZ'] ) )
			&& 1 === preg_match( '/prefetch|prerender|preview/i', self::header( $server, 'HTTP_PURPOSE' ) . ' ' . self::header( $server, 'HTTP_SEC_PURPOSE' ) . ' ' . self::header( $server, 'HTTP_X_PURPOSE' ) . ' ' . self::header( $server, 'HTTP_X_MOZ' ) );

		return new self(
			is_string( $host ) ? substr( strtolower( $host ), 0, 191 ) : '',
			self::device( $agent ),
			'' === $agent || ( is_string( $method ) && 'HEAD' === strtoupper( $method ) ) || $prefetch || 1 === preg_match( self::BOT_AGENTS, $agent ),
			is_string( $address ) ? $address : '',
			$agent
		);
	}

	/**
	 * The device class from the user agent.
	 *
	 * @param string $agent User agent.
	 */
	private static function device( string $agent ): string {
		if ( '' === $agent ) {
			return 'unknown';
		}
		if ( 1 === preg_match( '/ipad|tablet|kindle|silk|playbook|android(?!.*mobile)/i', $agent ) ) {
			return 'tablet';
		}
		if ( 1 === preg_match( '/mobi|iphone|ipod|android|blackberry|opera mini|iemobile/i', $agent ) ) {
			return 'mobile';
		}
		return 'desktop';
	}

	/**
	 * A server variable as a string, '' when absent.
	 *
	 * @param array<string, mixed> $server Server variables.
	 * @param string               $key    Name.
	 */
	private static function header( array $server, string $key ): string {
		return isset( $server[ $key ] ) && is_string( $server[ $key ] ) ? $server[ $key ] : '';
	}
}
