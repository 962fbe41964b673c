<?php
/**
 * Reads a post's row through WordPress's database object.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * The post's row by primary key with $wpdb: the redirect runs before the object cache and
 * WP_Post would cost more than the one read it needs.
 */
final class WpdbPostSource implements PostSource {

	/**
	 * The post's content and slug; null when absent or trashed.
	 *
	 * @param int $post_id Post id.
	 * @return array{post_content: string, post_name: string}|null
	 */
	public function row( int $post_id ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the redirect runs before the object cache and needs one primary-key read.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT post_content, post_name, post_status FROM {$wpdb->posts} WHERE ID = %d", $post_id ), 'ARRAY_A' );
		return is_array( $row ) ? PostRowFilter::usable( $row ) : null;
	}
}
