<?php
/**
 * Loads the editor's "Affiliate link" rich-text format (blocks/src/affiliate-link-format).
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Service;

/**
 * A format has no block.json, so nothing registers its script for it: enqueued here, in the
 * block editor only, with its stylesheet and the plugin's own JSON translations. Its product
 * search reads /afflux/v1/products, which checks the user's capability itself.
 */
final class InlineLinkFormat implements Service {

	/**
	 * The script's handle (also the stylesheet's).
	 */
	public const HANDLE = 'afflux-affiliate-link-format';

	/**
	 * The build folder (plugin/build).
	 *
	 * @var string
	 */
	private string $build_dir;

	/**
	 * Builds the loader.
	 *
	 * @param string $build_dir The build folder.
	 */
	public function __construct( string $build_dir ) {
		$this->build_dir = rtrim( $build_dir, '/\\' );
	}

	/**
	 * Hooks the editor assets.
	 */
	public function init(): void {
		add_action( 'enqueue_block_editor_assets', array( $this, 'enqueue' ) );
	}

	/**
	 * Enqueues the format's script and stylesheet when they are built.
	 */
	public function enqueue(): void {
		$asset_file = $this->build_dir . '/affiliate-link-format/index.asset.php';
		if ( ! is_file( $asset_file ) ) {
			return;
		}
		$asset   = require $asset_file;
		$deps    = is_array( $asset ) && isset( $asset['dependencies'] ) && is_array( $asset['dependencies'] ) ? $asset['dependencies'] : array();
		$version = is_array( $asset ) && isset( $asset['version'] ) && is_string( $asset['version'] ) ? $asset['version'] : false;
		wp_enqueue_script( self::HANDLE, plugins_url( 'build/affiliate-link-format/index.js', AFFLUX_FILE ), $deps, $version, true );
		wp_set_script_translations( self::HANDLE, 'afflux', dirname( $this->build_dir ) . '/languages' );
		if ( is_file( $this->build_dir . '/affiliate-link-format/index.css' ) ) {
			wp_enqueue_style( self::HANDLE, plugins_url( 'build/affiliate-link-format/index.css', AFFLUX_FILE ), array( 'wp-components' ), $version );
			wp_style_add_data( self::HANDLE, 'rtl', 'replace' );
		}
	}
}
