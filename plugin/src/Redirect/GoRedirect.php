<?php
/**
 * Answers /{prefix}/{slug} requests.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Clicks\ClickCapture;
use Afflux\Clicks\ClickLog;
use Afflux\Clicks\ClickSpool;
use Afflux\Clicks\ClickRequest;
use Afflux\Links\LinkSettings;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Settings\Settings;

/**
 * The redirect itself, shared by the early check in the plugin's main file (before the rest of
 * WordPress loads) and the GoRoute service (after plugins load, when the early check had to
 * defer to another plugin such as the WP Consent API).
 */
final class GoRedirect {

	/**
	 * Plugins whose functions the redirect must wait for.
	 */
	private const WAIT_FOR_PLUGINS = array( 'wp-consent-api/wp-consent-api.php' );

	/**
	 * Slugs already found unknown in this request, so GoRoute does not resolve them twice.
	 *
	 * @var array<string, true>
	 */
	private static array $unknown = array();

	/**
	 * Called from the plugin's main file: answers a /go/ request now when nothing it depends on
	 * is still to load; otherwise returns and lets WordPress go on.
	 */
	public static function answer_early(): void {
		if ( ! self::is_front_request() ) {
			return;
		}
		$active = get_option( 'active_plugins', array() );
		if ( is_array( $active ) && array() !== array_intersect( self::WAIT_FOR_PLUGINS, $active ) ) {
			return;
		}
		try {
			self::answer();
		} catch ( \Throwable $error ) {
			// The site must keep working: WordPress goes on and GoRoute answers with a 404.
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs the reason.
			error_log( 'Afflux: the early redirect failed: ' . $error->getMessage() );
		}
	}

	/**
	 * Answers the request when it is /{prefix}/{known slug}: sends the 302, then records the
	 * click. Returns for anything else (an unknown slug ends as WordPress's 404 via GoRoute).
	 */
	public static function answer(): void {
		if ( ! self::is_front_request() ) {
			return;
		}
		$uri  = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? $_SERVER['REQUEST_URI'] : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- matched against a strict pattern by GoPath.
		$slug = GoPath::slug( $uri, self::home_path(), LinkSettings::prefix() );
		if ( null === $slug || isset( self::$unknown[ $slug ] ) ) {
			return;
		}

		$settings = new Settings();
		$memo     = LinkTargetMemo::in( WP_CONTENT_DIR, $settings->cache_path() );
		try {
			$destination = self::resolver( $settings, $memo )->resolve( $slug );
		} catch ( \Throwable $error ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- a reader gets a 404, the admin the reason.
			error_log( 'Afflux: a cloaked link could not be resolved: ' . $error->getMessage() );
			$destination = null;
		}
		if ( null === $destination ) {
			self::$unknown[ $slug ] = true;
			return;
		}

		$request = ClickRequest::from_server( $_SERVER );
		RedirectResponder::send(
			$destination,
			static function () use ( $destination, $request, $memo ): void {
				// Spooled (no commit to wait for), drained into the table within a minute.
				$clicks = new ClickCapture( ClickSpool::in( WP_CONTENT_DIR ), ClickLog::record( ... ) );
				$clicks->record( $destination, $request, self::may_key_visitor() );
				$memo->write_pending();
			}
		);
	}

	/**
	 * Path of the site's home URL, '' at the root.
	 */
	public static function home_path(): string {
		$path = wp_parse_url( (string) get_option( 'home' ), PHP_URL_PATH );
		return is_string( $path ) ? rtrim( $path, '/' ) : '';
	}

	/**
	 * A resolver reading the configured cache, with the same shortcuts as plugin/go.php: the
	 * post's placement index file instead of its row (the row when the post has no file), and
	 * products kept from earlier clicks while the cache is unchanged (LinkTargetMemo).
	 *
	 * @param Settings       $settings The settings.
	 * @param LinkTargetMemo $memo     Products kept from earlier clicks.
	 */
	private static function resolver( Settings $settings, LinkTargetMemo $memo ): RedirectResolver {
		return new RedirectResolver(
			new LinkTargetRepository( new CacheConnection( $settings->cache_path(), new CacheStatusLog(), 200, true ) ),
			new PlacementUrlBuilder( new TrackingLinkBuilder() ),
			$settings->utm_template(),
			new IndexedPlacements( PlacementIndex::in( WP_CONTENT_DIR ), new PostContentPlacements( new WpdbPostSource() ) ),
			null,
			$memo
		);
	}

	/**
	 * The WP Consent API, when present, decides whether a visitor key may be computed; the
	 * click itself is counted either way, as an anonymous event.
	 */
	private static function may_key_visitor(): bool {
		return ! function_exists( 'wp_has_consent' ) || (bool) wp_has_consent( 'statistics' );
	}

	/**
	 * A reader's GET or HEAD, not the admin, cron, an install or the command line.
	 */
	private static function is_front_request(): bool {
		$method = isset( $_SERVER['REQUEST_METHOD'] ) && is_string( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( $_SERVER['REQUEST_METHOD'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared to two constants.
		return in_array( $method, array( 'GET', 'HEAD' ), true )
			&& ! is_admin()
			&& ! wp_doing_cron()
			&& ! wp_installing()
			&& ! ( defined( 'WP_CLI' ) && WP_CLI );
	}
}
