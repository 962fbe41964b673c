<?php
/**
 * Registers the blocks built into plugin/build.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Service;

/**
 * Registers every block whose block.json the blocks build wrote to build/<block>/, giving dynamic
 * blocks their server renderer. Without a build, registers nothing and tells the admin.
 */
final class BlockRegistry implements Service {

	/**
	 * The build folder (plugin/build).
	 *
	 * @var string
	 */
	private string $build_dir;

	/**
	 * Server renderers by block name.
	 *
	 * @var array<string, BlockRenderer>
	 */
	private array $renderers;

	/**
	 * Whether register_blocks() found no built block.
	 *
	 * @var bool
	 */
	private bool $build_missing = false;

	/**
	 * Builds the registry.
	 *
	 * @param string                       $build_dir The build folder.
	 * @param array<string, BlockRenderer> $renderers Server renderers by block name.
	 */
	public function __construct( string $build_dir, array $renderers ) {
		$this->build_dir = rtrim( $build_dir, '/\\' );
		$this->renderers = $renderers;
	}

	/**
	 * Registers the blocks on init and the "not built" notice.
	 */
	public function init(): void {
		add_action( 'init', array( $this, 'register_blocks' ) );
		add_action( 'admin_notices', array( $this, 'show_build_notice' ) );
	}

	/**
	 * Registers each build/<block>/block.json.
	 */
	public function register_blocks(): void {
		$files = glob( $this->build_dir . '/*/block.json' );
		if ( false === $files || array() === $files ) {
			$this->build_missing = true;
			return;
		}

		foreach ( $files as $file ) {
			$metadata = wp_json_file_decode( $file, array( 'associative' => true ) );
			$name     = is_array( $metadata ) && isset( $metadata['name'] ) && is_string( $metadata['name'] ) ? $metadata['name'] : '';
			if ( '' === $name || \WP_Block_Type_Registry::get_instance()->is_registered( $name ) ) {
				continue;
			}

			$args = array();
			if ( isset( $this->renderers[ $name ] ) ) {
				$args['render_callback'] = array( $this->renderers[ $name ], 'render' );
			}
			$block_type = register_block_type( dirname( $file ), $args );
			if ( $block_type instanceof \WP_Block_Type ) {
				$this->load_script_translations( $block_type );
			}
		}
	}

	/**
	 * Points a block's editor scripts at the plugin's own JSON translations: WordPress would
	 * otherwise look for them only in wp-content/languages/plugins.
	 *
	 * @param \WP_Block_Type $block_type The registered block.
	 */
	private function load_script_translations( \WP_Block_Type $block_type ): void {
		$languages_dir = dirname( $this->build_dir ) . '/languages';
		foreach ( $block_type->editor_script_handles as $handle ) {
			wp_set_script_translations( $handle, 'afflux', $languages_dir );
		}
	}

	/**
	 * Tells administrators that the blocks are not built, so the editor shows none.
	 */
	public function show_build_notice(): void {
		if ( ! $this->build_missing || ! current_user_can( 'manage_options' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-warning"><p>%s</p></div>',
			esc_html__( 'Afflux: the blocks are not built, so the editor offers none. Run "npm run build" in the Afflux source folder, or install a packaged release of the plugin.', 'afflux' )
		);
	}
}
