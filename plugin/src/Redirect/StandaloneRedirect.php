<?php
/**
 * Answers /{prefix}/{slug} without loading WordPress.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Clicks\ClickCapture;
use Afflux\Clicks\ClickRequest;
use Afflux\Clicks\ClickSpool;
use Afflux\Clicks\PdoClickStore;
use Afflux\Links\CloakedSlug;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\TrackingLinkBuilder;

/**
 * The work of plugin/go.php, which a server rule sends /{prefix}/… to: the same resolver,
 * target policy, responder and click row as the in-WordPress path, fed from the generated
 * configuration instead of WordPress's options.
 *
 * Clicks are appended to the same spool as the in-WordPress path's (ClickCapture), after the
 * response is sent, and WordPress drains it into the click table; the database is opened only
 * when a post's row is needed or the spool cannot be written (a persistent PDO connection,
 * credentials from the generated file). A link clicked before is answered from DestinationMemo
 * while nothing it was built from has changed (no resolution at all): by KeptLinkRedirect,
 * which go.php and the db.php drop-in run first, before the configuration is even validated.
 * Products already redirected to are read from LinkTargetMemo while the cache is unchanged, so
 * a click usually opens no database at all.
 * Anything this path cannot answer itself (an unknown slug, a hostile path, a cache or database
 * problem) is handed to WordPress, which answers with the theme's 404 or its own redirect and
 * records the cache problem for the admin.
 */
final class StandaloneRedirect {

	/**
	 * The generated file's name, in wp-content/.
	 */
	public const CONFIG_FILE = 'afflux-go-config.php';

	/**
	 * Answers the request and exits when it is one of our links; otherwise returns the
	 * WordPress index.php the caller must require (at file scope: WordPress needs its globals).
	 *
	 * @param array<string, mixed> $server The server variables.
	 */
	public static function answer( array $server ): string {
		$path   = self::config_path( $server );
		$values = '' === $path ? false : PhpDataFile::read( $path );
		if ( is_array( $values ) ) {
			// Most clicks: a link clicked before and unchanged since (exits when it is one).
			KeptLinkRedirect::answer( $values, $server );
		}
		$config = is_array( $values ) ? StandaloneConfig::from_array( $values ) : null;
		if ( null === $config ) {
			self::not_configured();
		}
		self::respond( $config, $server );
		return self::wordpress_index( $config );
	}

	/**
	 * Answers the request and exits when it is one of our links; returns for anything else
	 * (the caller hands it to WordPress). Shared by plugin/go.php and the early drop-in
	 * (EarlyDropIn), which lets WordPress go on instead.
	 *
	 * @param StandaloneConfig     $config The configuration.
	 * @param array<string, mixed> $server The server variables.
	 */
	public static function respond( StandaloneConfig $config, array $server ): void {
		$method = isset( $server['REQUEST_METHOD'] ) && is_string( $server['REQUEST_METHOD'] ) ? strtoupper( $server['REQUEST_METHOD'] ) : '';
		$uri    = isset( $server['REQUEST_URI'] ) && is_string( $server['REQUEST_URI'] ) ? $server['REQUEST_URI'] : '';
		$slug   = GoPath::slug( $uri, $config->home_path(), $config->link_prefix );
		if ( null === $slug || ! in_array( $method, array( 'GET', 'HEAD' ), true ) ) {
			return;
		}

		$sub_id = CloakedSlug::parse( $slug );
		if ( null === $sub_id ) {
			return;
		}

		$memo         = LinkTargetMemo::in( $config->content_dir, $config->cache_path );
		$destinations = DestinationMemo::for_config( $config, $memo );
		$destination  = $destinations->find( $slug, $sub_id );
		if ( null === $destination ) {
			try {
				$destination = ( new RedirectResolver(
					new LinkTargetRepository( new CacheConnection( $config->cache_path, new CacheStatusLog(), 200, true ) ),
					new PlacementUrlBuilder( new TrackingLinkBuilder(), $config->site_host() ),
					$config->utm_template,
					new IndexedPlacements(
						PlacementIndex::in( $config->content_dir ),
						// phpcs:ignore WordPress.DB.RestrictedClasses.mysql__PDO -- no WordPress here, so no $wpdb.
						new PostContentPlacements( new PdoPostSource( static fn (): \PDO => self::database( $config ), $config->table_prefix . 'posts' ) )
					),
					$config->home_url,
					$memo
				) )->resolve( $slug );
			} catch ( \Throwable $error ) {
				// The cache's own messages need WordPress (translations, options): WordPress retries
				// the request and records the problem where the admin sees it.
				// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs the reason.
				error_log( 'Afflux: the /go/ path without WordPress handed a link to WordPress: ' . $error->getMessage() );
				return;
			}
			if ( null === $destination ) {
				return;
			}
			$destinations->remember( $slug, $destination );
		}

		$request = ClickRequest::from_server( $server );
		RedirectResponder::send(
			$destination,
			static function () use ( $config, $destination, $request, $memo, $destinations ): void {
				// Spooled like the in-WordPress path's (WordPress drains it), in the database only
				// when wp-content cannot be written. The WP Consent API decides consent with
				// WordPress loaded; without it, no visitor key is computed (the click is still
				// counted, anonymously).
				( new ClickCapture( ClickSpool::in( $config->content_dir ), static fn ( Destination $to, ClickRequest $from, bool $may_key, int $now ): bool => self::store_click( $config, $to, $from, $may_key, $now ) ) )
					->record( $destination, $request, ! $config->consent_api );
				$memo->write_pending();
				$destinations->write_pending();
			}
		);
	}

