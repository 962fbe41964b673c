<?php
/**
 * Composition root: builds the services and wires their hooks.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux;

use Afflux\Admin\AdminPages;
use Afflux\Admin\CacheNotice;
use Afflux\Admin\DaemonStaleNotice;
use Afflux\Admin\EarningsCsvExport;
use Afflux\Admin\PostEarningsPanel;
use Afflux\Admin\PrivacyPolicy;
use Afflux\Admin\SyncHealth;
use Afflux\Cache\SyncRunRepository;
use Afflux\Cache\TransactionRepository;
use Afflux\Cli\CommandRegistrar;
use Afflux\Earnings\ClickTotals;
use Afflux\Earnings\EarningsReport;
use Afflux\Rest\EarningsController;
use Afflux\Rest\SettingsController;
use Afflux\Rest\SyncHealthController;
use Afflux\Settings\DaemonSettings;
use Afflux\Admin\LinksScreen;
use Afflux\Blocks\BannerRenderer;
use Afflux\Blocks\BlockRegistry;
use Afflux\Blocks\DisclosureInserter;
use Afflux\Blocks\DisclosureRenderer;
use Afflux\Blocks\InlineLinkFormat;
use Afflux\Blocks\InlineLinkRenderer;
use Afflux\Blocks\PlacedBanners;
use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\PriceFreshness;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Blocks\ProductListRenderer;
use Afflux\Blocks\ReactJsxRuntimeShim;
use Afflux\Blocks\VerbatimBlockHtml;
use Afflux\Cache\BannerRepository;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Cache\ProductRepository;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Clicks\ClickMaintenance;
use Afflux\Clicks\ClickSpoolDrain;
use Afflux\Links\GonePlacements;
use Afflux\Links\LinkSettings;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Redirect\GoRoute;
use Afflux\Redirect\PlacementIndexWriter;
use Afflux\Placements\ChangedProductPurge;
use Afflux\Placements\PagePurger;
use Afflux\Placements\PlacementRecorder;
use Afflux\Placements\PlacementStore;
use Afflux\Redirect\StandaloneConfigWriter;
use Afflux\Rest\BannersController;
use Afflux\Rest\LandingPageController;
use Afflux\Rest\LinksController;
use Afflux\Rest\MerchantsController;
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
			new CacheStatusLog(),
			200,
			// Web requests keep the SQLite handle in the PHP worker between page views (the open
			// is paid once; the schema check still runs per request). CLI runs (WP-CLI, PHPUnit,
			// which recreates cache files at the same paths) open a fresh one each time.
			'cli' !== PHP_SAPI
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
		$products   = new ProductRepository( $this->connection );
		$banners    = new BannerRepository( $this->connection );
		$disclosure = new DisclosureRenderer( $this->settings );
		$prices     = new PriceFormatter();
		$placed     = new PlacedProducts( $products, $this->settings );
		$landing    = new LandingPagePolicy();
		$placements = new PlacementStore();
		$gone       = new GonePlacements( new LinkTargetRepository( $this->connection ) );
		$verbatim   = new VerbatimBlockHtml();
		$card       = new ProductCardRenderer(
			$placed,
			new TrackingLinkBuilder(),
			$prices,
			$this->settings,
			$landing,
			new PriceFreshness( $this->settings )
		);

		return array(
			$this->settings,
			new CacheNotice( $this->connection ),
			new ReactJsxRuntimeShim(),
			new BlockRegistry(
				AFFLUX_DIR . 'build',
				array(
					ProductCardRenderer::BLOCK_NAME => $card,
					ProductListRenderer::BLOCK_NAME => new ProductListRenderer( $placed, new TrackingLinkBuilder(), $prices, $this->settings, new PriceFreshness( $this->settings ) ),
					BannerRenderer::BLOCK_NAME      => new BannerRenderer( $placed, new PlacedBanners( $banners ), new TrackingLinkBuilder(), $landing ),
					DisclosureRenderer::BLOCK_NAME  => $disclosure,
				)
			),
			new DisclosureInserter( $disclosure, $verbatim ),
			$verbatim,
			new InlineLinkFormat( AFFLUX_DIR . 'build' ),
			new InlineLinkRenderer( $placed, new TrackingLinkBuilder() ),
			new BannersController( $banners ),
			$placed,
			new ProductsController( $products, $prices ),
			new LinkSettings(),
			new GoRoute(),
			new ClickMaintenance(),
			new ClickSpoolDrain(),
			new MerchantsController( $products ),
			new LandingPageController( $products, $landing ),
			new LinksController( $gone ),
			new LinksScreen( $gone ),
			new StandaloneConfigWriter(),
			new PlacementIndexWriter(),
			new PlacementRecorder( $placements ),
			new ChangedProductPurge( $products, $placements, new PagePurger() ),
			...$this->admin_services(),
		);
	}

	/**
	 * The site owner's services: settings, sync health, earnings, the editor panel, WP-CLI.
	 *
	 * @return list<Service>
	 */
	private function admin_services(): array {
		$transactions = new TransactionRepository( $this->connection );
		$runs         = new SyncRunRepository( $this->connection );
		$health       = new SyncHealth( $this->connection, $runs );
		$earnings     = new EarningsReport( $transactions, $runs, new ClickTotals() );
		return array(
			new DaemonSettings(),
			new SettingsController( $this->settings ),
			new SyncHealthController( $health ),
			new EarningsController( $earnings ),
			new AdminPages(),
			new DaemonStaleNotice( $health ),
			new EarningsCsvExport( $transactions ),
			new PostEarningsPanel(),
			new PrivacyPolicy(),
			new CommandRegistrar( $health, $earnings ),
		);
	}
}
