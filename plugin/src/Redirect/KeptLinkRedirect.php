<?php
/**
 * The first step of plugin/go.php: a click on a link whose memo is current.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Clicks\ClickCapture;
use Afflux\Clicks\ClickRequest;
use Afflux\Clicks\ClickSpool;

/**
 * Most clicks are on links clicked before and unchanged since, and php-fpm starts every request
 * with cold caches: what a click costs follows how much distinct code it runs (every class, call
 * site and property is looked up on its first use in a request) far more than what that code
 * computes. So go.php (and the db.php drop-in, EarlyDropIn) answer such a click here, from the
 * configuration file's array as it is, before StandaloneConfig validates it for everything else
 * and before any of the objects the full path builds. The rules are the full path's own
 * functions: DestinationMemo::kept() for the memo, ClickRequest for the request's facts,
 * RedirectResponder for the response, ClickCapture::spool() for the click; so both paths answer
 * and record alike (StandaloneRedirectHttpTest compares them with the in-WordPress path, header
 * by header and column by column).
 *
 * Anything else returns, and StandaloneRedirect answers as before: no memo or a stale one, a
 * method other than GET or HEAD, a configuration of another version or shape. A memo only exists
 * for a link the full path answered with a valid configuration, so the validation skipped here
 * only concerns keys this lane does not use (the database's, which it reads, validated, only
 * when the spool cannot be written).
 */
final class KeptLinkRedirect {

	/**
	 * Answers and exits when the request is a GET or HEAD of a link whose memo is current;
	 * returns otherwise.
	 *
	 * @param array<mixed>         $values The configuration file's array (StandaloneConfig::from_array()'s input).
	 * @param array<string, mixed> $server The server variables.
	 */
	public static function answer( array $values, array $server ): void {
		$method  = $server['REQUEST_METHOD'] ?? null;
		$uri     = $server['REQUEST_URI'] ?? null;
		$dir     = $values['content_dir'] ?? null;
		$cache   = $values['cache_path'] ?? null;
		$home    = $values['home_url'] ?? null;
		$utm     = $values['utm_template'] ?? null;
		$prefix  = $values['link_prefix'] ?? null;
		$version = $values['version'] ?? null;
		if ( ( 'GET' !== $method && 'HEAD' !== $method ) || StandaloneConfig::VERSION !== $version || ! is_string( $uri ) || ! is_string( $dir ) || ! is_string( $cache ) || ! is_string( $home ) || ! is_string( $utm ) || ! is_string( $prefix ) ) {
			return;
		}
		$slug        = GoPath::slug( $uri, StandaloneConfig::home_path_of( $home ), $prefix );
		$destination = null === $slug ? null : DestinationMemo::kept( $dir, $cache, DestinationMemo::settings_stamp( $home, $utm ), $slug );
		if ( null === $destination ) {
			return;
		}
		$request = ClickRequest::from_server( $server );
		// As StandaloneRedirect: with the WP Consent API, consent needs WordPress; no visitor key.
		$may_key = true !== ( $values['consent_api'] ?? false );
		RedirectResponder::answer( $destination );
		$now = time();
		if ( ! ClickCapture::spool( ClickSpool::in( $dir ), $destination, $request, $may_key, $now ) ) {
			// A wp-content that cannot be written: the database, as the full path does (a
			// failure there is logged by PdoClickStore).
			$config = StandaloneConfig::from_array( $values );
			if ( null !== $config ) {
				StandaloneRedirect::store_click( $config, $destination, $request, $may_key, $now );
			} else {
				// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs to know a click was lost.
				error_log( 'Afflux: a click could not be recorded: the click spool cannot be written and go.php\'s configuration is not valid (write it again from Afflux → Links).' );
			}
		}
		exit;
	}
}
