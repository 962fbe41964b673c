<?php
/**
 * Tests for BlockPostId.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\BlockPostId;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Which post a block's links are counted for (the p{post} of its sub id).
 */
final class BlockPostIdTest extends AffluxTestCase {

	private const NAME = 'afflux-test/post-id-probe';

	/**
	 * Post created by the test.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * A block type that reads the postId context, as Afflux's blocks do, and a current post.
	 */
	protected function set_up(): void {
		parent::set_up();
		register_block_type( self::NAME, array( 'uses_context' => array( 'postId' ) ) );
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'  => 'Courant',
				'post_status' => 'publish',
			)
		);
		$this->assertGreaterThan( 0, $this->post_id );
		$GLOBALS['post'] = get_post( $this->post_id ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- sets up the loop for the test.
	}

	/**
	 * Removes the block type, the post and the loop.
	 */
	protected function tear_down(): void {
		unregister_block_type( self::NAME );
		wp_delete_post( $this->post_id, true );
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * In a query loop the block belongs to the post it is rendered for, not the page's post.
	 */
	public function test_block_context_post_wins_over_the_current_post(): void {
		$block = new \WP_Block(
			array(
				'blockName'    => self::NAME,
				'attrs'        => array(),
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			),
			array( 'postId' => $this->post_id + 1000 )
		);

		$this->assertSame( $this->post_id + 1000, BlockPostId::of( $block ) );
	}

	/**
	 * Without a block instance, the current post.
	 */
	public function test_current_post_without_a_block(): void {
		$this->assertSame( $this->post_id, BlockPostId::of( null ) );
	}

	/**
	 * Outside any post (a widget, the REST renderer), 0: the sub id has no post part.
	 */
	public function test_zero_outside_a_post(): void {
		unset( $GLOBALS['post'] );

		$this->assertSame( 0, BlockPostId::of( null ) );
	}
}
