<?php
/**
 * Tests for the placements table and the purge of posts whose products changed.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Placements;

use Afflux\Placements\ChangedProductPurge;
use Afflux\Placements\PagePurger;
use Afflux\Placements\PlacementStore;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * Real posts saved through WordPress (the running plugin records their placements), a real
 * cache file whose offers.changed_at moves, and WordPress's own clean_post_cache action.
 */
final class ChangedProductPurgeTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * Posts created by the test.
	 *
	 * @var list<int>
	 */
	private array $posts = array();

	/**
	 * Post ids whose cache WordPress cleaned, in order.
	 *
	 * @var list<int>
	 */
	private array $cleaned = array();

	/**
	 * The afflux_product_changed actions fired: [product id, post ids].
	 *
	 * @var list<array{0: int, 1: array<int>}>
	 */
	private array $changed = array();

	/**
	 * A cache with programme 1001 and a clean watermark.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->cache->add_link_template();
		delete_option( ChangedProductPurge::STATE_OPTION );
	}

	/**
	 * Deletes the posts and the hooks.
	 */
	protected function tear_down(): void {
		remove_action( 'clean_post_cache', array( $this, 'record_clean' ) );
		remove_action( 'afflux_product_changed', array( $this, 'record_change' ) );
		foreach ( $this->posts as $post_id ) {
			wp_delete_post( $post_id, true );
		}
		delete_option( ChangedProductPurge::STATE_OPTION );
		parent::tear_down();
	}

	/**
	 * Saving a post records its cards, each chosen list row and inline links; trashing it
	 * removes them.
	 */
	public function test_saving_a_post_records_its_placements(): void {
		$post = $this->post(
			$this->card( 'crd1', 11 )
			. $this->block(
				'afflux/product-list',
				array(
					'placementId' => 'lst1',
					'productIds'  => array(
						12,
						12,
						13,
					),
				)
			)
			. $this->block(
				'afflux/product-list',
				array(
					'placementId' => 'top1',
					'source'      => 'query',
				)
			)
			. $this->inline_link( 14, 'inl1' )
		);

		$this->assertSame(
			array(
				array(
					'placement_id' => 'crd1',
					'block_name'   => 'afflux/product-card',
					'product_id'   => 11,
				),
				array(
					'placement_id' => 'inl1',
					'block_name'   => 'afflux/affiliate-link',
					'product_id'   => 14,
				),
				array(
					'placement_id' => 'lst1r1',
					'block_name'   => 'afflux/product-list',
					'product_id'   => 12,
				),
				array(
					'placement_id' => 'lst1r2',
					'block_name'   => 'afflux/product-list',
					'product_id'   => 13,
				),
			),
			( new PlacementStore() )->for_post( $post )
		);

		wp_trash_post( $post );
		$this->assertSame( array(), ( new PlacementStore() )->for_post( $post ) );
	}

	/**
	 * The first check records the watermark; an unchanged cache purges nothing; a changed
	 * product purges exactly the posts placing it (card, list row or inline link), once.
	 */
	public function test_purges_exactly_the_posts_of_changed_products(): void {
		$card_only = $this->cache->add_product();
		$in_list   = $this->cache->add_product();
		$untouched = $this->cache->add_product();
		$post_card = $this->post( $this->card( 'crd1', $card_only ) . $this->card( 'crd2', $untouched ) );
		$post_list = $this->post(
			$this->block(
				'afflux/product-list',
				array(
					'placementId' => 'lst1',
					'productIds'  => array(
						$card_only,
						$in_list,
					),
				)
			)
		);
		$post_link = $this->post( $this->inline_link( $in_list, 'inl1' ) );
		$post_none = $this->post( $this->card( 'crd3', $untouched ) );
		$job       = $this->job();

		$this->assertSame( array(), $job->run(), 'the first check only records the watermark' );
		$this->assertSame( array(), $job->run(), 'an unchanged cache purges nothing' );
		$this->assertSame( array(), $this->cleaned );
		$this->assertSame( array(), $this->changed );

		$this->change( $in_list, '2026-11-21T09:00:00Z' );
		$purged = $this->mine( $job->run() );

		$this->assertSame( array( $post_list, $post_link ), $purged );
		$this->assertCount( 1, $this->changed );
		$this->assertSame( $in_list, $this->changed[0][0] );
		$this->assertSame( array( $post_list, $post_link ), $this->mine( $this->changed[0][1] ) );
		$this->assertContains( $post_list, $this->cleaned );
		$this->assertContains( $post_link, $this->cleaned );
		$this->assertNotContains( $post_card, $this->cleaned );
		$this->assertNotContains( $post_none, $this->cleaned );

		$this->cleaned = array();
		$this->assertSame( array(), $this->mine( $job->run() ), 'a change is purged once' );
		$this->assertSame( array(), $this->cleaned );

		// Another batch of the same sync (same changed_at) written after the last check.
		$this->change( $card_only, '2026-11-21T09:00:00Z' );
		$this->assertSame( array( $post_card, $post_list ), $this->mine( $job->run() ) );
	}

	/**
	 * An unreadable cache purges nothing and keeps the watermark.
	 */
	public function test_unreadable_cache_changes_nothing(): void {
		$product = $this->cache->add_product();
		$this->post( $this->card( 'crd1', $product ) );
		$job = $this->job();
		$job->run();
		$state = get_option( ChangedProductPurge::STATE_OPTION );

		$broken = new ChangedProductPurge( $this->repository( $this->dir . '/missing.sqlite' ), new PlacementStore(), new PagePurger() );
		$this->assertSame( array(), $broken->run() );
		$this->assertSame( $state, get_option( ChangedProductPurge::STATE_OPTION ) );
	}

	/**
	 * The posts of this test among $post_ids, sorted: the site may hold other posts placing
	 * the same product ids (the fixture's ids start at 1 in every test).
	 *
	 * @param int[] $post_ids Post ids.
	 * @return int[]
	 */
	private function mine( array $post_ids ): array {
		$mine = array_values( array_intersect( $post_ids, $this->posts ) );
		sort( $mine );
		return $mine;
	}

	/**
	 * Records WordPress's clean_post_cache action.
	 *
	 * @param int $post_id Post id.
	 */
	public function record_clean( int $post_id ): void {
		$this->cleaned[] = $post_id;
	}

	/**
	 * Records afflux_product_changed.
	 *
	 * @param int   $product_id Product id.
	 * @param int[] $post_ids   Posts.
	 */
	public function record_change( int $product_id, array $post_ids ): void {
		$this->changed[] = array( $product_id, $post_ids );
	}

	/**
	 * The job over the test cache, with the hooks recorded from now on.
	 */
	private function job(): ChangedProductPurge {
		add_action( 'clean_post_cache', array( $this, 'record_clean' ) );
		add_action( 'afflux_product_changed', array( $this, 'record_change' ), 10, 2 );
		return new ChangedProductPurge( $this->repository( $this->cache->path ), new PlacementStore(), new PagePurger() );
	}

	/**
	 * Moves a product's price and changed_at, as a daemon sync does.
	 *
	 * @param int    $product_id Product.
	 * @param string $at         New changed_at.
	 */
	private function change( int $product_id, string $at ): void {
		$statement = $this->cache->pdo->prepare( 'UPDATE offers SET price_minor = price_minor + 100, changed_at = :at, checked_at = :at WHERE product_id = :id' );
		$statement->execute(
			array(
				':at' => $at,
				':id' => $product_id,
			)
		);
	}

	/**
	 * A published post holding $content.
	 *
	 * @param string $content Serialized blocks.
	 */
	private function post( string $content ): int {
		$post          = (int) wp_insert_post(
			array(
				'post_title'   => 'Purge',
				'post_status'  => 'publish',
				'post_content' => wp_slash( $content ),
			),
			true
		);
		$this->posts[] = $post;
		return $post;
	}

	/**
	 * A product card.
	 *
	 * @param string $placement_id Placement id.
	 * @param int    $product_id   Product id.
	 */
	private function card( string $placement_id, int $product_id ): string {
		return $this->block(
			'afflux/product-card',
			array(
				'placementId' => $placement_id,
				'productId'   => $product_id,
			)
		);
	}

	/**
	 * A serialized Afflux block.
	 *
	 * @param string               $name       Block name.
	 * @param array<string, mixed> $attributes Attributes.
	 */
	private function block( string $name, array $attributes ): string {
		return '<!-- wp:' . $name . ' ' . serialize_block_attributes( $attributes ) . " /-->\n\n";
	}

	/**
	 * A paragraph with an inline affiliate link.
	 *
	 * @param int    $product_id   Product id.
	 * @param string $placement_id Placement id.
	 */
	private function inline_link( int $product_id, string $placement_id ): string {
		return "<!-- wp:paragraph -->\n<p>Voir <a href=\"https://www.boutique-exemple.fr/produit/" . $product_id . '" data-afflux-product="' . $product_id . '" data-afflux-placement="' . $placement_id . "\" rel=\"sponsored nofollow\">ce casque</a>.</p>\n<!-- /wp:paragraph -->\n\n";
	}
}
