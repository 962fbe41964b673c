<?php
/**
 * Tests for the product card's server rendering.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\PriceFreshness;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\DeepLinks\LandingPagePolicy;
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
	 * The clock of the renderer: one hour after the fixture's checks (2026-11-21T08:00:00Z).
	 */
	private const NOW = 1795251600;

	/**
	 * Settings the plugin sees during a test (over the stored ones), or null for the stored ones.
	 *
	 * @var array<string, mixed>|null
	 */
	private ?array $settings_override = null;

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
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * A card shows image, title, price in the site's locale, merchant, a tracked button with
	 * the placement's sub id and the UTM parameters; no disclosure line of its own (the post's
	 * one notice is DisclosureInserter's).
	 */
	public function test_renders_a_card_with_a_tracked_button(): void {
		$id   = $this->cache->add_product(
			array( 'title' => 'Casque Sonique X' ),
			array( 'landing_url' => 'https://www.boutique-exemple.fr/casque-x' )
		);
		$post = $this->create_post( 'meilleurs-casques', array( $this->card( $id, 'abc123' ) ) );

		$html = $this->render_post( $post );

		$this->assertMatchesRegularExpression( '/class="[^"]*\bwp-block-afflux-product-card\b[^"]*\bafflux-card--horizontal\b|class="[^"]*\bafflux-card--horizontal\b[^"]*\bwp-block-afflux-product-card\b/', $html );
		$this->assertStringContainsString( 'data-product-id="' . $id . '"', $html );
		$this->assertStringContainsString( '<p class="afflux-card__title">Casque Sonique X</p>', $html );
		$this->assertStringContainsString( "<p class=\"afflux-card__price\">12,90\u{00A0}€</p>", $html );
		$this->assertStringContainsString( 'afflux-card__merchant', $html );
		$this->assertStringContainsString( 'Boutique Exemple', $html );
		$this->assertStringContainsString( '<img class="afflux-card__image" src="https://cdn.boutique-exemple.fr/img/' . $id . '.jpg"', $html );
		$this->assertStringNotContainsString( 'afflux-card__disclosure', $html );
		$this->assertSame( 1, substr_count( $html, esc_html( ( new Settings() )->disclosure_text() ) ), 'one disclosure: the notice at the top' );
		$this->assertLessThan( strpos( $html, 'afflux-card__title' ), strpos( $html, 'wp-block-afflux-disclosure' ) );

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
		$path = $this->cache->break_for_readers( $state, $this->dir );

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
	 * The layout and the show/hide options change the markup; a custom button text is escaped.
	 */
	public function test_compact_layout_without_price_merchant_or_image(): void {
		$id   = $this->cache->add_product();
		$html = $this->render_post(
			$this->create_post(
				'compact',
				array(
					$this->card(
						$id,
						'c1',
						null,
						array(
							'layout'       => 'compact',
							'showPrice'    => false,
							'showMerchant' => false,
							'buttonText'   => 'J\'en "veux" & plus',
						)
					),
				)
			)
		);

		$this->assertStringContainsString( 'afflux-card--compact', $html );
		$this->assertStringNotContainsString( '<img', $html );
		$this->assertStringNotContainsString( 'afflux-card__price', $html );
		$this->assertStringNotContainsString( 'afflux-card__merchant', $html );
		$this->assertStringContainsString( 'rel="sponsored nofollow noopener">J&#039;en &quot;veux&quot; &amp; plus</a>', $html );
	}

	/**
	 * An unknown layout falls back to horizontal rather than reaching the class attribute.
	 */
	public function test_unknown_layout_falls_back_to_horizontal(): void {
		$html = $this->render_post( $this->create_post( 'layout', array( $this->card( $this->cache->add_product(), '', null, array( 'layout' => '"><script>' ) ) ) ) );
		$this->assertStringContainsString( 'afflux-card--horizontal', $html );
		$this->assertStringNotContainsString( '<script>', $html );
	}

	/**
	 * The promo code is readable without JavaScript; its copy button waits, hidden, for the
	 * view script; hostile codes are escaped.
	 */
	public function test_promo_code_is_shown_with_a_hidden_copy_button(): void {
		$id   = $this->cache->add_product();
		$html = $this->render_post( $this->create_post( 'promo', array( $this->card( $id, '', null, array( 'promoCode' => 'NOEL"10&\'' ) ) ) ) );

		$this->assertStringContainsString( '<code class="afflux-card__promo-code">NOEL&quot;10&amp;&#039;</code>', $html );
		$this->assertMatchesRegularExpression( '/<button type="button" class="afflux-card__copy" data-afflux-copy="NOEL&quot;10&amp;&#039;" data-afflux-copied="[^"]+" hidden>/', $html );
	}

	/**
	 * The offer's own promo code is shown when the blogger set none.
	 */
	public function test_offer_promo_code_is_shown_by_default(): void {
		$id   = $this->cache->add_product( array(), array( 'promo_code' => 'BIENVENUE' ) );
		$html = $this->render_post( $this->create_post( 'promo-offre', array( $this->card( $id ) ) ) );
		$this->assertStringContainsString( '<code class="afflux-card__promo-code">BIENVENUE</code>', $html );
	}

	/**
	 * A landing page on one of the programme's valid domains is tracked instead of the product page.
	 */
	public function test_deep_link_within_valid_domains_is_tracked(): void {
		$this->cache->pdo->exec( "UPDATE programmes SET valid_domains = '[\"boutique-exemple.fr\"]'" );
		$id   = $this->cache->add_product();
		$html = $this->render_post( $this->create_post( 'deep', array( $this->card( $id, 'd1', null, array( 'landingUrl' => 'https://promo.boutique-exemple.fr/noel' ) ) ) ) );

		$this->assertStringContainsString( '&ued=' . rawurlencode( 'https://promo.boutique-exemple.fr/noel?utm_source' ), $this->button_href( $html ) );
	}

	/**
	 * A landing page elsewhere is ignored: the card tracks the product page.
	 */
	public function test_deep_link_outside_valid_domains_falls_back_to_the_product_page(): void {
		$this->cache->pdo->exec( "UPDATE programmes SET valid_domains = '[\"boutique-exemple.fr\"]'" );
		$id   = $this->cache->add_product();
		$html = $this->render_post( $this->create_post( 'deep-out', array( $this->card( $id, 'd2', null, array( 'landingUrl' => 'https://evil.example/boutique-exemple.fr' ) ) ) ) );

		$href = $this->button_href( $html );
		$this->assertStringNotContainsString( 'evil.example', $href );
		$this->assertStringContainsString( rawurlencode( 'https://www.boutique-exemple.fr/produit/' . $id ), $href );
	}

	/**
	 * A recent price is shown with its age, in words.
	 */
	public function test_fresh_price_shows_when_it_was_checked(): void {
		$html = $this->render_post( $this->create_post( 'frais', array( $this->card( $this->cache->add_product() ) ) ) );
		$this->assertStringContainsString(
			'<p class="afflux-card__checked">' . esc_html( sprintf( __( 'price checked %s ago', 'afflux' ), human_time_diff( self::NOW - HOUR_IN_SECONDS, self::NOW ) ) ) . '</p>', // phpcs:ignore WordPress.WP.I18n.MissingTranslatorsComment -- the plugin's own string.
			$html
		);
	}

	/**
	 * A price older than the maximum age is hidden; the card and its link stay.
	 */
	public function test_stale_price_is_hidden(): void {
		$id   = $this->cache->add_product( array( 'checked_at' => '2026-11-19T08:00:00Z' ), array( 'checked_at' => '2026-11-19T08:00:00Z' ) );
		$html = $this->render_post( $this->create_post( 'perime', array( $this->card( $id ) ) ) );

		$this->assertStringNotContainsString( 'afflux-card__price', $html );
		$this->assertStringNotContainsString( 'afflux-card__checked', $html );
		$this->assertStringContainsString( 'afflux-card__button', $html );
	}

	/**
	 * The maximum age is a setting.
	 */
	public function test_price_max_age_follows_the_setting(): void {
		$this->settings_override = array( 'price_max_age_hours' => 72 );
		$id                      = $this->cache->add_product( array(), array( 'checked_at' => '2026-11-19T08:00:00Z' ) );
		$html                    = $this->render_post( $this->create_post( 'trois-jours', array( $this->card( $id ) ) ) );
		$this->assertStringContainsString( 'afflux-card__price', $html );
	}

	/**
	 * An unchanged re-sync writes no offer rows, yet confirms the price: the network's last
	 * successful catalogue sync counts; a failed one does not.
	 *
	 * @return array<string, array{0: string, 1: bool}>
	 */
	public function catalogue_syncs(): array {
		return array(
			'successful sync confirms the price' => array( 'ok', true ),
			'failed sync does not'               => array( 'failed', false ),
		);
	}

	/**
	 * See catalogue_syncs().
	 *
	 * @dataProvider catalogue_syncs
	 *
	 * @param string $status    The sync run's status.
	 * @param bool   $confirmed Whether the price is shown.
	 */
	public function test_catalogue_sync_confirms_old_offers( string $status, bool $confirmed ): void {
		$id = $this->cache->add_product( array( 'checked_at' => '2026-11-01T08:00:00Z' ), array( 'checked_at' => '2026-11-01T08:00:00Z' ) );
		$this->cache->pdo->exec(
			"INSERT INTO sync_runs (network, kind, started_at, finished_at, status) VALUES ('awin', 'catalogue', '2026-11-21T07:00:00Z', '2026-11-21T07:05:00Z', '" . $status . "')"
		);
		$html = $this->render_post( $this->create_post( 'resync', array( $this->card( $id ) ) ) );
		$this->assertSame( $confirmed, str_contains( $html, 'afflux-card__price' ) );
	}

	/**
	 * Out of stock, shown as unavailable (the default): no price, a clear label.
	 */
	public function test_out_of_stock_product_is_labelled_unavailable(): void {
		$id   = $this->cache->add_product( array(), array( 'availability' => 'out_of_stock' ) );
		$html = $this->render_post( $this->create_post( 'rupture', array( $this->card( $id ) ) ) );

		$this->assertStringContainsString( 'is-unavailable', $html );
		$this->assertStringContainsString( esc_html__( 'Unavailable', 'afflux' ), $html );
		$this->assertStringNotContainsString( 'afflux-card__price', $html );
	}

	/**
	 * With unavailable_display = hide, an out-of-stock or gone product renders nothing.
	 */
	public function test_unavailable_products_are_hidden_when_set(): void {
		$this->settings_override = array( 'unavailable_display' => 'hide' );
		$out                     = $this->cache->add_product( array(), array( 'availability' => 'out_of_stock' ) );
		$gone                    = $this->cache->add_product( array( 'status' => 'gone' ) );
		$html                    = $this->render_post(
			$this->create_post(
				'cache',
				array(
					$this->card( $out ),
					$this->card(
						$gone,
						'',
						array(
							'title' => 'x',
							'url'   => 'https://www.awin1.com/x',
						)
					),
				)
			)
		);

		$this->assertStringNotContainsString( 'afflux-card__', $html );
		$this->assertSame( 2, substr_count( $html, '<!-- afflux: product unavailable -->' ) );
	}

	/**
	 * With unavailable_display = alternative, a gone product is replaced by one with the same
	 * GTIN (before one merchant's other product), tracked; one extra query for the whole page.
	 */
	public function test_gone_product_is_replaced_by_the_same_gtin(): void {
		$this->settings_override = array( 'unavailable_display' => 'alternative' );
		$this->cache->add_product( array( 'title' => 'Autre produit du marchand' ) );
		$gone = $this->cache->add_product(
			array(
				'status' => 'gone',
				'gtin'   => '3760001234567',
				'title'  => 'Ancien',
			)
		);
		$out  = $this->cache->add_product( array( 'title' => 'En rupture' ), array( 'availability' => 'out_of_stock' ) );
		$this->cache->add_programme(
			array(
				'programme_id' => '2002',
				'name'         => 'Autre boutique',
			)
		);
		$this->cache->add_link_template(
			array(
				'programme_id' => '2002',
				'template'     => 'https://www.awin1.com/cread.php?awinmid=2002&clickref={sub_id}&ued={landing_url}',
			)
		);
		$same = $this->cache->add_product(
			array(
				'programme_id' => '2002',
				'gtin'         => '3760001234567',
				'title'        => 'Même GTIN',
			)
		);
		$html = $this->render_post( $this->create_post( 'alternative', array( $this->card( $gone, 'g1' ), $this->card( $out, 'o1' ) ) ) );

		$this->assertStringContainsString( 'data-product-id="' . $same . '"', $html );
		$this->assertStringContainsString( 'Même GTIN', $html );
		$this->assertStringContainsString( 'Autre produit du marchand', $html, 'no GTIN: same merchant' );
		$this->assertStringNotContainsString( 'En rupture', $html );
		$this->assertStringContainsString( 'awinmid=2002', $html );
		$this->assertSame( 2, $this->repository->query_count() );
	}

	/**
	 * Hostile strings from a network, each escaped without a PHP warning.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function hostile_titles(): array {
		return array(
			'script'     => array( '<script>alert(1)</script>' ),
			'quotes'     => array( 'Casque "pro" l\'original \' onerror=\'x' ),
			'rtl'        => array( "\u{202E}سماعة رأس لاسلكية\u{202C} <i>" ),
			'emoji'      => array( 'Casque 🎧🔥 <b>top</b>' ),
			'5 kB title' => array( str_repeat( 'Très long <titre> ', 300 ) ),
		);
	}

	/**
	 * See hostile_titles(): the title appears escaped, never as markup.
	 *
	 * @dataProvider hostile_titles
	 *
	 * @param string $title Network title.
	 */
	public function test_hostile_titles_are_escaped( string $title ): void {
		$id   = $this->cache->add_product( array( 'title' => $title ), array( 'promo_code' => '"><img src=x>' ) );
		$html = $this->render_post( $this->create_post( 'hostile-' . $id, array( $this->card( $id ) ) ) );

		$this->assertStringContainsString( '<p class="afflux-card__title">' . esc_html( $title ) . '</p>', $html );
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( '<img src=x', $html );
		$this->assertStringContainsString( 'afflux-card__button', $html );
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
	 * Serialized product card block.
	 *
	 * @param int                       $product_id   Product id.
	 * @param string                    $placement_id Placement id.
	 * @param array<string, mixed>|null $snapshot     Snapshot attribute.
	 * @param array<string, mixed>      $options      Other attributes.
	 */
	private function card( int $product_id, string $placement_id = '', ?array $snapshot = null, array $options = array() ): string {
		$attributes = array_merge( array( 'productId' => $product_id ), $options );
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
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
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
		$settings         = new Settings();
		$renderer         = new ProductCardRenderer(
			$this->placed,
			new TrackingLinkBuilder(),
			new PriceFormatter(),
			$settings,
			new LandingPagePolicy(),
			new PriceFreshness( $settings, static fn (): int => self::NOW )
		);

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
						'layout'      => array( 'type' => 'string' ),
						'showPrice'   => array( 'type' => 'boolean' ),
						'promoCode'   => array( 'type' => 'string' ),
						'landingUrl'  => array( 'type' => 'string' ),
						'buttonText'  => array( 'type' => 'string' ),
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
