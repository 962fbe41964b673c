<?php
/**
 * Where the redirect finds the block behind a sub id.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\SubId;

/**
 * A placement's block and its post's slug: from the post's row (PostContentPlacements) or, in
 * the no-WordPress entry point, from the placement index first (IndexedPlacements).
 */
interface PlacementSource {

	/**
	 * The post's slug and the block's name and attributes; null when the post is absent,
	 * trashed or holds no Afflux block with this placement id.
	 *
	 * @param SubId $sub_id The post and placement.
	 * @return array{post_name: string, name: string, attributes: array<string, mixed>}|null
	 */
	public function find( SubId $sub_id ): ?array;
}
