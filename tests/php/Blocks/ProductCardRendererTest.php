<?php
/**
 * Tests for the product card's server rendering.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * The afflux/product-card block rendered by WordPress (do_blocks / the_content) with a renderer
 * reading a test cache.
 */
final class ProductCardRendererTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The repository the renderer reads through.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $repository;

	/**
	 * The batch loader.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * The block type's render callback before the test, or false when the test registered it.
	 *
	 * @var callable|false|null
	 */
	private $previous_callback = null;

	/**
	 * Post created by a test.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * A cache with the awin programme and its link template.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->cache->add_link_template();
	}

	/**
	 * Restores the block type and removes the post.
	 */
	protected function tear_down(): void {
		$registry = \WP_Block_Type_Registry::get_instance();
		if ( false === $this->previous_callback ) {
			$registry->unregister( ProductCardRenderer::BLOCK_NAME );
		} elseif ( null !== $this->previous_callback ) {
			$registry->get_registered( ProductCardRenderer::BLOCK_NAME )->render_callback = $this->previous_callback;
		}
		if ( isset( $this->placed ) ) {
			remove_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
		}
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * A card shows image, title, price in the site's locale, merchant, a tracked button with
	 * the placement's sub id and the UTM parameters, and the disclosure.
	 */
	public function test_renders_a_card_with_a_tracked_button(): void {
		$id   = $this->cache->add_product(
			array( 'title' => 'Casque Sonique X' ),
			array( 'landing_url' => 'https://www.boutique-exemple.fr/casque-x' )
		);
		$post = $this->create_post( 'meilleurs-casques', array( $this->card( $id, 'abc123' ) ) );

		$html = $this->render_post( $post );

		$this->assertStringContainsString( 'class="wp-block-afflux-product-card', $html );
		$this->assertStringContainsString( 'data-product-id="' . $id . '"', $html );
		$this->assertStringContainsString( '<p class="afflux-card__title">Casque Sonique X</p>', $html );
		$this->assertStringContainsString( "<p class=\"afflux-card__price\">12,90\u{00A0}€</p>", $html );
		$this->assertStringContainsString( 'afflux-card__merchant', $html );
		$this->assertStringContainsString( 'Boutique Exemple', $html );
		$this->assertStringContainsString( '<img class="afflux-card__image" src="https://cdn.boutique-exemple.fr/img/' . $id . '.jpg"', $html );
		$this->assertStringContainsString( 'afflux-card__disclosure', $html );

		$href = $this->button_href( $html );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456&clickref=p' . $post . '_abc123&ued=', $href );
		$this->assertStringContainsString( rawurlencode( 'utm_campaign=meilleurs-casques' ), $href );
		$this->assertStringContainsString( rawurlencode( 'utm_content=product-card' ), $href );
		$this->assertStringContainsString( rawurlencode( 'utm_source=127.0.0.1' ), $href );
		$this->assertMatchesRegularExpression( '/<a class="afflux-card__button" href="[^"]+" rel="sponsored nofollow noopener">/', $html );
		$this->assertStringNotContainsString( 'target=', $html, 'the offer opens in the same tab' );
	}

	/**
	 * Network strings are escaped: markup in titles, quotes, and a javascript: image URL.
	 */
	public function test_render_escapes_hostile_network_data(): void {
		$id = $this->cache->add_product(
			array(
				'title'     => '<script>alert("t")</script>" onmouseover="x\'',
				'image_url' => 'javascript:alert(1)',
			),
			array( 'merchant_name' => '<b onclick="x()">Shop</b>' )
		);

		$html = $this->render_post( $this->create_post( 'hostile', array( $this->card( $id ) ) ) );

		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( '<b ', $html );
		$this->assertStringNotContainsString( '" onmouseover=', $html );
		$this->assertStringNotContainsString( '<img', $html, 'a javascript: image gets no img at all' );
		$this->assertStringNotContainsString( 'javascript:', $html );
		$this->assertStringContainsString( '&lt;script&gt;', $html );
	}

	/**
	 * Fifty cards in a post cost one cache query.
	 */
	public function test_many_cards_read_the_cache_once(): void {
		$blocks = array();
		for ( $i = 0; $i < 50; $i++ ) {
			$blocks[] = $this->card( $this->cache->add_product( array( 'title' => 'Produit numéro ' . $i ) ) );
		}
		$html = $this->render_post( $this->create_post( 'cinquante', $blocks ) );

		$this->assertSame( 1, $this->repository->query_count() );
		$this->assertSame( 50, substr_count( $html, 'afflux-card__title' ) );
	}

	/**
	 * Cards rendered without the_content (do_blocks only) still share one query, read from the
	 * current post's blocks.
	 */
	public function test_cards_rendered_outside_the_content_filter_share_one_query(): void {
		$blocks = array();
		for ( $i = 0; $i < 5; $i++ ) {
			$blocks[] = $this->card( $this->cache->add_product() );
		}
		$post            = $this->create_post( 'sans-filtre', $blocks );
		$GLOBALS['post'] = get_post( $post ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- sets up the loop for the test.
		$this->use_renderer();

		$html = do_blocks( (string) get_post_field( 'post_content', $post ) );

		$this->assertSame( 1, $this->repository->query_count() );
		$this->assertSame( 5, substr_count( $html, 'afflux-card__title' ) );
	}

	/**
	 * An unavailable cache, whatever the reason, renders the editor's snapshot as a plain
	 * sponsored link, without a PHP warning, and records why.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function broken_caches(): array {
		return array(
			'missing'       => array( 'missing' ),
			'corrupt'       => array( 'corrupt' ),
			'wrong version' => array( 'wrong_version' ),
			'locked'        => array( 'locked' ),
		);
	}

	/**
	 * See broken_caches().
	 *
	 * @dataProvider broken_caches
	 *
	 * @param string $state The failure to simulate.
	 */
	public function test_unavailable_cache_renders_the_snapshot_link( string $state ): void {
		$id   = $this->cache->add_product();
		$path = $this->cache->path;
		switch ( $state ) {
			case 'missing':
				$path = $this->dir . '/nowhere.sqlite';
				break;
			case 'corrupt':
				$path = $this->dir . '/garbage.sqlite';
				file_put_contents( $path, random_bytes( 8192 ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test file.
				break;
			case 'wrong_version':
				$this->cache->pdo->exec( 'PRAGMA user_version = 7' );
				break;
			case 'locked':
				$this->cache->pdo->exec( 'BEGIN EXCLUSIVE' );
				break;
		}

		$card = $this->card(
			$id,
			'p1',
			array(
				'title' => 'Casque <em>snap</em>',
				'url'   => 'https://www.awin1.com/cread.php?clickref=p1&ued=x',
			)
		);
		$html = $this->render_post( $this->create_post( 'cache-en-panne', array( $card ) ), $path );

		if ( 'locked' === $state ) {
			$this->cache->pdo->exec( 'ROLLBACK' );
		}
		$this->assertStringContainsString(
			'<a class="afflux-card__link" href="https://www.awin1.com/cread.php?clickref=p1&#038;ued=x" rel="sponsored nofollow">Casque &lt;em&gt;snap&lt;/em&gt;</a>',
			$html
		);
		$this->assertStringContainsString( 'is-fallback', $html );
		$this->assertStringNotContainsString( 'afflux-card__price', $html );
		$recorded = ( new CacheStatusLog() )->last();
		$this->assertNotNull( $recorded );
		$this->assertSame( $state, $recorded['state'] );
	}

	/**
	 * A product the cache does not hold, with no snapshot, renders only an HTML comment.
	 */
	public function test_missing_product_without_snapshot_renders_a_comment(): void {
		$html = $this->render_post( $this->create_post( 'vide', array( $this->card( 404 ) ) ) );
		$this->assertSame( '<!-- afflux: product unavailable -->', trim( $html ) );
	}

	/**
	 * A product that left the feed renders the snapshot, not stale data.
	 */
	public function test_gone_product_renders_the_snapshot(): void {
		$id   = $this->cache->add_product( array( 'status' => 'gone' ) );
		$html = $this->render_post(
			$this->create_post(
				'parti',
				array(
					$this->card(
						$id,
						'',
						array(
							'title' => 'Ancien casque',
							'url'   => 'https://www.boutique-exemple.fr/ancien',
						)
					),
				)
			)
		);
		$this->assertStringContainsString( '>Ancien casque</a>', $html );
		$this->assertStringNotContainsString( 'afflux-card__title', $html );
	}

	/**
	 * A snapshot URL that is not http(s) is not linked.
	 */
	public function test_snapshot_with_a_javascript_url_is_not_linked(): void {
		$html = $this->render_post(
			$this->create_post(
				'js',
				array(
					$this->card(
						404,
						'',
						array(
							'title' => 'x',
							'url'   => 'javascript:alert(1)',
						)
					),
				)
			)
		);
		$this->assertStringNotContainsString( 'javascript:', $html );
		$this->assertStringNotContainsString( '<a ', $html );
	}

	/**
	 * A link template whose host is not its tracking host is refused; the card links to the
	 * snapshot URL instead of an unchecked URL.
	 */
	public function test_template_pointing_to_another_host_is_not_used(): void {
		$this->cache->add_programme( array( 'programme_id' => '666' ) );
		$this->cache->add_link_template(
			array(
				'programme_id' => '666',
				'template'     => 'https://evil.example/r?u={landing_url}',
			)
		);
		$id   = $this->cache->add_product( array( 'programme_id' => '666' ) );
		$html = $this->render_post(
			$this->create_post(
				'hote',
				array(
					$this->card(
						$id,
						'',
						array(
							'title' => 'x',
							'url'   => 'https://www.awin1.com/safe',
						)
					),
				)
			)
		);
		$this->assertStringNotContainsString( 'evil.example', $html );
		$this->assertSame( 'https://www.awin1.com/safe', $this->button_href( $html ) );
	}

	/**
	 * Serialized product card block.
	 *
	 * @param int                       $product_id   Product id.
	 * @param string                    $placement_id Placement id.
	 * @param array<string, mixed>|null $snapshot     Snapshot attribute.
	 */
	private function card( int $product_id, string $placement_id = '', ?array $snapshot = null ): string {
		$attributes = array( 'productId' => $product_id );
		if ( '' !== $placement_id ) {
			$attributes['placementId'] = $placement_id;
		}
		if ( null !== $snapshot ) {
			$attributes['snapshot'] = $snapshot;
		}
		return '<!-- wp:afflux/product-card ' . serialize_block_attributes( $attributes ) . ' /-->';
	}

	/**
	 * A published post holding $blocks.
	 *
	 * @param string   $slug   Post slug.
	 * @param string[] $blocks Serialized blocks.
	 */
	private function create_post( string $slug, array $blocks ): int {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => $slug,
				'post_name'    => $slug,
				'post_status'  => 'publish',
				'post_content' => wp_slash( implode( "\n\n", $blocks ) ),
			)
		);
		$this->assertGreaterThan( 0, $this->post_id );
		return $this->post_id;
	}

	/**
	 * The post's content through the_content, as a theme shows it, read from the cache at $path.
	 *
	 * @param int         $post Post id.
	 * @param string|null $path Cache file; the test cache when null.
	 */
	private function render_post( int $post, ?string $path = null ): string {
		$this->use_renderer( $path );
		$GLOBALS['post'] = get_post( $post ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- sets up the loop for the test.
		setup_postdata( $GLOBALS['post'] );
		add_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );

		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
		return (string) apply_filters( 'the_content', get_post_field( 'post_content', $post ) );
	}

	/**
	 * Makes WordPress render afflux/product-card with a renderer reading the test cache.
	 *
	 * @param string|null $path Cache file; the test cache when null.
	 */
	private function use_renderer( ?string $path = null ): void {
		$this->repository = $this->repository( $path ?? $this->cache->path );
		$this->placed     = new PlacedProducts( $this->repository );
		$renderer         = new ProductCardRenderer( $this->placed, new TrackingLinkBuilder(), new PriceFormatter(), new Settings() );

		$registry = \WP_Block_Type_Registry::get_instance();
		$type     = $registry->get_registered( ProductCardRenderer::BLOCK_NAME );
		if ( null === $type ) {
			$this->previous_callback = false;
			register_block_type(
				ProductCardRenderer::BLOCK_NAME,
				array(
					'attributes'      => array(
						'productId'   => array( 'type' => 'integer' ),
						'placementId' => array( 'type' => 'string' ),
						'snapshot'    => array( 'type' => 'object' ),
					),
					'render_callback' => array( $renderer, 'render' ),
				)
			);
			return;
		}
		if ( null === $this->previous_callback ) {
			$this->previous_callback = $type->render_callback;
		}
		$type->render_callback = array( $renderer, 'render' );
	}

	/**
	 * The decoded href of the card's button.
	 *
	 * @param string $html Rendered card.
	 */
	private function button_href( string $html ): string {
		$this->assertSame( 1, preg_match( '/class="afflux-card__button[^"]*" href="([^"]+)"/', $html, $match ), $html );
		return html_entity_decode( $match[1] );
	}
}
