<?php
/**
 * Composition root: builds the services and wires their hooks.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux;

use Afflux\Admin\CacheNotice;
use Afflux\Blocks\BlockRegistry;
use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Blocks\ReactJsxRuntimeShim;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Rest\ProductsController;
use Afflux\Settings\Settings;

/**
 * The one place where Afflux's services are built and their hooks wired.
 */
final class Plugin {

	/**
	 * The booted plugin, so a second boot() is harmless.
	 *
	 * @var Plugin|null
	 */
	private static ?Plugin $instance = null;

	/**
	 * Settings shared by the services.
	 *
	 * @var Settings
	 */
	private Settings $settings;

	/**
	 * The cache connection shared by the services: one per request.
	 *
	 * @var CacheConnection
	 */
	private CacheConnection $connection;

	/**
	 * Builds the services and wires them. Called once from the main plugin file.
	 */
	public static function boot(): void {
		if ( null !== self::$instance ) {
			return;
		}
		self::$instance = new self();
		self::$instance->wire();
	}

	/**
	 * Builds the shared objects; cheap, as nothing is opened until first used.
	 */
	private function __construct() {
		$this->settings   = new Settings();
		$this->connection = new CacheConnection(
			fn (): string => $this->settings->cache_path(),
			new CacheStatusLog()
		);
	}

	/**
	 * Loads translations and starts every service, each in its own guard so one failing
	 * service never takes the site (or the other services) down.
	 */
	private function wire(): void {
		add_action( 'init', array( $this, 'load_textdomain' ), 0 );

		foreach ( $this->services() as $service ) {
			try {
				$service->init();
			} catch ( \Throwable $error ) {
				// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the site must keep working; the log tells the admin why.
				error_log( sprintf( 'Afflux: could not start %s: %s', get_class( $service ), $error->getMessage() ) );
			}
		}
	}

	/**
	 * Loads the plugin's translations from plugin/languages.
	 */
	public function load_textdomain(): void {
		load_plugin_textdomain( 'afflux', false, dirname( plugin_basename( AFFLUX_FILE ) ) . '/languages' );
	}

	/**
	 * The services to start, in order.
	 *
	 * @return list<Service>
	 */
	private function services(): array {
		$products = new ProductRepository( $this->connection );
		$prices   = new PriceFormatter();
		$placed   = new PlacedProducts( $products );
		$card     = new ProductCardRenderer(
			$placed,
			new TrackingLinkBuilder(),
			$prices,
			$this->settings
		);

		return array(
			$this->settings,
			new CacheNotice( $this->connection ),
			new ReactJsxRuntimeShim(),
			new BlockRegistry( AFFLUX_DIR . 'build', array( ProductCardRenderer::BLOCK_NAME => $card ) ),
			$placed,
			new ProductsController( $products, $prices ),
		);
	}
}
