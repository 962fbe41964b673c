<?php
/**
 * Tests for the inline affiliate links' server rendering.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\InlineLinkRenderer;
use Afflux\Blocks\PlacedProducts;
use Afflux\Cache\ProductRepository;
use Afflux\Links\LinkSettings;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * Paragraphs, headings, list items and quotes holding afflux/affiliate-link links, rendered by
 * WordPress (the_content) with a renderer reading a test cache in place of the running
 * plugin's.
 */
final class InlineLinkRendererTest extends AffluxTestCase {

	/**
	 * The product page the editor saved as the link's href.
	 */
	private const SAVED_HREF = 'https://www.boutique-exemple.fr/casque-x?ref=blog&amp;x=1';

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
	 * The batch loader of the test.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * The test's renderer.
	 *
	 * @var InlineLinkRenderer
	 */
	private InlineLinkRenderer $renderer;

	/**
	 * The running plugin's render_block callbacks for inline links, put back after the test.
	 *
	 * @var list<array{0: object, 1: string}>
	 */
	private array $plugin_callbacks = array();

	/**
	 * The Afflux settings the test sees in place of the stored ones; null for the stored ones.
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
	 * A cache with the awin programme and its link template; the running plugin's inline link
	 * filter steps aside so the test's renderer (reading the test cache) is the only one.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->cache->add_link_template();
		delete_option( LinkSettings::OPTION );
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		$hook = $GLOBALS['wp_filter']['render_block'] ?? null;
		foreach ( $hook instanceof \WP_Hook ? $hook->callbacks[10] ?? array() : array() as $callback ) {
			$function = $callback['function'];
			if ( is_array( $function ) && $function[0] instanceof InlineLinkRenderer && is_string( $function[1] ) ) {
				$this->plugin_callbacks[] = array( $function[0], $function[1] );
				remove_filter( 'render_block', $function, 10 );
			}
		}
	}

	/**
	 * Puts the plugin's filter back and removes the test's hooks and post.
	 */
	protected function tear_down(): void {
		if ( isset( $this->renderer ) ) {
			remove_filter( 'render_block', array( $this->renderer, 'render_block' ), 10 );
		}
		if ( isset( $this->placed ) ) {
			remove_filter( 'the_content', array( $this->placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
		}
		foreach ( $this->plugin_callbacks as $callback ) {
			add_filter( 'render_block', $callback, 10, 3 );
		}
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		delete_option( LinkSettings::OPTION );
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * The words link to the product's tracked URL with the placement's sub id and the UTM
	 * parameters; the text, the class and the data attributes stay; the post gets the one
	 * disclosure notice at the top, though it holds no Afflux block.
	 */
	public function test_rebuilds_the_href_with_the_placement_sub_id(): void {
		$id   = $this->cache->add_product( array(), array( 'landing_url' => 'https://www.boutique-exemple.fr/casque-x' ) );
		$post = $this->create_post( 'mes-casques', $this->paragraph( 'Je recommande <a class="afflux-inline-link" data-afflux-product="' . $id . '" data-afflux-placement="il1abc" href="' . self::SAVED_HREF . '" rel="sponsored nofollow">ce casque</a> sans hésiter.' ) );

		$html = $this->render_post( $post );

		$href = $this->href( $html );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456&clickref=p' . $post . '_il1abc&ued=', $href );
		$this->assertStringContainsString( rawurlencode( 'https://www.boutique-exemple.fr/casque-x?' ), $href );
		$this->assertStringContainsString( rawurlencode( 'utm_campaign=mes-casques' ), $href );
		$this->assertStringContainsString( rawurlencode( 'utm_content=affiliate-link' ), $href );
		$this->assertMatchesRegularExpression( '#<p>Je recommande <a class="afflux-inline-link" data-afflux-product="' . $id . '" data-afflux-placement="il1abc" href="[^"]+" rel="sponsored nofollow">ce casque</a> sans hésiter.</p>#u', $html );
		$this->assertSame( 1, substr_count( $html, 'wp-block-afflux-disclosure' ) );
		$this->assertLessThan( strpos( $html, 'Je recommande' ), strpos( $html, 'wp-block-afflux-disclosure' ) );
	}

	/**
	 * Cloaked mode: the words link to /{prefix}/{slug} of the placement.
	 */
	public function test_cloaked_mode_links_through_the_prefix(): void {
		update_option(
			LinkSettings::OPTION,
			array(
				'link_mode'   => 'cloaked',
				'link_prefix' => 'go',
			)
		);
		$id   = $this->cache->add_product( array( 'title' => 'Casque Été' ) );
		$post = $this->create_post( 'cloaked', $this->paragraph( $this->link( $id, 'cl1', 'ici' ) ) );

		$this->assertSame( home_url( '/go/casque-ete-p' . $post . '_cl1' ), $this->href( $this->render_post( $post ) ) );
	}

	/**
	 * Headings, list items and quotes are rewritten like paragraphs, several links of a post
	 * cost one cache query, and a link inside a quote's paragraph is rewritten once.
	 */
	public function test_links_in_headings_lists_and_quotes_share_one_query(): void {
		$first  = $this->cache->add_product();
		$second = $this->cache->add_product();
		$post   = $this->create_post(
			'partout',
			"<!-- wp:heading -->\n<h2>" . $this->link( $first, 'h1' ) . "</h2>\n<!-- /wp:heading -->\n\n"
			. "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>" . $this->link( $second, 'li1' ) . "</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->\n\n"
			. "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">" . $this->paragraph( $this->link( $first, 'q1' ) ) . '<cite>' . $this->link( $second, 'c1' ) . "</cite></blockquote>\n<!-- /wp:quote -->"
		);

		$html = $this->render_post( $post );

		$this->assertSame( 1, $this->repository->query_count() );
		foreach ( array( 'h1', 'li1', 'q1', 'c1' ) as $placement ) {
			$this->assertStringContainsString( 'clickref=p' . $post . '_' . $placement . '&#038;', $html, $placement );
		}
		$this->assertStringNotContainsString( 'boutique-exemple.fr/saved', $html );
		$this->assertSame( 4, substr_count( $html, 'rel="sponsored nofollow"' ) );
	}

	/**
	 * Quotes and other hostile values in the saved tag stay inside their attribute: a
	 * single-quoted value holding '"', a ">" inside quotes, an unquoted value, a bare attribute;
	 * an invalid placement id gives the post's sub id alone; the text is not touched. Rewritten
	 * directly: a post saved by a user without unfiltered_html never holds such a tag (kses
	 * rewrites it first), one saved by an administrator may.
	 */
	public function test_hostile_attributes_stay_inside_their_values(): void {
		$id = $this->cache->add_product();
		$this->use_renderer();
		$tag = '<a class="afflux-inline-link" title=\'x" onmouseover="alert(1)\' data-note="1 > 0 &amp; &lt;script&gt;" data-afflux-product="' . $id . '" data-afflux-placement="bad&quot;id" target=_blank download href="' . self::SAVED_HREF . '" rel=\'noopener\'>';

		$html = $this->renderer->rewrite( '<p>Avant ' . $tag . '<strong>gras</strong> &amp; "texte"</a> après &lt;b&gt;.</p>', 77 );

		$this->assertStringContainsString( ' title="x&quot; onmouseover=&quot;alert(1)"', $html );
		$this->assertStringNotContainsString( ' onmouseover="', $html );
		$this->assertStringContainsString( ' data-note="1 &gt; 0 &amp; &lt;script&gt;"', $html );
		$this->assertStringContainsString( ' target="_blank" download href="', $html );
		$this->assertStringContainsString( ' rel="sponsored nofollow noopener">', $html );
		$this->assertStringEndsWith( '><strong>gras</strong> &amp; "texte"</a> après &lt;b&gt;.</p>', $html );
		$this->assertStringStartsWith( '<p>Avant <a class="afflux-inline-link" title=', $html );
		$this->assertStringContainsString( 'clickref=p77&', $this->href( $html ), 'no placement: the post alone' );
		$this->assertStringNotContainsString( '<script', $html );
	}

	/**
	 * A tag that never closes (an unterminated quote) is left as it is, without a PCRE error.
	 */
	public function test_unterminated_tag_is_left_alone(): void {
		$this->use_renderer();
		$source = '<p><a data-afflux-product="1" title="' . str_repeat( 'x ', 5000 ) . '</p>';

		$this->assertSame( $source, $this->renderer->rewrite( $source, 5 ) );
	}

	/**
	 * An unavailable cache, whatever the reason, keeps the saved href, marked sponsored, with no
	 * PHP warning (AffluxTestCase turns warnings into errors).
	 *
	 * @return array<string, array{0: string}>
	 */
	public function unavailable_caches(): array {
		return array(
			'missing'       => array( 'missing' ),
			'corrupt'       => array( 'corrupt' ),
			'wrong version' => array( 'wrong_version' ),
			'product gone'  => array( 'not_in_cache' ),
		);
	}

	/**
	 * See unavailable_caches().
	 *
	 * @dataProvider unavailable_caches
	 *
	 * @param string $state The failure to simulate.
	 */
	public function test_unavailable_cache_keeps_the_saved_href( string $state ): void {
		$id   = $this->cache->add_product();
		$path = $this->cache->path;
		if ( 'not_in_cache' === $state ) {
			$id = 999999;
		} else {
			$path = $this->cache->break_for_readers( $state, $this->dir );
		}
		$post = $this->create_post( 'en-panne', $this->paragraph( 'Voir <a class="afflux-inline-link" data-afflux-product="' . $id . '" data-afflux-placement="p1" href="' . self::SAVED_HREF . '">ce casque</a>.' ) );

		$html = $this->render_post( $post, $path );

		$this->assertStringContainsString( '<a class="afflux-inline-link" data-afflux-product="' . $id . '" data-afflux-placement="p1" href="https://www.boutique-exemple.fr/casque-x?ref=blog&#038;x=1" rel="sponsored nofollow">ce casque</a>', $html );
		$this->assertSame( 1, substr_count( $html, 'wp-block-afflux-disclosure' ) );
	}

	/**
	 * A saved href that is not http(s) is dropped rather than kept, the words stay.
	 */
	public function test_unsafe_saved_href_is_dropped_when_the_product_is_unavailable(): void {
		$this->use_renderer();

		$html = $this->renderer->rewrite( '<p><a data-afflux-product="999999" data-afflux-placement="p1" href=" javascript:alert(1)">mots</a></p>', 5 );

		$this->assertSame( '<p><a data-afflux-product="999999" data-afflux-placement="p1" rel="sponsored nofollow">mots</a></p>', $html );
	}

	/**
	 * Ordinary links, links of another format and the rest of the block are left byte for byte.
	 */
	public function test_other_links_are_left_as_saved(): void {
		$id = $this->cache->add_product();
		$this->use_renderer();
		$before = '<p><a href="https://example.org/?a=1&amp;b=2" target=\'_blank\'>ami</a>, <abbr title="x">X</abbr>, <A HREF=/y>z</A> et ';

		$html = $this->renderer->rewrite( $before . $this->link( $id, 'ok1' ) . ' fin.</p>', 5 );

		$this->assertStringStartsWith( $before . '<a class="afflux-inline-link"', $html );
		$this->assertStringEndsWith( '>casque</a> fin.</p>', $html );
		$this->assertStringContainsString( 'clickref=p5_ok1', $html );
	}

	/**
	 * A post without inline links and a block outside a post are not touched and read nothing.
	 */
	public function test_content_without_inline_links_reads_nothing(): void {
		$this->cache->add_product();
		$post = $this->create_post( 'rien', $this->paragraph( 'Un <a href="https://example.org/">lien</a> ordinaire.' ) );

		$html = $this->render_post( $post );

		$this->assertStringContainsString( '<p>Un <a href="https://example.org/">lien</a> ordinaire.</p>', $html );
		$this->assertSame( 0, $this->repository->query_count() );
		$this->assertStringNotContainsString( 'wp-block-afflux-disclosure', $html );
	}

	/**
	 * An inline link outside a post (a widget) carries the p0 sub id.
	 */
	public function test_rewrite_outside_a_post_uses_post_zero(): void {
		$id = $this->cache->add_product();
		$this->use_renderer();

		$html = $this->renderer->rewrite( $this->link( $id, 'w1' ), 0 );

		$this->assertStringContainsString( 'clickref=p0_w1&#038;', $html );
	}

	/**
	 * Unavailable products under each unavailable_display setting: the out-of-stock one, the
	 * gone one, and one still sold (left alone).
	 *
	 * @param string $display The setting.
	 * @return array{0: string, 1: array{out: int, gone: int, ok: int}} Rendered post, product ids.
	 */
	private function render_unavailable_products( string $display ): array {
		$this->settings_override = array( 'unavailable_display' => $display );
		$ids                     = array(
			'out'  => $this->cache->add_product( array(), array( 'availability' => 'out_of_stock' ) ),
			'gone' => $this->cache->add_product( array( 'status' => 'gone' ) ),
			'ok'   => $this->cache->add_product(),
		);
		$post                    = $this->create_post(
			'indisponibles-' . $display,
			$this->paragraph( 'A ' . $this->link( $ids['out'], 'out1', '<strong>rupture</strong>' ) . ', B ' . $this->link( $ids['gone'], 'gone1', 'ancien' ) . ', C ' . $this->link( $ids['ok'], 'ok1', 'dispo' ) . '.' )
		);
		return array( $this->render_post( $post ), $ids );
	}

	/**
	 * Hide: the words of an out-of-stock or gone product stay as plain text (their own markup
	 * kept), without a link; the product still sold keeps its tracked link.
	 */
	public function test_hide_leaves_the_words_without_a_link(): void {
		list( $html, $ids ) = $this->render_unavailable_products( 'hide' );

		$this->assertStringContainsString( '<p>A <strong>rupture</strong>, B ancien, C <a class="afflux-inline-link" data-afflux-product="' . $ids['ok'] . '"', $html );
		$this->assertStringNotContainsString( 'data-afflux-product="' . $ids['out'] . '"', $html );
		$this->assertStringNotContainsString( 'data-afflux-product="' . $ids['gone'] . '"', $html );
		$this->assertStringContainsString( 'clickref=p' . $this->post_id . '_ok1', $html );
		$this->assertStringNotContainsString( 'afflux-inline-link__unavailable', $html );
	}

	/**
	 * Label: the out-of-stock product keeps its tracked link, the gone one its saved product
	 * page, each followed by the translatable marker; the product still sold has none.
	 */
	public function test_label_marks_the_words_unavailable(): void {
		list( $html, $ids ) = $this->render_unavailable_products( 'label' );
		$marker             = ' <span class="afflux-inline-link__unavailable">' . esc_html__( '(unavailable)', 'afflux' ) . '</span>';

		$this->assertMatchesRegularExpression( '#<a class="afflux-inline-link" data-afflux-product="' . $ids['out'] . '" data-afflux-placement="out1" href="https://www\.awin1\.com/[^"]*clickref=p' . $this->post_id . '_out1[^"]*" rel="sponsored nofollow"><strong>rupture</strong></a>' . preg_quote( $marker, '#' ) . ', B #', $html );
		$this->assertStringContainsString( 'data-afflux-placement="gone1" href="https://www.boutique-exemple.fr/saved" rel="sponsored nofollow">ancien</a>' . $marker . ', C ', $html );
		$this->assertSame( 2, substr_count( $html, 'afflux-inline-link__unavailable' ) );
		$this->assertStringContainsString( 'clickref=p' . $this->post_id . '_ok1', $html );
	}

	/**
	 * Alternative: the gone product's words link to the product with the same GTIN, tracked with
	 * the link's own placement; the out-of-stock one, with no replacement anywhere in the cache,
	 * is labelled instead. Replacements cost one more query for the whole page.
	 */
	public function test_alternative_links_to_the_replacement(): void {
		$this->settings_override = array( 'unavailable_display' => 'alternative' );
		$this->cache->add_programme(
			array(
				'programme_id' => '3003',
				'name'         => 'Boutique seule',
			)
		);
		$alone = $this->cache->add_product( array( 'programme_id' => '3003' ), array( 'availability' => 'out_of_stock' ) );
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
		$gone = $this->cache->add_product(
			array(
				'status' => 'gone',
				'gtin'   => '3760001234567',
			)
		);
		$same = $this->cache->add_product(
			array(
				'programme_id' => '2002',
				'gtin'         => '3760001234567',
			),
			array( 'landing_url' => 'https://www.autre-boutique.fr/meme-gtin' )
		);
		$post = $this->create_post( 'alternative', $this->paragraph( 'A ' . $this->link( $gone, 'gone1', 'ancien' ) . ', B ' . $this->link( $alone, 'seul1', 'seul' ) . '.' ) );

		$html = $this->render_post( $post );

		$href = $this->href( $html );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?awinmid=2002&clickref=p' . $post . '_gone1&ued=', $href );
		$this->assertStringContainsString( rawurlencode( 'https://www.autre-boutique.fr/meme-gtin' ), $href );
		$this->assertStringContainsString( '>ancien</a>, B ', $html, 'a replaced link is not labelled' );
		$this->assertStringContainsString( '>seul</a> <span class="afflux-inline-link__unavailable">' . esc_html__( '(unavailable)', 'afflux' ) . '</span>.', $html );
		$this->assertSame( 2, $this->repository->query_count() );
		$this->assertGreaterThan( 0, $same );
	}

	/**
	 * Hostile words and an unterminated link under hide: the words are kept exactly as the
	 * block saved them (already escaped by the editor), a link that never closes loses only
	 * its opening tag, and no PHP warning is raised.
	 */
	public function test_hide_keeps_saved_words_and_survives_an_unclosed_link(): void {
		$this->settings_override = array( 'unavailable_display' => 'hide' );
		$out                     = $this->cache->add_product( array( 'title' => '<script>alert(1)</script>' ), array( 'availability' => 'out_of_stock' ) );
		$this->use_renderer();

		$closed   = $this->renderer->rewrite( '<p>' . $this->link( $out, 'h1', '&lt;b&gt; &quot;מילים&quot; 🎧' ) . ' fin</p>', 5 );
		$unclosed = $this->renderer->rewrite( '<p>x <a data-afflux-product="' . $out . '" data-afflux-placement="h2" href="https://www.boutique-exemple.fr/saved">mots sans fin</p>', 5 );

		$this->assertSame( '<p>&lt;b&gt; &quot;מילים&quot; 🎧 fin</p>', $closed );
		$this->assertSame( '<p>x mots sans fin</p>', $unclosed );
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
	 * A paragraph block holding $html.
	 *
	 * @param string $html Inner HTML of the paragraph.
	 */
	private function paragraph( string $html ): string {
		return "<!-- wp:paragraph -->\n<p>" . $html . "</p>\n<!-- /wp:paragraph -->";
	}

	/**
	 * An inline affiliate link as the editor saves it.
	 *
	 * @param int    $product_id   Product id.
	 * @param string $placement_id Placement id.
	 * @param string $text         The linked words.
	 */
	private function link( int $product_id, string $placement_id, string $text = 'casque' ): string {
		return '<a class="afflux-inline-link" data-afflux-product="' . $product_id . '" data-afflux-placement="' . $placement_id . '" href="https://www.boutique-exemple.fr/saved" rel="sponsored nofollow">' . $text . '</a>';
	}

	/**
	 * A published post holding $content.
	 *
	 * @param string $slug    Post slug.
	 * @param string $content Serialized blocks.
	 */
	private function create_post( string $slug, string $content ): int {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => $slug,
				'post_name'    => $slug,
				'post_status'  => 'publish',
				'post_content' => wp_slash( $content ),
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
	 * Hooks a renderer reading the cache at $path.
	 *
	 * @param string|null $path Cache file; the test cache when null.
	 */
	private function use_renderer( ?string $path = null ): void {
		$this->repository = $this->repository( $path ?? $this->cache->path );
		$this->placed     = new PlacedProducts( $this->repository );
		$this->renderer   = new InlineLinkRenderer( $this->placed, new TrackingLinkBuilder() );
		add_filter( 'render_block', array( $this->renderer, 'render_block' ), 10, 3 );
	}

	/**
	 * The decoded href of the first inline affiliate link.
	 *
	 * @param string $html Rendered content.
	 */
	private function href( string $html ): string {
		$this->assertSame( 1, preg_match( '/<a [^>]*data-afflux-product="[0-9]+"[^>]* href="([^"]+)"/', $html, $match ), $html );
		return html_entity_decode( $match[1] );
	}
}
