<?php
/**
 * The Afflux menu: the earnings dashboard (with sync health) and the settings screen.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Service;

/**
 * Adds the pages and loads the admin app (built from blocks/src/admin-app) on them. The pages
 * hold only a mount point: the app reads everything through the REST API, so no setting, and
 * no credential, is ever printed into the page.
 */
final class AdminPages implements Service {

	public const MENU = 'afflux';

	public const SETTINGS = 'afflux-settings';

	/**
	 * Hooks the menu and the scripts.
	 */
	public function init(): void {
		add_action( 'admin_menu', array( $this, 'add_pages' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * Adds Afflux → Earnings and Afflux → Settings.
	 */
	public function add_pages(): void {
		add_menu_page( __( 'Afflux earnings', 'afflux' ), 'Afflux', 'manage_options', self::MENU, array( $this, 'render_dashboard' ), 'dashicons-chart-bar', 58 );
		add_submenu_page( self::MENU, __( 'Afflux earnings', 'afflux' ), __( 'Earnings', 'afflux' ), 'manage_options', self::MENU, array( $this, 'render_dashboard' ) );
		add_submenu_page( self::MENU, __( 'Afflux settings', 'afflux' ), __( 'Settings', 'afflux' ), 'manage_options', self::SETTINGS, array( $this, 'render_settings' ) );
	}

	/**
	 * The dashboard's mount point.
	 */
	public function render_dashboard(): void {
		$this->mount( 'dashboard', __( 'Afflux earnings', 'afflux' ) );
	}

	/**
	 * The settings' mount point.
	 */
	public function render_settings(): void {
		$this->mount( 'settings', __( 'Afflux settings', 'afflux' ) );
	}

	/**
	 * Loads the app on Afflux's pages only.
	 *
	 * @param string $hook The admin page's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		if ( ! str_ends_with( $hook, '_page_' . self::MENU ) && ! str_ends_with( $hook, '_page_' . self::SETTINGS ) ) {
			return;
		}
		$asset_file = AFFLUX_DIR . 'build/admin-app/index.asset.php';
		if ( ! is_file( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		$url   = plugins_url( 'build/admin-app/', AFFLUX_FILE );
		wp_enqueue_script( 'afflux-admin-app', $url . 'index.js', $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( 'afflux-admin-app', 'afflux', AFFLUX_DIR . 'languages' );
		wp_enqueue_style( 'wp-components' );
		if ( is_file( AFFLUX_DIR . 'build/admin-app/style-index.css' ) ) {
			wp_enqueue_style( 'afflux-admin-app', $url . 'style-index.css', array( 'wp-components' ), $asset['version'] );
		}
		wp_add_inline_script(
			'afflux-admin-app',
			'window.afflux_admin = ' . wp_json_encode(
				array(
					// Not wp_nonce_url(): it HTML-escapes the & and the app would send "&amp;_wpnonce".
					'csvUrl' => add_query_arg(
						array(
							'action'   => EarningsCsvExport::ACTION,
							'_wpnonce' => wp_create_nonce( EarningsCsvExport::ACTION ),
						),
						admin_url( 'admin-post.php' )
					),
				)
			) . ';',
			'before'
		);
	}

	/**
	 * The page: a heading and the app's mount point.
	 *
	 * @param string $view  dashboard or settings.
	 * @param string $title The page's title.
	 */
	private function mount( string $view, string $title ): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		printf(
			'<div class="wrap"><h1>%1$s</h1><div id="afflux-admin-app" data-view="%2$s"><p>%3$s</p></div></div>',
			esc_html( $title ),
			esc_attr( $view ),
			esc_html__( 'Loading…', 'afflux' )
		);
	}
}
