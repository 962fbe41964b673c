<?php
/**
 * Which post rows a redirect may use.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * The one rule both post sources apply: a trashed post or an auto-draft has no live links.
 */
final class PostRowFilter {

	/**
	 * The row's content and slug, or null for a trashed post or an auto-draft.
	 *
	 * @param array<string, mixed> $row post_content, post_name, post_status.
	 * @return array{post_content: string, post_name: string}|null
	 */
	public static function usable( array $row ): ?array {
		if ( in_array( $row['post_status'] ?? '', array( 'trash', 'auto-draft' ), true ) ) {
			return null;
		}
		return array(
			'post_content' => (string) ( $row['post_content'] ?? '' ),
			'post_name'    => (string) ( $row['post_name'] ?? '' ),
		);
	}
}
