<?php
/**
 * Records a post's placements when it is saved.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

use Afflux\Service;

/**
 * On save_post, rewrites the post's rows in the placements table (so the purge job knows
 * which posts show which product); removes them when the post is trashed or deleted. Revisions
 * and auto-drafts are never recorded: no page cache holds them.
 */
final class PlacementRecorder implements Service {

	/**
	 * Builds the recorder.
	 *
	 * @param PlacementStore $store The table.
	 */
	public function __construct( private readonly PlacementStore $store ) {
	}

	/**
	 * Keeps the table's schema current and hooks saves and deletions.
	 */
	public function init(): void {
		add_action( 'init', array( PlacementSchema::class, 'ensure' ) );
		add_action( 'save_post', array( $this, 'post_saved' ), 20, 2 );
		add_action( 'deleted_post', array( $this->store, 'delete' ) );
	}

	/**
	 * Rewrites the saved post's rows.
	 *
	 * @param int      $post_id Post id.
	 * @param \WP_Post $post    The post.
	 */
	public function post_saved( int $post_id, \WP_Post $post ): void {
		if ( 'revision' === $post->post_type ) {
			return;
		}
		PlacementSchema::ensure();
		if ( in_array( $post->post_status, array( 'trash', 'auto-draft' ), true ) ) {
			$this->store->delete( $post_id );
			return;
		}
		$this->store->replace( $post_id, PostPlacements::from_content( $post->post_content ) );
	}
}
