<?php
/**
 * The post a rendered block belongs to.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

/**
 * The post id that goes into a placement's sub id: the block's postId context (a query loop
 * renders other posts' blocks), else the current post, else 0 (a widget, the REST renderer).
 */
final class BlockPostId {

	/**
	 * The post the block belongs to.
	 *
	 * @param \WP_Block|null $block The block instance, when WordPress passed one.
	 */
	public static function of( ?\WP_Block $block ): int {
		if ( null !== $block && isset( $block->context['postId'] ) && is_numeric( $block->context['postId'] ) ) {
			return (int) $block->context['postId'];
		}
		$id = get_the_ID();
		return false === $id ? 0 : (int) $id;
	}
}
