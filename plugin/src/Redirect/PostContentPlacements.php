<?php
/**
 * Finds a placement in its post's content.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\SubId;

/**
 * One primary-key read of the post (PostSource), then PlacementLocator over its content.
 */
final class PostContentPlacements implements PlacementSource {

	/**
	 * Builds the source.
	 *
	 * @param PostSource $posts Reads a post's row.
	 */
	public function __construct( private readonly PostSource $posts ) {
	}

	/**
	 * The post's slug and the block, or null.
	 *
	 * @param SubId $sub_id The post and placement.
	 * @return array{post_name: string, name: string, attributes: array<string, mixed>}|null
	 */
	public function find( SubId $sub_id ): ?array {
		$post  = $this->posts->row( $sub_id->post_id );
		$block = null === $post ? null : PlacementLocator::find( $post['post_content'], $sub_id->placement_id );
		if ( null === $post || null === $block ) {
			return null;
		}
		return array(
			'post_name'  => $post['post_name'],
			'name'       => $block['name'],
			'attributes' => $block['attributes'],
		);
	}
}
