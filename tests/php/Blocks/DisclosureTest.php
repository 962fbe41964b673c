<?php
/**
 * Tests for the disclosure notice block and its automatic placement.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Blocks;

use Afflux\Blocks\DisclosureInserter;
use Afflux\Blocks\DisclosureRenderer;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The running plugin's afflux/disclosure block and the_content filter, on real posts.
 */
final class DisclosureTest extends AffluxTestCase {

	/**
	 * Settings the plugin sees during a test.
	 *
	 * @var array<string, mixed>
	 */
	private array $settings = array();

	/**
	 * Post created by a test.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * Points the plugin at a missing cache: the notice needs none.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->settings = array( 'cache_path' => $this->dir . '/missing.sqlite' );
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
	}

	/**
	 * Removes the post and the override.
	 */
	protected function tear_down(): void {
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		unset( $GLOBALS['post'] );
		parent::tear_down();
	}

	/**
	 * A post with an Afflux block gets the notice first, once, with the setting's text.
	 */
	public function test_notice_is_added_at_the_top_of_a_post_with_afflux_blocks(): void {
		$this->settings['disclosure_text'] = 'Liens affiliés ici.';
		$html                              = $this->render( "<!-- wp:paragraph -->\n<p>Intro</p>\n<!-- /wp:paragraph -->\n\n" . $this->card() . "\n\n" . $this->card() );

		$this->assertSame( 1, substr_count( $html, 'wp-block-afflux-disclosure' ) );
		$this->assertLessThan( strpos( $html, 'Intro' ), strpos( $html, '<p class="wp-block-afflux-disclosure">Liens affiliés ici.</p>' ) );
		$this->assertStringNotContainsString( 'afflux/disclosure', (string) get_post_field( 'post_content', $this->post_id ), 'the post itself is not edited' );
	}

	/**
	 * The blogger's own notice stays where it was placed, and no second one is added.
	 */
	public function test_own_notice_is_kept_in_place(): void {
		$html = $this->render( $this->card() . "\n\n<!-- wp:afflux/disclosure /-->" );

		$this->assertSame( 1, substr_count( $html, 'wp-block-afflux-disclosure' ) );
		$this->assertGreaterThan( strpos( $html, 'afflux-card' ), strpos( $html, 'wp-block-afflux-disclosure' ) );
	}

	/**
	 * Posts without Afflux links get no notice.
	 */
	public function test_post_without_afflux_links_gets_no_notice(): void {
		$html = $this->render( "<!-- wp:paragraph -->\n<p>Rien à déclarer.</p>\n<!-- /wp:paragraph -->" );
		$this->assertStringNotContainsString( 'wp-block-afflux-disclosure', $html );
	}

	/**
	 * A post whose Afflux blocks show no link (gone product, no snapshot) gets no notice.
	 */
	public function test_post_showing_no_afflux_link_gets_no_notice(): void {
		$html = $this->render( '<!-- wp:afflux/product-card {"productId":999999999} /-->' );
		$this->assertStringNotContainsString( 'wp-block-afflux-disclosure', $html );
	}

	/**
	 * Which rendered HTML needs the notice: Afflux sponsored links, inline ones included.
	 */
	public function test_rendered_afflux_links_need_the_notice(): void {
		$this->assertTrue( DisclosureInserter::needs_disclosure( '<p><a href="https://x.example" rel="sponsored nofollow" data-afflux-product="3">x</a></p>' ) );
		$this->assertFalse( DisclosureInserter::needs_disclosure( '<p><a href="https://x.example" rel="sponsored">another plugin</a></p>' ) );
		$this->assertFalse( DisclosureInserter::needs_disclosure( '<p class="wp-block-afflux-disclosure">…</p><div class="wp-block-afflux-product-card"><a rel="sponsored nofollow" href="#">x</a></div>' ) );
	}

	/**
	 * Cards in a block widget get the notice too: the widget's content is filtered like a post's.
	 */
	public function test_block_widget_with_afflux_links_gets_the_notice(): void {
		$html = (string) apply_filters( 'widget_block_content', $this->card(), array(), null ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.

		$this->assertSame( 1, substr_count( $html, 'wp-block-afflux-disclosure' ) );
		$this->assertLessThan( strpos( $html, 'wp-block-afflux-product-card' ), strpos( $html, 'wp-block-afflux-disclosure' ) );
	}

	/**
	 * The setting's text is escaped; the default is the translated sentence.
	 */
	public function test_text_is_escaped_and_defaults_to_the_translated_sentence(): void {
		$this->settings['disclosure_text'] = 'Liens <script>alert(1)</script> & "affiliés"';
		$html                              = ( new DisclosureRenderer( new Settings() ) )->render( array() );
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringContainsString( '&amp; &quot;affiliés&quot;</p>', $html );

		unset( $this->settings['disclosure_text'] );
		$default = ( new DisclosureRenderer( new Settings() ) )->render( array() );
		$this->assertStringContainsString( esc_html( ( new Settings() )->defaults()['disclosure_text'] ), $default );
	}

	/**
	 * The settings the plugin sees during the test.
	 *
	 * @return array<string, mixed>
	 */
	public function settings_for_test(): array {
		return $this->settings;
	}

	/**
	 * A card block whose cache is missing: it renders its snapshot link.
	 */
	private function card(): string {
		return '<!-- wp:afflux/product-card ' . serialize_block_attributes(
			array(
				'productId' => 1,
				'snapshot'  => array(
					'title' => 'Casque',
					'url'   => 'https://www.boutique-exemple.fr/1',
				),
			)
		) . ' /-->';
	}

	/**
	 * A post with $content through the_content.
	 *
	 * @param string $content Post content.
	 */
	private function render( string $content ): string {
		$this->post_id   = (int) wp_insert_post(
			array(
				'post_title'   => 'Mention',
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
