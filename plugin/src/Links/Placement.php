<?php
/**
 * One block in one post, as a link needs it.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

/**
 * Where a link sits: the post, its slug, the block and the UTM template that applies to it.
 */
final class Placement {

	/**
	 * Builds a placement.
	 *
	 * @param SubId       $sub_id       Post and placement id.
	 * @param string      $post_slug    The post's slug, for {post_slug}.
	 * @param string      $block_name   Full block name, e.g. afflux/product-card.
	 * @param UtmTemplate $utm_template The block's template, or the site's.
	 */
	public function __construct(
		public readonly SubId $sub_id,
		public readonly string $post_slug,
		public readonly string $block_name,
		public readonly UtmTemplate $utm_template
	) {
	}
}
