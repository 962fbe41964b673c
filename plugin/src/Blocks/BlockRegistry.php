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
			register_block_type( dirname( $file ), $args );
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
