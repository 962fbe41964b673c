<?php
/**
 * Tests for RedirectResolver against a real post and a test cache.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Redirect\Destination;
use Afflux\Redirect\IndexedPlacements;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\PostContentPlacements;
use Afflux\Redirect\PostSource;
use Afflux\Redirect\RedirectResolver;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * Slug → post → block → product → URL, the fallbacks for gone products, and refusals.
 */
final class RedirectResolverTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The post holding the blocks.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * A cache with Awin programme 1001 (valid domain boutique-exemple.fr).
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme( array( 'valid_domains' => '["boutique-exemple.fr"]' ) );
		$this->cache->add_link_template();
	}

	/**
	 * Placement index folders a test made inside the temporary folder.
	 *
	 * @var list<string>
	 */
	private array $folders = array();

	/**
	 * Deletes the post and any index folder.
	 */
	protected function tear_down(): void {
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		foreach ( $this->folders as $folder ) {
			// phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- test clean-up.
			array_map( 'unlink', (array) glob( $folder . '/{,.}[!.]*', GLOB_BRACE ) );
			rmdir( $folder ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_rmdir -- test clean-up.
		}
		parent::tear_down();
	}

	/**
	 * A known slug resolves to the product's tracked URL with the placement's sub id.
	 */
	public function test_resolves_a_placement_to_the_tracked_url(): void {
		$product = $this->cache->add_product();
		$this->card_post( $product );

		$destination = $this->resolve( 'casque-p' . $this->post_id . '_abc123' );

		$this->assertNotNull( $destination );
		$this->assertSame( Destination::OUTCOME_PRODUCT, $destination->outcome );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456&clickref=p' . $this->post_id . '_abc123&ued=', $destination->url );
		$this->assertStringContainsString( rawurlencode( 'utm_campaign=redirect-post' ), $destination->url );
		$this->assertSame( $product, $destination->product_id );
	}

	/**
	 * The block's utmTemplate and an accepted deep link are honoured.
	 */
	public function test_honours_block_utm_template_and_deep_link(): void {
		$this->cache->pdo->exec( "UPDATE programmes SET deeplink_enabled = 1 WHERE programme_id = '1001'" );
		$product = $this->cache->add_product();
		$this->post(
			array(
				'productId'   => $product,
				'placementId' => 'abc123',
				'utmTemplate' => 'utm_source=bloc',
				'landingUrl'  => 'https://www.boutique-exemple.fr/soldes',
			)
		);

		$url = (string) $this->resolve( 'p' . $this->post_id . '_abc123' )?->url;

		$this->assertStringEndsWith( '&ued=' . rawurlencode( 'https://www.boutique-exemple.fr/soldes?utm_source=bloc' ), $url );
	}

	/**
	 * A deep link outside the programme's valid domains is ignored, never followed.
	 */
	public function test_ignores_a_deep_link_outside_valid_domains(): void {
		$this->cache->pdo->exec( "UPDATE programmes SET deeplink_enabled = 1 WHERE programme_id = '1001'" );
		$product = $this->cache->add_product();
		$this->post(
			array(
				'productId'   => $product,
				'placementId' => 'abc123',
				'landingUrl'  => 'https://evil.example/boutique-exemple.fr',
			)
		);

		$url = (string) $this->resolve( 'p' . $this->post_id . '_abc123' )?->url;

		$this->assertStringNotContainsString( 'evil', $url );
		$this->assertStringContainsString( rawurlencode( 'https://www.boutique-exemple.fr/produit/' . $product ), $url );
	}

	/**
	 * A gone product sends the reader to the same GTIN in another feed, with the same sub id.
	 */
	public function test_gone_product_falls_back_to_the_same_gtin(): void {
		$gone  = $this->cache->add_product(
			array(
				'status' => 'gone',
				'gtin'   => '3700000000012',
			)
		);
		$other = $this->cache->add_product(
			array(
				'gtin'        => '3700000000012',
				'product_key' => 'other',
			)
		);
		$this->card_post( $gone );

		$destination = $this->resolve( 'p' . $this->post_id . '_abc123' );

		$this->assertSame( Destination::OUTCOME_SAME_GTIN, $destination?->outcome );
		$this->assertSame( $other, $destination->product_id );
		$this->assertStringContainsString( rawurlencode( '/produit/' . $other ), $destination->url );
		$this->assertStringContainsString( 'clickref=p' . $this->post_id . '_abc123&', $destination->url );
	}

	/**
	 * Without another offer, a gone product goes to the merchant's home page, still tracked.
	 */
	public function test_gone_product_falls_back_to_the_merchant_home(): void {
		$gone = $this->cache->add_product( array( 'status' => 'gone' ) );
		$this->card_post( $gone );

		$destination = $this->resolve( 'p' . $this->post_id . '_abc123' );

		$this->assertSame( Destination::OUTCOME_MERCHANT_HOME, $destination?->outcome );
		$this->assertStringContainsString( '&ued=' . rawurlencode( 'https://boutique-exemple.fr/?' ), $destination->url );
	}

	/**
	 * A template whose filled URL leaves the tracking host is never followed.
	 */
	public function test_refuses_a_target_outside_tracking_host_and_valid_domains(): void {
		$this->cache->pdo->exec( "UPDATE link_templates SET template = 'https://evil.example/?u={landing_url}&s={sub_id}', tracking_host = 'evil.example'" );
		$this->cache->pdo->exec( "UPDATE link_templates SET tracking_host = 'www.awin1.com'" );
		$product = $this->cache->add_product();
		$this->card_post( $product );

		$this->assertNull( $this->resolve( 'p' . $this->post_id . '_abc123' ) );
	}

	/**
	 * Unknown placements, posts and products resolve to nothing (the theme's 404).
	 */
	public function test_unknown_slugs_resolve_to_nothing(): void {
		$product = $this->cache->add_product();
		$this->card_post( $product );

		$this->assertNull( $this->resolve( 'p' . $this->post_id . '_zzz' ) );
		$this->assertNull( $this->resolve( 'p999999999_abc123' ) );
		$this->assertNull( $this->resolve( "p{$this->post_id}_abc123' OR 1=1 --" ) );
		$this->assertNull( $this->resolve( 'p' . $this->post_id . '_abc123/../../evil' ) );
	}

	/**
	 * A chosen list's row resolves to the list's product at that position (repeats dropped, as
	 * rendered), with the row's own sub id; a row past the end resolves to nothing.
	 */
	public function test_list_row_resolves_to_the_chosen_product_at_its_position(): void {
		$first  = $this->cache->add_product( array( 'title' => 'Premier' ) );
		$second = $this->cache->add_product( array( 'title' => 'Second' ) );
		$this->post(
			array(
				'placementId' => 'list1234567890ab',
				'productIds'  => array( $first, $first, $second ),
			),
			'afflux/product-list'
		);

		$row1 = $this->resolve( 'premier-p' . $this->post_id . '_list123456789r1' );
		$row2 = $this->resolve( 'second-p' . $this->post_id . '_list123456789r2' );

		$this->assertNotNull( $row1 );
		$this->assertNotNull( $row2 );
		$this->assertSame( $first, $row1->product_id );
		$this->assertSame( $second, $row2->product_id );
		$this->assertSame( 'list123456789r2', $row2->placement_id );
		$this->assertStringContainsString( 'clickref=p' . $this->post_id . '_list123456789r2&', $row2->url );
		$this->assertStringContainsString( rawurlencode( 'utm_campaign=redirect-post' ), $row2->url );
		$this->assertNull( $this->resolve( 'p' . $this->post_id . '_list123456789r3' ) );
		$this->assertNull( $this->resolve( 'p' . $this->post_id . '_list99999999r1' ), 'another list prefix' );
	}

	/**
	 * A short list id is its own row prefix.
	 */
	public function test_row_of_a_short_list_id_resolves(): void {
		$product = $this->cache->add_product();
		$this->post(
			array(
				'placementId' => 'lst1',
				'productIds'  => array( $product ),
			),
			'afflux/product-list'
		);

		$this->assertSame( $product, $this->resolve( 'p' . $this->post_id . '_lst1r1' )?->product_id );
	}

	/**
	 * Saved-query rows never resolve: they are rendered as direct links.
	 */
	public function test_saved_query_row_resolves_to_nothing(): void {
		$this->cache->add_product();
		$this->post(
			array(
				'placementId' => 'top5',
				'source'      => 'query',
			),
			'afflux/product-list'
		);

		$this->assertNull( $this->resolve( 'p' . $this->post_id . '_top5r1' ) );
	}

	/**
	 * Through the placement index (the no-WordPress path) a row resolves the same way.
	 */
	public function test_list_row_resolves_through_the_placement_index(): void {
		$product = $this->cache->add_product();
		$this->post(
			array(
				'placementId' => 'idxlist',
				'productIds'  => array( $product ),
			),
			'afflux/product-list'
		);
		$index           = PlacementIndex::in( $this->dir );
		$this->folders[] = $index->dir;
		$this->assertTrue( $index->write( $this->post_id, 'redirect-post', (string) get_post_field( 'post_content', $this->post_id ) ) );

		$resolver = new RedirectResolver(
			new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ),
			new PlacementUrlBuilder( new TrackingLinkBuilder() ),
			'utm_source=site',
			new IndexedPlacements(
				$index,
				new PostContentPlacements(
					new class() implements PostSource {
						/**
						 * Fails: the index must answer.
						 *
						 * @param int $post_id Post id.
						 * @throws \LogicException Always.
						 */
						public function row( int $post_id ): ?array {
							throw new \LogicException( 'the database was asked for post ' . $post_id );
						}
					}
				)
			)
		);

		$this->assertSame( $product, $resolver->resolve( 'p' . $this->post_id . '_idxlistr1' )?->product_id );
		$this->assertNull( $resolver->resolve( 'p' . $this->post_id . '_idxlistr2' ) );
	}

	/**
	 * Publishes the post with one card for $product_id, placement abc123.
	 *
	 * @param int $product_id Local product id.
	 */
	private function card_post( int $product_id ): void {
		$this->post(
			array(
				'productId'   => $product_id,
				'placementId' => 'abc123',
			)
		);
	}

	/**
	 * A published post with one Afflux block (a product card unless told) holding these attributes.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param string               $block_name The block.
	 */
	private function post( array $attributes, string $block_name = 'afflux/product-card' ): void {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => 'Redirect post',
				'post_name'    => 'redirect-post',
				'post_status'  => 'publish',
				'post_content' => "<!-- wp:paragraph -->\n<p>Texte \"placementId\":\"abc123\" cité.</p>\n<!-- /wp:paragraph -->\n\n" . serialize_block(
					array(
						'blockName'    => $block_name,
						'attrs'        => $attributes,
						'innerBlocks'  => array(),
						'innerHTML'    => '',
						'innerContent' => array(),
					)
				),
			),
			true
		);
	}

	/**
	 * Resolves a slug against the test cache.
	 *
	 * @param string $slug Slug.
	 */
	private function resolve( string $slug ): ?Destination {
		return ( new RedirectResolver(
			new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ),
			new PlacementUrlBuilder( new TrackingLinkBuilder() ),
			'utm_source=site&utm_campaign={post_slug}'
		) )->resolve( $slug );
	}
}