	/**
	 * Writes a click to the database directly (the spool could not be written).
	 *
	 * @param StandaloneConfig $config      The configuration.
	 * @param Destination      $destination Where the reader was sent.
	 * @param ClickRequest     $request     The request's facts.
	 * @param bool             $may_key     Whether a visitor key may be computed.
	 * @param int              $now         Unix time of the click.
	 */
	public static function store_click( StandaloneConfig $config, Destination $destination, ClickRequest $request, bool $may_key, int $now ): bool {
		return ( new PdoClickStore( self::database( $config ), $config->table_prefix . 'afflux_clicks', $config->table_prefix . 'options' ) )->record( $destination, $request, $may_key, $now );
	}

	/**
	 * The database, connected once per request at most, and only when the request needs it
	 * (kept in a static: a process answers one redirect, then exits).
	 *
	 * @param StandaloneConfig $config The configuration.
	 */
	private static function database( StandaloneConfig $config ): \PDO {
		static $pdo = null;
		$pdo      ??= $config->connect();
		return $pdo;
	}

	/**
	 * The generated file: named by the server rule (fastcgi_param / SetEnv AFFLUX_GO_CONFIG),
	 * else wp-content/afflux-go-config.php beside the plugins folder holding this plugin.
	 *
	 * @param array<string, mixed> $server The server variables (set by the server, not the client).
	 */
	public static function config_path( array $server ): string {
		if ( isset( $server['AFFLUX_GO_CONFIG'] ) && is_string( $server['AFFLUX_GO_CONFIG'] ) && '' !== $server['AFFLUX_GO_CONFIG'] ) {
			return $server['AFFLUX_GO_CONFIG'];
		}
		$script = isset( $server['SCRIPT_FILENAME'] ) && is_string( $server['SCRIPT_FILENAME'] ) ? $server['SCRIPT_FILENAME'] : '';
		return '' === $script ? '' : dirname( $script, 3 ) . '/' . self::CONFIG_FILE;
	}

	/**
	 * WordPress's front controller, with the server variables set as if the server had sent
	 * the request there.
	 *
	 * @param StandaloneConfig $config The configuration.
	 */
	private static function wordpress_index( StandaloneConfig $config ): string {
		$_SERVER['SCRIPT_NAME']     = $config->home_path() . '/index.php';
		$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
		$_SERVER['SCRIPT_FILENAME'] = $config->abspath . 'index.php';
		chdir( $config->abspath );
		return $config->abspath . 'index.php';
	}

	/**
	 * No configuration: the server rule was added but the file was never written.
	 */
	private static function not_configured(): never {
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs the reason.
		error_log( 'Afflux: plugin/go.php found no configuration: write it from Afflux → Links in WordPress, or remove the server rule.' );
		http_response_code( 503 );
		header( 'Cache-Control: no-store' );
		header( 'Retry-After: 60' );
		exit;
	}
}
