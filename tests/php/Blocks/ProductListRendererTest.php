<?php
/**
 * Tests for the product list's server rendering.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\PriceFreshness;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Blocks\ProductListQuery;
use Afflux\Blocks\ProductListRenderer;
use Afflux\Blocks\RowPlacementId;
use Afflux\Cache\ProductRepository;
use Afflux\Links\SubId;
use Afflux\Links\LinkSettings;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * The afflux/product-list block rendered through the_content with renderers reading a test cache.
 */
final class ProductListRendererTest extends AffluxTestCase {

	/**
	 * One hour after the fixture's checks (2026-11-21T08:00:00Z).
	 */
	private const NOW = 1795251600;

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The repository the renderers read through.
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
	 * Render callbacks before the test, by block name (false: registered by the test).
	 *
	 * @var array<string, callable|false>
	 */
	private array $previous = array();

	/**
	 * Settings the plugin sees during a test, or null for the stored ones.
	 *
	 * @var array<string, mixed>|null
	 */
	private ?array $settings_override = null;

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
	 * Restores the block types, filters and post.
	 */
	protected function tear_down(): void {
		$registry = \WP_Block_Type_Registry::get_instance();
		foreach ( $this->previous as $name => $callback ) {
			if ( false === $callback ) {
				$registry->unregister( $name );
			} else {
				$registry->get_registered( $name )->render_callback = $callback;
			}
		}
		if ( isset( $this->placed ) ) {
			remove_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
		}
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * Chosen products appear in the blogger's order, each row linked with its own sub id.
	 */
	public function test_chosen_products_render_in_order_with_a_sub_id_per_row(): void {
		$first  = $this->cache->add_product( array( 'title' => 'Premier' ) );
		$second = $this->cache->add_product( array( 'title' => 'Second' ) );
		$post   = $this->create_post(
			array(
				$this->list_block(
					array(
						'productIds'  => array( $second, $first ),
						'placementId' => 'lst12345ab',
					)
				),
			)
		);

		$html = $this->render_post( $post );

		$this->assertLessThan( strpos( $html, 'Premier' ), strpos( $html, 'Second' ) );
		$hrefs = $this->button_hrefs( $html );
		$this->assertCount( 2, $hrefs );
		$this->assertStringContainsString( 'clickref=p' . $post . '_lst12345abr1&', $hrefs[0] );
		$this->assertStringContainsString( 'clickref=p' . $post . '_lst12345abr2&', $hrefs[1] );
		$this->assertStringContainsString( rawurlencode( 'utm_content=product-list' ), $hrefs[0] );
		$this->assertSame( count( ProductListRenderer::DEFAULT_COLUMNS ), substr_count( $html, '<th scope="col">' ) );
		$this->assertStringContainsString( "12,90\u{00A0}€", $html );
		$this->assertMatchesRegularExpression( '/<a class="afflux-list__button" href="[^"]+" rel="sponsored nofollow noopener">/', $html );
		$this->assertStringNotContainsString( 'afflux-list__disclosure', $html );
	}

	/**
	 * A page with cards and chosen-product lists reads the cache once.
	 */
	public function test_cards_and_chosen_lists_share_one_cache_query(): void {
		$blocks = array();
		for ( $i = 0; $i < 5; $i++ ) {
			$blocks[] = '<!-- wp:afflux/product-card ' . serialize_block_attributes( array( 'productId' => $this->cache->add_product() ) ) . ' /-->';
		}
		$ids = array();
		for ( $i = 0; $i < 20; $i++ ) {
			$ids[] = $this->cache->add_product();
		}
		$blocks[] = $this->list_block( array( 'productIds' => $ids ) );
		$blocks[] = $this->list_block( array( 'productIds' => array_slice( $ids, 0, 3 ) ) );

		$html = $this->render_post( $this->create_post( $blocks ) );

		$this->assertSame( 1, $this->repository->query_count() );
		$this->assertSame( 23, substr_count( $html, '<tr class="afflux-list__row' ) );
		$this->assertSame( 5, substr_count( $html, 'afflux-card__title' ) );
	}

	/**
	 * Only the chosen columns are shown, in the standard order; commission never is.
	 */
	public function test_only_chosen_columns_are_rendered(): void {
		$id   = $this->cache->add_product( array( 'brand' => 'Sonique' ) );
		$html = $this->render_post(
			$this->create_post(
				array(
					$this->list_block(
						array(
							'productIds' => array( $id ),
							'columns'    => array(
								'button',
								'brand',
								'availability',
							),
						)
					),
				)
			)
		);

		$this->assertSame( 3, substr_count( $html, '<th scope="col">' ) );
		$this->assertLessThan( strpos( $html, 'afflux-list__availability' ), strpos( $html, 'afflux-list__brand' ) );
		$this->assertLessThan( strpos( $html, 'afflux-list__button' ), strpos( $html, 'afflux-list__availability' ) );
		$this->assertStringNotContainsString( 'afflux-list__price', $html );
		$this->assertStringNotContainsString( 'afflux-list__image', $html );
		$this->assertStringNotContainsString( 'afflux-list__commission', $html );
		$this->assertStringContainsString( 'afflux-list__availability" data-label="', $html );

		// An unknown column (hand-edited post) gives the default columns.
		$html = $this->render_post(
			$this->create_post(
				array(
					$this->list_block(
						array(
							'productIds' => array( $id ),
							'columns'    => array( 'commission' ),
						)
					),
				)
			)
		);
		$this->assertSame( count( ProductListRenderer::DEFAULT_COLUMNS ), substr_count( $html, '<th scope="col">' ) );
		$this->assertStringNotContainsString( 'afflux-list__commission', $html );
	}

	/**
	 * A saved query lists the top in-stock products of the merchant and category, by
	 * commission, in one extra query.
	 */
	public function test_saved_query_lists_top_products_of_a_category(): void {
		$this->cache->add_programme(
			array(
				'programme_id'   => '2002',
				'name'           => 'Grosse Commission',
				'commission_min' => 2000,
				'commission_max' => 3000,
			)
		);
		$this->cache->add_link_template( array( 'programme_id' => '2002' ) );
		$this->cache->add_product(
			array(
				'title'    => 'Casque bas',
				'category' => 'Audio',
			),
			array( 'price_minor' => 1000 )
		);
		$this->cache->add_product(
			array(
				'title'    => 'Casque haut',
				'category' => 'Audio',
			),
			array( 'price_minor' => 50000 )
		);
		$this->cache->add_product(
			array(
				'title'    => 'Casque rupture',
				'category' => 'Audio',
			),
			array( 'availability' => 'out_of_stock' )
		);
		$this->cache->add_product(
			array(
				'title'    => 'Cafetière',
				'category' => 'Cuisine',
			),
			array( 'price_minor' => 90000 )
		);
		$this->cache->add_product(
			array(
				'title'        => 'Autre marchand',
				'category'     => 'Audio',
				'programme_id' => '2002',
			)
		);

		$html = $this->render_post(
			$this->create_post(
				array(
					$this->list_block(
						array(
							'source'        => 'query',
							'queryCategory' => 'audio',
							'queryMerchant' => '1001',
							'queryLimit'    => 5,
						)
					),
				)
			)
		);

		$this->assertSame( 2, substr_count( $html, '<tr class="afflux-list__row' ) );
		$this->assertLessThan( strpos( $html, 'Casque bas' ), strpos( $html, 'Casque haut' ), 'a higher price earns a higher percentage commission' );
		$this->assertStringNotContainsString( 'Casque rupture', $html );
		$this->assertStringNotContainsString( 'Cafetière', $html );
		$this->assertStringNotContainsString( 'Autre marchand', $html );
		$this->assertSame( 1, $this->repository->query_count() );
	}

	/**
	 * A saved query by price puts the cheapest first and honours the limit.
	 */
	public function test_saved_query_by_price_honours_the_limit(): void {
		$this->cache->add_product( array( 'title' => 'Moyen' ), array( 'price_minor' => 2000 ) );
		$this->cache->add_product( array( 'title' => 'Cher' ), array( 'price_minor' => 9000 ) );
		$this->cache->add_product( array( 'title' => 'Bon marché' ), array( 'price_minor' => 500 ) );

		$html = $this->render_post(
			$this->create_post(
				array(
					$this->list_block(
						array(
							'source'       => 'query',
							'queryOrderby' => 'price',
							'queryLimit'   => 2,
						)
					),
				)
			)
		);

		$this->assertSame( 2, substr_count( $html, '<tr class="afflux-list__row' ) );
		$this->assertLessThan( strpos( $html, 'Moyen' ), strpos( $html, 'Bon marché' ) );
		$this->assertStringNotContainsString( 'Cher', $html );
	}

	/**
	 * Malformed query attributes (a hand-edited post) fall back to "any" and the limits, both
	 * in the page (WordPress's block schema, then the renderer) and in ProductListQuery itself.
	 */
	public function test_malformed_saved_query_is_clamped(): void {
		for ( $i = 0; $i < 25; $i++ ) {
			$this->cache->add_product();
		}
		$malformed = array(
			'source'        => 'query',
			'queryOrderby'  => 'id; DROP TABLE products',
			'queryNetwork'  => "awin' OR 1=1 --",
			'queryCategory' => str_repeat( 'x', 101 ),
			'queryLimit'    => 500,
		);
		$html      = $this->render_post( $this->create_post( array( $this->list_block( $malformed ) ) ) );
		$this->assertGreaterThan( 0, substr_count( $html, '<tr class="afflux-list__row' ) );

		$query = ProductListQuery::from_attributes( $malformed );
		$this->assertSame( 'commission', $query->orderby );
		$this->assertSame( '', $query->network );
		$this->assertSame( '', $query->category );
		$this->assertSame( ProductListQuery::MAX_LIMIT, $query->limit );
		$this->assertSame( 1, ProductListQuery::from_attributes( array( 'queryLimit' => -3 ) )->limit );
	}

	/**
	 * Unavailable chosen products follow the setting: label (no link), hide.
	 */
	public function test_unavailable_rows_follow_the_setting(): void {
		$ok   = $this->cache->add_product( array( 'title' => 'Disponible' ) );
		$out  = $this->cache->add_product( array( 'title' => 'En rupture' ), array( 'availability' => 'out_of_stock' ) );
		$post = $this->create_post( array( $this->list_block( array( 'productIds' => array( $ok, $out ) ) ) ) );

		$html = $this->render_post( $post );
		$this->assertStringContainsString( '<tr class="afflux-list__row is-unavailable" data-product-id="' . $out . '">', $html );
		$this->assertCount( 1, $this->button_hrefs( $html ) );

		$this->settings_override = array( 'unavailable_display' => 'hide' );
		$html                    = $this->render_post( $post );
		$this->assertStringNotContainsString( 'En rupture', $html );
		$this->assertStringContainsString( 'Disponible', $html );
	}

	/**
	 * A row's number is its position among the chosen products, so a product left out by the
	 * cache does not shift the rows after it (/go/ resolves row n to productIds[n-1]).
	 */
	public function test_row_numbers_keep_their_chosen_position(): void {
		$first  = $this->cache->add_product( array( 'title' => 'Premier' ) );
		$second = $this->cache->add_product( array( 'title' => 'Second' ) );
		$post   = $this->create_post(
			array(
				$this->list_block(
					array(
						'placementId' => 'lst12345ab',
						'productIds'  => array( $first, 999999, $second ),
					)
				),
			)
		);

		$hrefs = $this->button_hrefs( $this->render_post( $post ) );

		$this->assertCount( 2, $hrefs );
		$this->assertStringContainsString( 'clickref=p' . $post . '_lst12345abr1&', $hrefs[0] );
		$this->assertStringContainsString( 'clickref=p' . $post . '_lst12345abr3&', $hrefs[1] );
	}

	/**
	 * In cloaked mode chosen rows link through /go/, saved-query rows straight to the network
	 * (the query's n-th product at click time may not be the one the reader saw).
	 */
	public function test_cloaked_mode_cloaks_chosen_rows_and_links_query_rows_directly(): void {
		update_option( LinkSettings::OPTION, array( 'link_mode' => 'cloaked' ) );
		try {
			$id     = $this->cache->add_product( array( 'title' => 'Casque' ) );
			$chosen = $this->button_hrefs(
				$this->render_post(
					$this->create_post(
						array(
							$this->list_block(
								array(
									'placementId' => 'lst12345ab',
									'productIds'  => array( $id ),
								)
							),
						)
					)
				)
			);
			$query  = $this->button_hrefs(
				$this->render_post(
					$this->create_post(
						array(
							$this->list_block(
								array(
									'placementId' => 'lst12345ab',
									'source'      => 'query',
								)
							),
						)
					)
				)
			);
		} finally {
			delete_option( LinkSettings::OPTION );
		}

		$this->assertCount( 1, $chosen );
		$this->assertStringStartsWith( home_url( '/' . LinkSettings::prefix() . '/casque-p' ), $chosen[0] );
		$this->assertStringEndsWith( '_lst12345abr1', $chosen[0] );
		$this->assertCount( 1, $query );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?', $query[0] );
		$this->assertStringContainsString( '_lst12345abr1&', $query[0] );
	}

	/**
	 * Hostile network strings are escaped in every column.
	 */
	public function test_hostile_network_data_is_escaped(): void {
		$id   = $this->cache->add_product(
			array(
				'title'     => '<script>alert(1)</script>"\' 🎧 ' . "\u{202E}عربي",
				'brand'     => '<b onclick="x()">Marque</b>',
				'image_url' => 'javascript:alert(1)',
			),
			array( 'merchant_name' => '"><img src=x onerror=alert(1)>' )
		);
		$html = $this->render_post(
			$this->create_post(
				array(
					$this->list_block(
						array(
							'productIds' => array( $id ),
							'columns'    => ProductListRenderer::COLUMNS,
						)
					),
				)
			)
		);

		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( '<b ', $html );
		$this->assertStringNotContainsString( '<img src=x', $html );
		$this->assertStringNotContainsString( 'javascript:', $html );
		$this->assertStringContainsString( '&lt;script&gt;', $html );
		$this->assertCount( 1, $this->button_hrefs( $html ) );
	}

	/**
	 * A cache that cannot be read renders the snapshots as plain sponsored links, no warning.
	 */
	public function test_missing_cache_renders_snapshot_links(): void {
		$post = $this->create_post(
			array(
				$this->list_block(
					array(
						'productIds' => array( 1, 2 ),
						'snapshots'  => array(
							array(
								'id'    => 1,
								'title' => 'Casque <b>',
								'url'   => 'https://www.boutique-exemple.fr/1',
							),
							array(
								'id'    => 2,
								'title' => 'Piège',
								'url'   => 'javascript:alert(1)',
							),
						),
					)
				),
			)
		);

		$html = $this->render_post( $post, $this->dir . '/missing.sqlite' );

		$this->assertStringContainsString( '<li><a href="https://www.boutique-exemple.fr/1" rel="sponsored nofollow">Casque &lt;b&gt;</a></li>', $html );
		$this->assertStringNotContainsString( 'javascript:', $html );
		$this->assertStringNotContainsString( 'Piège', $html );
	}

	/**
	 * Row placement ids stay in the sub id alphabet and parse back.
	 */
	public function test_row_placement_ids_fit_the_sub_id_rules(): void {
		$long = RowPlacementId::for_row( str_repeat( 'a', 16 ), 50 );
		$this->assertSame( 'aaaaaaaaaaaaar50', $long );
		$this->assertMatchesRegularExpression( SubId::PLACEMENT_PATTERN, $long );
		$this->assertNotNull( SubId::parse( ( new SubId( 123456789, $long ) )->to_string() ) );
		$this->assertLessThanOrEqual( 40, strlen( ( new SubId( PHP_INT_MAX, $long ) )->to_string() ) );
		$this->assertSame( '', RowPlacementId::for_row( 'bad-id', 1 ) );
		$this->assertSame( '', RowPlacementId::for_row( 'abc', 51 ) );
	}

	/**
	 * The settings the plugin sees during the test.
	 *
	 * @param mixed $stored The stored value (false when none).
	 * @return mixed
	 */
	public function settings_for_test( $stored ) {
		return $this->settings_override ?? $stored;
	}

	/**
	 * Serialized list block.
	 *
	 * @param array<string, mixed> $attributes Attributes.
	 */
	private function list_block( array $attributes ): string {
		return '<!-- wp:afflux/product-list ' . serialize_block_attributes( $attributes ) . ' /-->';
	}

	/**
	 * A published post holding $blocks.
	 *
	 * @param string[] $blocks Serialized blocks.
	 */
	private function create_post( array $blocks ): int {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => 'Comparatif',
				'post_name'    => 'comparatif-' . wp_generate_password( 6, false ),
				'post_status'  => 'publish',
				'post_content' => wp_slash( implode( "\n\n", $blocks ) ),
			)
		);
		$this->assertGreaterThan( 0, $this->post_id );
		return $this->post_id;
	}

	/**
	 * The post's content through the_content, read from the cache at $path.
	 *
	 * @param int         $post Post id.
	 * @param string|null $path Cache file; the test cache when null.
	 */
	private function render_post( int $post, ?string $path = null ): string {
		if ( isset( $this->placed ) ) {
			remove_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
		}
		$this->repository = $this->repository( $path ?? $this->cache->path );
		$this->placed     = new PlacedProducts( $this->repository );
		$settings         = new Settings();
		$freshness        = new PriceFreshness( $settings, static fn (): int => self::NOW );
		$this->use_renderer(
			ProductListRenderer::BLOCK_NAME,
			new ProductListRenderer( $this->placed, new TrackingLinkBuilder(), new PriceFormatter(), $settings, $freshness )
		);
		$this->use_renderer(
			ProductCardRenderer::BLOCK_NAME,
			new ProductCardRenderer( $this->placed, new TrackingLinkBuilder(), new PriceFormatter(), $settings, null, $freshness )
		);
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		$GLOBALS['post'] = get_post( $post ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- sets up the loop for the test.
		setup_postdata( $GLOBALS['post'] );
		add_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );

		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
		return (string) apply_filters( 'the_content', get_post_field( 'post_content', $post ) );
	}

	/**
	 * Makes WordPress render $name with $renderer.
	 *
	 * @param string                                  $name     Block name.
	 * @param ProductListRenderer|ProductCardRenderer $renderer Renderer.
	 */
	private function use_renderer( string $name, object $renderer ): void {
		$registry = \WP_Block_Type_Registry::get_instance();
		$type     = $registry->get_registered( $name );
		if ( null === $type ) {
			$this->previous[ $name ] = false;
			register_block_type( $name, array( 'render_callback' => array( $renderer, 'render' ) ) );
			return;
		}
		if ( ! array_key_exists( $name, $this->previous ) ) {
			$this->previous[ $name ] = $type->render_callback;
		}
		$type->render_callback = array( $renderer, 'render' );
	}

	/**
	 * The decoded hrefs of the rows' buttons.
	 *
	 * @param string $html Rendered list.
	 * @return list<string>
	 */
	private function button_hrefs( string $html ): array {
		preg_match_all( '/class="afflux-list__button" href="([^"]+)"/', $html, $matches );
		return array_map( 'html_entity_decode', $matches[1] );
	}
}
