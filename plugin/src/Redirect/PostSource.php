<?php
/**
 * Where the redirect reads a post's row from.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * One primary-key read of a post: its content (the blocks) and its slug. WordPress's $wpdb
 * inside WordPress, PDO in the no-WordPress entry point.
 */
interface PostSource {

	/**
	 * The post's content and slug; null when absent, trashed or an auto-draft.
	 *
	 * @param int $post_id Post id.
	 * @return array{post_content: string, post_name: string}|null
	 */
	public function row( int $post_id ): ?array;
}
