<?php
/**
 * Tests for cloaked /go/ links of inline affiliate links.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\SubId;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Placements\InlineLinkMarkup;
use Afflux\Redirect\Destination;
use Afflux\Redirect\IndexedPlacements;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\PlacementLocator;
use Afflux\Redirect\PostContentPlacements;
use Afflux\Redirect\RedirectResolver;
use Afflux\Redirect\WpdbPostSource;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * An inline link has no block comment: /go/ finds it by its data-afflux-placement and sends
 * the reader to its product's tracked URL, like a card's.
 */
final class InlineLinkRedirectTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The post holding the links.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * A cache with Awin programme 1001 and its link template.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme( array( 'valid_domains' => '["boutique-exemple.fr"]' ) );
		$this->cache->add_link_template();
	}

	/**
	 * Deletes the post.
	 */
	protected function tear_down(): void {
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		parent::tear_down();
	}

	/**
	 * The locator finds the link's product by its placement, among blocks and other links.
	 */
	public function test_locator_finds_an_inline_link_by_its_placement(): void {
		$content = $this->card( 'card1', 7 ) . $this->paragraph( $this->link( 8, 'il1' ) . ' et ' . $this->link( 9, 'il2' ) );

		$this->assertSame(
			array(
				'name'       => InlineLinkMarkup::FORMAT_NAME,
				'attributes' => array(
					'productId'   => 9,
					'placementId' => 'il2',
				),
			),
			PlacementLocator::find( $content, 'il2' )
		);
		$this->assertSame( 7, PlacementLocator::find( $content, 'card1' )['attributes']['productId'] ?? null );
	}

	/**
	 * Text that only looks like the attribute (escaped HTML in a code block, an attribute of
	 * another tag) is not a link.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function not_links(): array {
		return array(
			'escaped in a code block' => array( '<!-- wp:code --><pre class="wp-block-code"><code>&lt;a data-afflux-product="8" data-afflux-placement="il1"&gt;</code></pre><!-- /wp:code -->' ),
			'on another element'      => array( '<!-- wp:paragraph --><p><span data-afflux-product="8" data-afflux-placement="il1">x</span></p><!-- /wp:paragraph -->' ),
			'without a product'       => array( '<!-- wp:paragraph --><p><a data-afflux-placement="il1">x</a></p><!-- /wp:paragraph -->' ),
			'a longer placement id'   => array( '<!-- wp:paragraph --><p><a data-afflux-product="8" data-afflux-placement="il1x">x</a></p><!-- /wp:paragraph -->' ),
		);
	}

	/**
	 * See not_links().
	 *
	 * @dataProvider not_links
	 *
	 * @param string $content Post content.
	 */
	public function test_locator_ignores_what_is_not_an_inline_link( string $content ): void {
		$this->assertNull( PlacementLocator::find( $content, 'il1' ) );
	}

	/**
	 * The cloaked slug of an inline link resolves to the tracked URL with its sub id and the
	 * format's utm_content.
	 */
	public function test_cloaked_slug_of_an_inline_link_resolves_to_the_tracked_url(): void {
		$product = $this->cache->add_product();
		$this->post( $this->card( 'card1', $product ) . $this->paragraph( 'Le ' . $this->link( $product, 'il1' ) . ' est là.' ) );

		$destination = $this->resolver( null )->resolve( 'casque-p' . $this->post_id . '_il1' );

		$this->assertSame( Destination::OUTCOME_PRODUCT, $destination?->outcome );
		$this->assertSame( 'il1', $destination->placement_id );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456&clickref=p' . $this->post_id . '_il1&ued=', $destination->url );
		$this->assertStringContainsString( rawurlencode( 'utm_content=affiliate-link' ), $destination->url );
	}

	/**
	 * The no-WordPress entry point: a post holding inline links only has no index file and is
	 * read from the database, where the link is found.
	 */
	public function test_post_with_inline_links_only_resolves_without_wordpress(): void {
		$product = $this->cache->add_product();
		$this->post( $this->paragraph( $this->link( $product, 'il1' ) ) );
		$source = new IndexedPlacements( PlacementIndex::in( WP_CONTENT_DIR ), new PostContentPlacements( new WpdbPostSource() ) );

		$found = $source->find( new SubId( $this->post_id, 'il1' ) );

		$this->assertSame( $product, $found['attributes']['productId'] ?? null );
		$this->assertSame( 'inline-post', $found['post_name'] ?? null );
	}

	/**
	 * A resolver reading the test cache.
	 *
	 * @param IndexedPlacements|null $placements Placement source; the post's row when null.
	 */
	private function resolver( ?IndexedPlacements $placements ): RedirectResolver {
		return new RedirectResolver(
			new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ),
			new PlacementUrlBuilder( new TrackingLinkBuilder() ),
			'utm_source=site&utm_content={block}',
			$placements
		);
	}

	/**
	 * A published post holding $content.
	 *
	 * @param string $content Serialized blocks.
	 */
	private function post( string $content ): void {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => 'Inline',
				'post_name'    => 'inline-post',
				'post_status'  => 'publish',
				'post_content' => wp_slash( $content ),
			)
		);
		$this->assertGreaterThan( 0, $this->post_id );
	}

	/**
	 * A product card block.
	 *
	 * @param string $placement_id Placement id.
	 * @param int    $product_id   Product id.
	 */
	private function card( string $placement_id, int $product_id ): string {
		return '<!-- wp:afflux/product-card ' . serialize_block_attributes(
			array(
				'productId'   => $product_id,
				'placementId' => $placement_id,
			)
		) . " /-->\n\n";
	}

	/**
	 * A paragraph block holding $html.
	 *
	 * @param string $html Inner HTML.
	 */
	private function paragraph( string $html ): string {
		return "<!-- wp:paragraph -->\n<p>" . $html . "</p>\n<!-- /wp:paragraph -->\n\n";
	}

	/**
	 * An inline affiliate link as the editor saves it.
	 *
	 * @param int    $product_id   Product id.
	 * @param string $placement_id Placement id.
	 */
	private function link( int $product_id, string $placement_id ): string {
		return '<a class="afflux-inline-link" data-afflux-product="' . $product_id . '" data-afflux-placement="' . $placement_id . '" href="https://www.boutique-exemple.fr/saved" rel="sponsored nofollow">casque</a>';
	}
}
