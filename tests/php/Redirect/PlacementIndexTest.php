<?php
/**
 * Tests for the placement index plugin/go.php reads instead of the database.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Links\SubId;
use Afflux\Redirect\IndexedPlacements;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\PlacementSource;
use Afflux\Redirect\PostContentPlacements;
use Afflux\Redirect\WpdbPostSource;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Saving, renaming, editing, trashing and deleting a post keep its index file true to the
 * post, and an indexed post is resolved without reading the database.
 */
final class PlacementIndexTest extends AffluxTestCase {

	/**
	 * The post holding the card.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * Deletes the post (and so its file).
	 */
	protected function tear_down(): void {
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		parent::tear_down();
	}

	/**
	 * A saved post is found in its file; the database is not asked.
	 */
	public function test_saved_post_is_found_without_the_database(): void {
		$this->post_id = $this->insert_post( 'index-me', $this->product_card_block( 'ix1', 42 ) . $this->product_card_block( 'ix2', 43 ) );

		$found = $this->indexed( $this->no_database() )->find( new SubId( $this->post_id, 'ix2' ) );

		$this->assertSame( 'index-me', $found['post_name'] ?? null );
		$this->assertSame( 'afflux/product-card', $found['name'] );
		$this->assertSame( 43, $found['attributes']['productId'] );
		$this->assertNull( $this->indexed( $this->no_database() )->find( new SubId( $this->post_id, 'nothere' ) ), 'an indexed post answers for its own placements only' );
	}

	/**
	 * Inline affiliate links in a post that also holds a card are in the file too, so go.php
	 * finds them without the database.
	 */
	public function test_inline_links_are_indexed_beside_blocks(): void {
		$paragraph     = '<!-- wp:paragraph --><p>Le <a class="afflux-inline-link" data-afflux-product="45" data-afflux-placement="in1" href="https://example.com/">casque</a>.</p><!-- /wp:paragraph -->';
		$this->post_id = $this->insert_post( 'with-inline', $this->product_card_block( 'ix1', 42 ) . $paragraph );

		$found = $this->indexed( $this->no_database() )->find( new SubId( $this->post_id, 'in1' ) );

		$this->assertSame( 'afflux/affiliate-link', $found['name'] ?? null );
		$this->assertSame( 45, $found['attributes']['productId'] ?? null );
	}

	/**
	 * A new slug and a removed block are seen at once.
	 */
	public function test_edits_rewrite_the_file(): void {
		$this->post_id = $this->insert_post( 'before', $this->product_card_block( 'ix1', 42 ) . $this->product_card_block( 'ix2', 43 ) );

		wp_update_post(
			array(
				'ID'           => $this->post_id,
				'post_name'    => 'after',
				'post_content' => $this->product_card_block( 'ix1', 44 ),
			)
		);

		$index = $this->indexed( $this->no_database() );
		$this->assertSame( 'after', $index->find( new SubId( $this->post_id, 'ix1' ) )['post_name'] ?? null );
		$this->assertSame( 44, $index->find( new SubId( $this->post_id, 'ix1' ) )['attributes']['productId'] ?? null );
		$this->assertNull( $index->find( new SubId( $this->post_id, 'ix2' ) ) );
	}

	/**
	 * A trashed post has no file, and the database path refuses it too.
	 */
	public function test_trashed_post_no_longer_resolves(): void {
		$this->post_id = $this->insert_post( 'trash-me', $this->product_card_block( 'ix1', 42 ) );
		$this->assertFileExists( PlacementIndex::in( WP_CONTENT_DIR )->path( $this->post_id ) );

		wp_trash_post( $this->post_id );

		$this->assertFileDoesNotExist( PlacementIndex::in( WP_CONTENT_DIR )->path( $this->post_id ) );
		$this->assertNull( $this->indexed( new PostContentPlacements( new WpdbPostSource() ) )->find( new SubId( $this->post_id, 'ix1' ) ) );
	}

	/**
	 * A post without a file (saved before the index existed) is read from the database.
	 */
	public function test_post_without_a_file_falls_back_to_the_database(): void {
		$this->post_id = $this->insert_post( 'old-post', $this->product_card_block( 'ix1', 42 ) );
		PlacementIndex::in( WP_CONTENT_DIR )->delete( $this->post_id );

		$found = $this->indexed( new PostContentPlacements( new WpdbPostSource() ) )->find( new SubId( $this->post_id, 'ix1' ) );

		$this->assertSame( 42, $found['attributes']['productId'] ?? null );
	}

	/**
	 * A web server that runs the file prints nothing of the post.
	 */
	public function test_file_prints_nothing_when_run(): void {
		$this->post_id = $this->insert_post( 'secret-draft', $this->product_card_block( 'ix1', 42 ) );

		$output = shell_exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( PlacementIndex::in( WP_CONTENT_DIR )->path( $this->post_id ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_shell_exec -- runs the file as a server would.

		$this->assertSame( '', (string) $output );
	}

	/**
	 * The index with a given fallback.
	 *
	 * @param PlacementSource $fallback For posts without a file.
	 */
	private function indexed( PlacementSource $fallback ): IndexedPlacements {
		return new IndexedPlacements( PlacementIndex::in( WP_CONTENT_DIR ), $fallback );
	}

	/**
	 * A fallback that fails the test when asked.
	 */
	private function no_database(): PlacementSource {
		return new class() implements PlacementSource {
			/**
			 * Fails.
			 *
			 * @param SubId $sub_id The post and placement.
			 * @throws \LogicException Always.
			 */
			public function find( SubId $sub_id ): ?array {
				throw new \LogicException( 'the database was read for post ' . $sub_id->post_id ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a test failure.
			}
		};
	}

	/**
	 * A published post.
	 *
	 * @param string $name    Slug.
	 * @param string $content Serialized blocks.
	 */
	private function insert_post( string $name, string $content ): int {
		return (int) wp_insert_post(
			array(
				'post_title'   => 'Index',
				'post_name'    => $name,
				'post_status'  => 'publish',
				'post_content' => $content,
			),
			true
		);
	}
}
