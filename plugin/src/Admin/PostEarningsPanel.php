<?php
/**
 * Loads the editor's "Afflux earnings" sidebar panel (blocks/src/post-earnings-panel).
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Service;

/**
 * The panel reads /afflux/v1/earnings/posts/{id}, which checks edit_post itself.
 */
final class PostEarningsPanel implements Service {

	/**
	 * Hooks the editor assets.
	 */
	public function init(): void {
		add_action( 'enqueue_block_editor_assets', array( $this, 'enqueue' ) );
	}

	/**
	 * Enqueues the panel's script when it is built.
	 */
	public function enqueue(): void {
		$asset_file = AFFLUX_DIR . 'build/post-earnings-panel/index.asset.php';
		if ( ! is_file( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		wp_enqueue_script( 'afflux-post-earnings-panel', plugins_url( 'build/post-earnings-panel/index.js', AFFLUX_FILE ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( 'afflux-post-earnings-panel', 'afflux', AFFLUX_DIR . 'languages' );
	}
}
