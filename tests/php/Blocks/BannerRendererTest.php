<?php
/**
 * Tests for the banner block's server rendering and its editor route.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\BannerRenderer;
use Afflux\Blocks\PlacedBanners;
use Afflux\Blocks\PlacedProducts;
use Afflux\Cache\BannerRepository;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * The afflux/banner block rendered through the_content with a renderer reading a test cache.
 */
final class BannerRendererTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * Product reads.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $products;

	/**
	 * Banner reads.
	 *
	 * @var BannerRepository
	 */
	private BannerRepository $banners;

	/**
	 * The product batch loader.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * The render callback before the test, or false when the test registered the block.
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
	 * Editor created by a test.
	 *
	 * @var int
	 */
	private int $user = 0;

	/**
	 * A cache with the awin programme (deep links to boutique-exemple.fr) and its link template.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme( array( 'valid_domains' => '["boutique-exemple.fr"]' ) );
		$this->cache->add_link_template();
	}

	/**
	 * Restores the block type, filters, post and user.
	 */
	protected function tear_down(): void {
		$registry = \WP_Block_Type_Registry::get_instance();
		if ( false === $this->previous_callback ) {
			$registry->unregister( BannerRenderer::BLOCK_NAME );
		} elseif ( null !== $this->previous_callback ) {
			$registry->get_registered( BannerRenderer::BLOCK_NAME )->render_callback = $this->previous_callback;
		}
		if ( isset( $this->placed ) ) {
			remove_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
		}
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		if ( $this->user > 0 ) {
			wp_set_current_user( 0 );
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $this->user );
		}
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * The chosen creative is shown with its size and alt text, linked through the tracked link
	 * to its own landing page, with the placement's sub id.
	 */
	public function test_creative_links_to_its_landing_page_with_the_sub_id(): void {
		$product = $this->cache->add_product( array( 'title' => 'Casque' ) );
		$this->add_banner( 'b728', array( 'landing_url' => 'https://www.boutique-exemple.fr/soldes' ) );
		$post = $this->create_post( array( $this->banner_block( $product, 'b728', 'bann1234', 'Soldes d’hiver : -30 %' ) ) );

		$html = $this->render_post( $post );

		$this->assertStringContainsString( '<img class="afflux-banner__image" src="https://cdn.boutique-exemple.fr/banners/b728.png" alt="Soldes d’hiver : -30 %" width="728" height="90"', $html );
		$this->assertMatchesRegularExpression( '/<a class="afflux-banner__link" href="[^"]+" rel="sponsored nofollow noopener">/', $html );
		$href = $this->href( $html );
		$this->assertStringContainsString( 'clickref=p' . $post . '_bann1234&', $href );
		$this->assertStringContainsString( 'ued=' . rawurlencode( 'https://www.boutique-exemple.fr/soldes?' ), $href );
		$this->assertStringContainsString( rawurlencode( 'utm_content=banner' ), $href );
		$this->assertStringContainsString( 'is-creative', $html );
	}

	/**
	 * Without a creative, the product's image is shown with the product's title as alt text.
	 */
	public function test_no_creative_falls_back_to_the_product_image(): void {
		$product = $this->cache->add_product( array( 'title' => 'Casque "Pro"' ) );
		$html    = $this->render_post( $this->create_post( array( $this->banner_block( $product, '' ) ) ) );

		$this->assertStringContainsString( 'src="https://cdn.boutique-exemple.fr/img/' . $product . '.jpg" alt="Casque &quot;Pro&quot;"', $html );
		$this->assertStringContainsString( 'is-product-image', $html );
		$this->assertStringContainsString( 'ued=' . rawurlencode( 'https://www.boutique-exemple.fr/produit/' . $product . '?' ), $this->href( $html ) );
	}

	/**
	 * A creative gone from the cache, of another programme, or with a javascript: image is not
	 * shown: the product image takes its place.
	 *
	 * @return array<string, array{0: array<string, mixed>}>
	 */
	public function unusable_creatives(): array {
		return array(
			'another programme'   => array( array( 'programme_id' => '2002' ) ),
			'javascript: image'   => array( array( 'image_url' => 'javascript:alert(1)' ) ),
			'gone from the cache' => array( array( 'banner_id' => 'other' ) ),
		);
	}

	/**
	 * See unusable_creatives().
	 *
	 * @dataProvider unusable_creatives
	 *
	 * @param array<string, mixed> $overrides Banner columns.
	 */
	public function test_unusable_creative_falls_back_to_the_product_image( array $overrides ): void {
		$product = $this->cache->add_product();
		$this->add_banner( 'b1', $overrides );
		$html = $this->render_post( $this->create_post( array( $this->banner_block( $product, 'b1' ) ) ) );

		$this->assertStringContainsString( 'is-product-image', $html );
		$this->assertStringNotContainsString( 'javascript:', $html );
	}

	/**
	 * A landing page outside the programme's domains is not used: the product page is.
	 */
	public function test_creative_landing_outside_valid_domains_uses_the_product_page(): void {
		$product = $this->cache->add_product();
		$this->add_banner( 'b1', array( 'landing_url' => 'https://evil.example/x' ) );
		$href = $this->href( $this->render_post( $this->create_post( array( $this->banner_block( $product, 'b1' ) ) ) ) );

		$this->assertStringNotContainsString( 'evil.example', $href );
		$this->assertStringContainsString( rawurlencode( 'https://www.boutique-exemple.fr/produit/' . $product ), $href );
	}

	/**
	 * Hostile creative names are escaped in the alt text.
	 */
	public function test_hostile_creative_name_is_escaped(): void {
		$product = $this->cache->add_product();
		$this->add_banner( 'b1', array( 'name' => '"><script>alert(1)</script>' ) );
		$html = $this->render_post( $this->create_post( array( $this->banner_block( $product, 'b1' ) ) ) );

		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringContainsString( 'alt="&quot;&gt;&lt;script&gt;', $html );
	}

	/**
	 * Several banners of a post cost one product query and one banner query.
	 */
	public function test_banners_of_a_post_are_read_in_one_query(): void {
		$blocks = array();
		for ( $i = 0; $i < 4; $i++ ) {
			$this->add_banner( 'b' . $i );
			$blocks[] = $this->banner_block( $this->cache->add_product(), 'b' . $i );
		}
		$html = $this->render_post( $this->create_post( $blocks ) );

		$this->assertSame( 4, substr_count( $html, 'is-creative' ) );
		$this->assertSame( 1, $this->products->query_count() );
		$this->assertSame( 1, $this->banners->query_count() );
	}

	/**
	 * A cache that cannot be read renders the snapshot as a plain sponsored link.
	 */
	public function test_missing_cache_renders_the_snapshot(): void {
		$post = $this->create_post( array( $this->banner_block( 7, 'b1' ) ) );
		$html = $this->render_post( $post, $this->dir . '/missing.sqlite' );

		$this->assertStringContainsString( '<a href="https://www.boutique-exemple.fr/produit/7" rel="sponsored nofollow">Casque</a>', $html );
	}

	/**
	 * The editor's route lists a programme's creatives, filtered by size; bad args are refused.
	 */
	public function test_banners_route_lists_a_programmes_creatives(): void {
		$this->add_banner( 'b728' );
		$this->add_banner(
			'b300',
			array(
				'width'  => 300,
				'height' => 250,
			)
		);
		$this->add_banner( 'other', array( 'programme_id' => '2002' ) );
		$this->log_in_as( 'editor' );
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );

		$all = $this->get_banners(
			array(
				'network'      => 'awin',
				'programme_id' => '1001',
			)
		);
		$this->assertSame( 200, $all->get_status() );
		$this->assertSame( array( 'b300', 'b728' ), array_column( $all->get_data(), 'banner_id' ), 'largest area first' );
		$this->assertSame( '728×90', $all->get_data()[1]['size'] );

		$sized = $this->get_banners(
			array(
				'network'      => 'awin',
				'programme_id' => '1001',
				'size'         => '300x250',
			)
		);
		$this->assertSame( array( 'b300' ), array_column( $sized->get_data(), 'banner_id' ) );

		$bad = $this->get_banners(
			array(
				'network'      => "awin' OR 1=1",
				'programme_id' => '1001',
			)
		);
		$this->assertSame( 400, $bad->get_status() );
		$this->assertArrayHasKey( 'network', $bad->get_data()['data']['params'] );
	}

	/**
	 * Readers without the right to write posts cannot list creatives.
	 */
	public function test_banners_route_needs_edit_posts(): void {
		$this->log_in_as( 'subscriber' );
		$response = $this->get_banners(
			array(
				'network'      => 'awin',
				'programme_id' => '1001',
			)
		);
		$this->assertSame( 403, $response->get_status() );
	}

	/**
	 * Points the plugin at the test cache.
	 *
	 * @return array<string, string>
	 */
	public function settings_for_test(): array {
		return array( 'cache_path' => $this->cache->path );
	}

	/**
	 * Inserts a creative of awin programme 1001 (728×90 by default).
	 *
	 * @param string               $banner_id Creative id.
	 * @param array<string, mixed> $overrides Column values.
	 */
	private function add_banner( string $banner_id, array $overrides = array() ): void {
		$row       = array_merge(
			array(
				'network'      => 'awin',
				'banner_id'    => $banner_id,
				'programme_id' => '1001',
				'name'         => 'Bannière ' . $banner_id,
				'width'        => 728,
				'height'       => 90,
				'image_url'    => 'https://cdn.boutique-exemple.fr/banners/' . $banner_id . '.png',
				'landing_url'  => 'https://www.boutique-exemple.fr/',
				'updated_at'   => '2026-11-21T08:00:00Z',
			),
			$overrides
		);
		$statement = $this->cache->pdo->prepare( 'INSERT INTO banners (' . implode( ', ', array_keys( $row ) ) . ') VALUES (:' . implode( ', :', array_keys( $row ) ) . ')' );
		$statement->execute( $row );
	}

	/**
	 * Serialized banner block.
	 *
	 * @param int    $product_id   Product id.
	 * @param string $banner_id    Creative id, '' for none.
	 * @param string $placement_id Placement id.
	 * @param string $alt          Alt text.
	 */
	private function banner_block( int $product_id, string $banner_id, string $placement_id = 'ban1', string $alt = '' ): string {
		return '<!-- wp:afflux/banner ' . serialize_block_attributes(
			array(
				'productId'   => $product_id,
				'network'     => 'awin',
				'programmeId' => '1001',
				'bannerId'    => $banner_id,
				'placementId' => $placement_id,
				'alt'         => $alt,
				'snapshot'    => array(
					'title' => 'Casque',
					'url'   => 'https://www.boutique-exemple.fr/produit/' . $product_id,
				),
			)
		) . ' /-->';
	}

	/**
	 * A published post holding $blocks.
	 *
	 * @param string[] $blocks Serialized blocks.
	 */
	private function create_post( array $blocks ): int {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => 'Bannières',
				'post_name'    => 'bannieres',
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
		$connection     = new CacheConnection( $path ?? $this->cache->path, new CacheStatusLog(), 50 );
		$this->products = new ProductRepository( $connection );
		$this->banners  = new BannerRepository( $connection );
		$this->placed   = new PlacedProducts( $this->products );
		$renderer       = new BannerRenderer( $this->placed, new PlacedBanners( $this->banners ), new TrackingLinkBuilder() );

		$registry = \WP_Block_Type_Registry::get_instance();
		$type     = $registry->get_registered( BannerRenderer::BLOCK_NAME );
		if ( null === $type ) {
			$this->previous_callback = false;
			register_block_type( BannerRenderer::BLOCK_NAME, array( 'render_callback' => array( $renderer, 'render' ) ) );
		} else {
			$this->previous_callback ??= $type->render_callback;
			$type->render_callback     = array( $renderer, 'render' );
		}
		$GLOBALS['post'] = get_post( $post ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- sets up the loop for the test.
		setup_postdata( $GLOBALS['post'] );
		add_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );

		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
		return (string) apply_filters( 'the_content', get_post_field( 'post_content', $post ) );
	}

	/**
	 * The decoded href of the banner's link.
	 *
	 * @param string $html Rendered banner.
	 */
	private function href( string $html ): string {
		$this->assertSame( 1, preg_match( '/class="afflux-banner__link" href="([^"]+)"/', $html, $match ), $html );
		return html_entity_decode( $match[1] );
	}

	/**
	 * Logs in a new user with $role.
	 *
	 * @param string $role Role.
	 */
	private function log_in_as( string $role ): void {
		$user = wp_insert_user(
			array(
				'user_login' => 'afflux-banner-' . bin2hex( random_bytes( 4 ) ),
				'user_pass'  => wp_generate_password(),
				'user_email' => bin2hex( random_bytes( 4 ) ) . '@example.com',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $user );
		$this->user = $user;
		wp_set_current_user( $user );
	}

	/**
	 * GET /afflux/v1/banners.
	 *
	 * @param array<string, string> $params Query parameters.
	 */
	private function get_banners( array $params ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', '/afflux/v1/banners' );
		$request->set_query_params( $params );
		return rest_do_request( $request );
	}
}
