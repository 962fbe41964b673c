<?php
/**
 * Tests that cards and lists reach the reader as rendered, past the_content's text filters.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\PriceFreshness;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Blocks\ProductListRenderer;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

// phpcs:disable WordPress.WP.CapitalPDangit.Misspelled -- the misspelling is what capital_P_dangit must not fix in network data.

/**
 * The running plugin's the_content filters (wptexturize, convert_smilies, capital_P_dangit,
 * do_shortcode, the disclosure and VerbatimBlockHtml) over cards and lists rendered from a test
 * cache.
 */
final class VerbatimBlockHtmlTest extends AffluxTestCase {

	/**
	 * A title every text filter would change: quotes, a smiley, a misspelt "WordPress", a
	 * shortcode, dashes.
	 */
	private const TITLE = 'Casque "pro" l\'original :) -- Wordpress [caption]x[/caption] 1/2 ...';

	/**
	 * A block that renders another card's content through the_content (nested pass).
	 */
	private const NESTED_BLOCK = 'afflux-test/nested-content';

	/**
	 * The test cache.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The render callbacks before the test, by block name.
	 *
	 * @var array<string, callable|null>
	 */
	private array $previous_callbacks = array();

	/**
	 * The loader the test renderers share.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * Post created by a test.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * A cache with one programme, and renderers reading it.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->cache->add_link_template();

		$this->placed = new PlacedProducts( $this->repository( $this->cache->path ) );
		$settings     = new Settings();
		$freshness    = new PriceFreshness( $settings, static fn (): int => 1795251600 );
		$renderers    = array(
			ProductCardRenderer::BLOCK_NAME => new ProductCardRenderer( $this->placed, new TrackingLinkBuilder(), new PriceFormatter(), $settings, new LandingPagePolicy(), $freshness ),
			ProductListRenderer::BLOCK_NAME => new ProductListRenderer( $this->placed, new TrackingLinkBuilder(), new PriceFormatter(), $settings, $freshness ),
		);
		foreach ( $renderers as $name => $renderer ) {
			$type = \WP_Block_Type_Registry::get_instance()->get_registered( $name );
			$this->assertNotNull( $type, "$name is registered by the running plugin (build the blocks)" );
			$this->previous_callbacks[ $name ] = $type->render_callback;
			$type->render_callback             = array( $renderer, 'render' );
		}
		add_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
	}

	/**
	 * Restores the block types and removes the post.
	 */
	protected function tear_down(): void {
		foreach ( $this->previous_callbacks as $name => $callback ) {
			\WP_Block_Type_Registry::get_instance()->get_registered( $name )->render_callback = $callback;
		}
		if ( \WP_Block_Type_Registry::get_instance()->is_registered( self::NESTED_BLOCK ) ) {
			unregister_block_type( self::NESTED_BLOCK );
		}
		remove_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * Through the_content, the card's and the list's network text stays as the network wrote
	 * it (escaped), while the blogger's own paragraph still gets WordPress's typography; no
	 * placeholder is left and the disclosure still comes first.
	 */
	public function test_cards_and_lists_are_shown_verbatim_through_the_content(): void {
		$id   = $this->cache->add_product( array( 'title' => self::TITLE ), array( 'merchant_name' => 'Shop "Wordpress" :)' ) );
		$html = $this->render(
			"<!-- wp:paragraph -->\n<p>Notre \"avis\" :) -- Wordpress</p>\n<!-- /wp:paragraph -->\n\n"
			. $this->card( $id ) . "\n\n"
			. '<!-- wp:afflux/product-list ' . serialize_block_attributes(
				array(
					'productIds' => array( $id ),
					'columns'    => array( 'title', 'merchant', 'button' ),
				)
			) . ' /-->'
		);

		$this->assertStringContainsString( '<p class="afflux-card__title">' . esc_html( self::TITLE ) . '</p>', $html );
		$this->assertStringContainsString( esc_html( 'Shop "Wordpress" :)' ), $html );
		$this->assertStringContainsString( '<span class="afflux-list__name">' . esc_html( self::TITLE ) . '</span>', $html );
		$this->assertStringContainsString( '<td class="afflux-list__merchant" data-label="' . esc_attr__( 'Merchant', 'afflux' ) . '">' . esc_html( 'Shop "Wordpress" :)' ) . '</td>', $html );
		$this->assertStringNotContainsString( 'afflux-verbatim', $html, 'no placeholder leaks' );
		$this->assertStringNotContainsString( 'wp-caption', $html, 'a shortcode in network data is not run' );

		// The blogger's words around the blocks are still filtered as before.
		$this->assertStringNotContainsString( 'Notre "avis"', $html );
		$this->assertStringContainsString( 'WordPress</p>', $html );
		$this->assertLessThan( strpos( $html, 'afflux-card__title' ), (int) strpos( $html, 'wp-block-afflux-disclosure' ), 'the disclosure is still found and put first' );
	}

	/**
	 * Rendered outside the_content (do_blocks of a widget, render_block() by other code), the
	 * HTML is returned as it is, never as a placeholder.
	 */
	public function test_blocks_rendered_outside_the_content_return_their_html(): void {
		$id = $this->cache->add_product( array( 'title' => self::TITLE ) );

		$html = do_blocks( $this->card( $id ) );
		$this->assertStringContainsString( '<p class="afflux-card__title">' . esc_html( self::TITLE ) . '</p>', $html );
		$this->assertStringNotContainsString( 'afflux-verbatim', $html );

		$html = render_block( parse_blocks( $this->card( $id ) )[0] );
		$this->assertStringContainsString( '<p class="afflux-card__title">' . esc_html( self::TITLE ) . '</p>', $html );
		$this->assertStringNotContainsString( 'afflux-verbatim', $html );
	}

	/**
	 * A block that renders other content through the_content while the post's own pass runs
	 * (a reusable block, an excerpt): each pass puts back its own cards, none is lost.
	 */
	public function test_nested_the_content_passes_put_every_card_back(): void {
		$outer = $this->cache->add_product( array( 'title' => 'Extérieur "un"' ) );
		$inner = $this->cache->add_product( array( 'title' => 'Intérieur "deux"' ) );
		$card  = $this->card( $inner, 'inner' );
		register_block_type(
			self::NESTED_BLOCK,
			array(
				// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
				'render_callback' => static fn (): string => '<div class="nested">' . apply_filters( 'the_content', $card ) . '</div>',
			)
		);

		$html = $this->render( $this->card( $outer, 'a' ) . "\n\n<!-- wp:" . self::NESTED_BLOCK . " /-->\n\n" . $this->card( $outer, 'b' ) );

		$this->assertSame( 2, substr_count( $html, '<p class="afflux-card__title">' . esc_html( 'Extérieur "un"' ) . '</p>' ), $html );
		$this->assertStringContainsString( '<div class="nested">', $html );
		$this->assertStringContainsString( '<p class="afflux-card__title">' . esc_html( 'Intérieur "deux"' ) . '</p>', $html );
		$this->assertStringNotContainsString( 'afflux-verbatim', $html );

		// The next page view starts clean: nothing held is left to leak into it.
		$next = $this->render( $this->card( $outer, 'c' ) );
		$this->assertSame( 1, substr_count( $next, 'afflux-card__title' ) );
		$this->assertStringNotContainsString( 'afflux-verbatim', $next );
	}

	/**
	 * A placeholder this request did not hand out (typed by a blogger, or a forged one) is left
	 * as it is.
	 */
	public function test_unknown_placeholders_are_left_alone(): void {
		$id     = $this->cache->add_product();
		$forged = '<!--afflux-verbatim:0123456789abcdef:1-->';
		$html   = $this->render( "<!-- wp:html -->\n" . $forged . "\n<!-- /wp:html -->\n\n" . $this->card( $id ) );

		$this->assertStringContainsString( $forged, $html );
		$this->assertSame( 1, substr_count( $html, 'afflux-card__title' ) );
	}

	/**
	 * Serialized product card block.
	 *
	 * @param int    $product_id   Product id.
	 * @param string $placement_id Placement id.
	 */
	private function card( int $product_id, string $placement_id = 'abc' ): string {
		return '<!-- wp:afflux/product-card ' . serialize_block_attributes(
			array(
				'productId'   => $product_id,
				'placementId' => $placement_id,
			)
		) . ' /-->';
	}

	/**
	 * $content saved as a post and shown through the_content, as a theme does.
	 *
	 * @param string $content Post content.
	 */
	private function render( string $content ): string {
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		$this->post_id   = (int) wp_insert_post(
			array(
				'post_title'   => 'verbatim',
				'post_status'  => 'publish',
				'post_content' => wp_slash( $content ),
			)
		);
		$GLOBALS['post'] = get_post( $this->post_id ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- sets up the loop for the test.
		setup_postdata( $GLOBALS['post'] );
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
		return (string) apply_filters( 'the_content', get_post_field( 'post_content', $this->post_id ) );
	}
}
