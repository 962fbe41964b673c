<?php
/**
 * Keeps the placement index in step with the posts.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Service;

/**
 * Rewrites a post's PlacementIndex file whenever the post is saved (its blocks, slug or status
 * may have changed), removes it when the post is trashed or deleted, and fills the index for
 * every existing post when the admin turns the no-WordPress path on and when the plugin is
 * activated.
 */
final class PlacementIndexWriter implements Service {

	/**
	 * Posts indexed per query when filling the whole index.
	 */
	private const BATCH = 200;

	/**
	 * Hooks post saves and deletions.
	 */
	public function init(): void {
		add_action( 'save_post', array( $this, 'post_saved' ), 20, 2 );
		add_action( 'deleted_post', array( $this, 'post_deleted' ) );
	}

	/**
	 * Writes (or removes) the saved post's file. Revisions are never indexed: their links
	 * resolve through the database, as before.
	 *
	 * @param int      $post_id Post id.
	 * @param \WP_Post $post    The post.
	 */
	public function post_saved( int $post_id, \WP_Post $post ): void {
		if ( 'revision' === $post->post_type ) {
			return;
		}
		self::index( $post_id, $post->post_name, $post->post_status, $post->post_content );
	}

	/**
	 * Removes a deleted post's file.
	 *
	 * @param int $post_id Post id.
	 */
	public function post_deleted( int $post_id ): void {
		PlacementIndex::in( WP_CONTENT_DIR )->delete( $post_id );
	}

	/**
	 * Writes the whole index again: on activation, as posts may have changed (or been deleted)
	 * while the plugin was inactive and no hook kept their files in step.
	 */
	public static function rebuild(): int {
		PlacementIndex::in( WP_CONTENT_DIR )->clear();
		return self::index_all();
	}

	/**
	 * Indexes every post holding an Afflux block, in batches; the number of posts indexed.
	 */
	public static function index_all(): int {
		global $wpdb;
		$like    = '%' . $wpdb->esc_like( '<!-- wp:afflux/' ) . '%';
		$inline  = '%' . $wpdb->esc_like( 'data-afflux-product=' ) . '%';
		$after   = 0;
		$indexed = 0;
		do {
			$count = 0;
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- a one-off walk over every post, by primary key.
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT ID, post_name, post_status, post_content FROM {$wpdb->posts} WHERE ID > %d AND post_type <> 'revision' AND ( post_content LIKE %s OR post_content LIKE %s ) ORDER BY ID LIMIT %d", $after, $like, $inline, self::BATCH ), 'ARRAY_A' );
			foreach ( $rows as $row ) {
				$after = (int) $row['ID'];
				self::index( $after, (string) $row['post_name'], (string) $row['post_status'], (string) $row['post_content'] );
				++$indexed;
				++$count;
			}
		} while ( self::BATCH === $count );
		return $indexed;
	}

	/**
	 * Writes one post's file, or removes it when the post has no live links (trashed, an
	 * auto-draft: PostRowFilter's rule) or no Afflux block any more.
	 *
	 * @param int    $post_id Post id.
	 * @param string $name    Slug.
	 * @param string $status  Status.
	 * @param string $content Serialized blocks.
	 */
	private static function index( int $post_id, string $name, string $status, string $content ): void {
		$index = PlacementIndex::in( WP_CONTENT_DIR );
		$row   = PostRowFilter::usable(
			array(
				'post_content' => $content,
				'post_name'    => $name,
				'post_status'  => $status,
			)
		);
		if ( null === $row || ( ! str_contains( $content, '<!-- wp:afflux/' ) && ! str_contains( $content, 'data-afflux-product=' ) ) ) {
			$index->delete( $post_id );
			return;
		}
		$index->write( $post_id, $row['post_name'], $row['post_content'] );
	}
}
