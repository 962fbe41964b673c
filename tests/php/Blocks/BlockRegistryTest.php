<?php
/**
 * Tests for BlockRegistry and the react-jsx-runtime shim.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\BlockRegistry;
use Afflux\Blocks\BlockRenderer;
use Afflux\Blocks\ReactJsxRuntimeShim;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Registration of built blocks.
 */
final class BlockRegistryTest extends AffluxTestCase {

	private const NAME = 'afflux-test/registry-probe';

	/**
	 * Unregisters the probe block.
	 */
	protected function tear_down(): void {
		if ( \WP_Block_Type_Registry::get_instance()->is_registered( self::NAME ) ) {
			unregister_block_type( self::NAME );
		}
		foreach ( (array) glob( $this->dir . '/build/probe/*' ) as $file ) {
			unlink( (string) $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- test clean-up.
		}
		foreach ( array( '/build/probe', '/build' ) as $sub ) {
			if ( is_dir( $this->dir . $sub ) ) {
				rmdir( $this->dir . $sub ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_rmdir -- test clean-up.
			}
		}
		parent::tear_down();
	}

	/**
	 * A build/<block>/block.json is registered with its server renderer.
	 */
	public function test_registers_built_blocks_with_their_renderer(): void {
		mkdir( $this->dir . '/build/probe', 0700, true );
		file_put_contents( // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test file.
			$this->dir . '/build/probe/block.json',
			(string) wp_json_encode(
				array(
					'apiVersion' => 2,
					'name'       => self::NAME,
					'title'      => 'Probe',
					'attributes' => array( 'productId' => array( 'type' => 'integer' ) ),
				)
			)
		);
		$renderer = new class() implements BlockRenderer {
			/**
			 * Renders the probe.
			 *
			 * @param array<string, mixed> $attributes Attributes.
			 * @param string               $content    Content.
			 * @param \WP_Block|null       $block      Block.
			 */
			public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string {
				return 'probe:' . (int) ( $attributes['productId'] ?? 0 );
			}
		};

		( new BlockRegistry( $this->dir . '/build', array( self::NAME => $renderer ) ) )->register_blocks();

		$this->assertSame( 'probe:7', render_block( parse_blocks( '<!-- wp:' . self::NAME . ' {"productId":7} /-->' )[0] ) );
	}

	/**
	 * Without a build, nothing is registered and administrators are told to build.
	 */
	public function test_missing_build_registers_nothing_and_warns(): void {
		$registry = new BlockRegistry( $this->dir . '/no-build', array() );
		$registry->register_blocks();

		$user = wp_insert_user(
			array(
				'user_login' => 'afflux-test-admin-' . bin2hex( random_bytes( 4 ) ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'administrator',
			)
		);
		$this->assertIsInt( $user );
		wp_set_current_user( $user );
		ob_start();
		$registry->show_build_notice();
		$html = (string) ob_get_clean();
		wp_set_current_user( 0 );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $user );

		$this->assertStringContainsString( 'npm run build', $html );
	}

	/**
	 * WordPress 6.1 lacks react-jsx-runtime; the shim provides it on top of React.
	 */
	public function test_react_jsx_runtime_handle_exists(): void {
		$scripts = wp_scripts();
		$this->assertTrue( wp_script_is( ReactJsxRuntimeShim::HANDLE, 'registered' ) );
		$this->assertContains( 'react', $scripts->registered[ ReactJsxRuntimeShim::HANDLE ]->deps );
		if ( false === $scripts->registered[ ReactJsxRuntimeShim::HANDLE ]->src ) {
			$this->assertStringContainsString( 'window.ReactJSXRuntime', implode( "\n", (array) $scripts->get_data( ReactJsxRuntimeShim::HANDLE, 'after' ) ) );
		}
	}
}
