<?php
/**
 * Turns the inline affiliate links of rendered blocks into tracked, sponsored links.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Links\PlacementHref;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Placements\InlineLinkMarkup;
use Afflux\Service;

/**
 * The afflux/affiliate-link format saves <a data-afflux-product data-afflux-placement href>
 * with the product's own page as href. When a block holding one renders, each such link's href
 * becomes the placement's link (PlacementHref: cloaked /go/ or direct, sub id
 * p{post}_{placement}, UTM) and its rel "sponsored nofollow"; the product comes from the page's
 * one batched read (PlacedProducts collects data-afflux-product before the blocks render). When
 * the product or the cache is unavailable the saved href stays, still marked sponsored, so the
 * words keep working. A product the cache holds as gone or out of stock follows the
 * unavailable_display setting, as cards do: hide (the words stay, without a link), label (the
 * link, followed by an "unavailable" marker) or alternative (the link goes to a replacement
 * with the same GTIN or from the same merchant; labelled when there is none). Only the links'
 * opening tags are rewritten (InlineLinkTag), plus the closing tag of a hidden link and the
 * marker after a labelled one; the rest of the block's HTML is left byte for byte.
 */
final class InlineLinkRenderer implements Service {

	/**
	 * What marks an inline affiliate link in saved HTML.
	 */
	private const MARKER = 'data-afflux-product';

	/**
	 * An opening <a> tag (group 1; quoted values may hold ">"), then, when the link closes, its
	 * words (group 2) and its closing tag (group 3): links do not nest, so the first </a> is
	 * this link's. Possessive, so a tag that never closes fails at once instead of backtracking.
	 */
	private const LINK = '#(<a(?=[\s/>])(?:[^>"\']++|"[^"]*+"|\'[^\']*+\')*+>)(?:((?:(?!</a[\s>]).)*+)(</a\s*>))?#is';

	/**
	 * The rel of every inline affiliate link; DisclosureInserter looks for it.
	 */
	private const REL = array( 'sponsored', 'nofollow' );

	/**
	 * Products of the content being rendered, read in one batch.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * Builds a placement's href.
	 *
	 * @var PlacementHref
	 */
	private PlacementHref $hrefs;

	/**
	 * Builds the renderer.
	 *
	 * @param PlacedProducts      $placed Products of the content being rendered, and the pass's settings.
	 * @param TrackingLinkBuilder $links  Fills link templates.
	 */
	public function __construct( PlacedProducts $placed, TrackingLinkBuilder $links ) {
		$this->placed = $placed;
		$this->hrefs  = new PlacementHref( $links );
	}

	/**
	 * Hooks the rendering of every block.
	 */
	public function init(): void {
		add_filter( 'render_block', array( $this, 'render_block' ), 10, 3 );
	}

	/**
	 * The render_block filter: rewrites the links of a block whose own HTML holds one. The format
	 * is offered in every rich text (paragraphs, headings, list items, quotes, captions…), so
	 * any block is looked at; a container whose links all sit in inner blocks is skipped, as
	 * those rendered (and were rewritten) first. Afflux's own blocks build their links already.
	 *
	 * @param mixed          $content  The block's rendered HTML.
	 * @param mixed          $block    The parsed block.
	 * @param \WP_Block|null $instance The block instance, for its postId context.
	 * @return mixed
	 */
	public function render_block( $content, $block, $instance = null ) {
		if ( ! is_string( $content ) || ! str_contains( $content, self::MARKER ) || ! is_array( $block ) ) {
			return $content;
		}
		$name = isset( $block['blockName'] ) && is_string( $block['blockName'] ) ? $block['blockName'] : '';
		$own  = isset( $block['innerHTML'] ) && is_string( $block['innerHTML'] ) ? $block['innerHTML'] : '';
		if ( str_starts_with( $name, 'afflux/' ) || ! str_contains( $own, self::MARKER ) ) {
			return $content;
		}
		return $this->rewrite( $content, BlockPostId::of( $instance instanceof \WP_Block ? $instance : null ) );
	}

	/**
	 * $html with every inline affiliate link's href tracked and its rel sponsored.
	 *
	 * @param string $html    A block's HTML.
	 * @param int    $post_id The post holding it (0 outside a post).
	 */
	public function rewrite( string $html, int $post_id ): string {
		$rewritten = preg_replace_callback(
			self::LINK,
			fn ( array $link ): string => $this->rewrite_link( $link, $post_id ),
			$html,
			flags: PREG_UNMATCHED_AS_NULL
		);
		// A PCRE failure (backtrack limit on a pathological fragment) leaves the block as saved.
		return is_string( $rewritten ) ? $rewritten : $html;
	}

	/**
	 * One link, rewritten when it is an inline affiliate link.
	 *
	 * @param array<int, string|null> $link    A LINK match: whole, opening tag, words, closing tag
	 *                                         (the last two null when the link never closes).
	 * @param int                     $post_id The post.
	 */
	private function rewrite_link( array $link, int $post_id ): string {
		$whole  = (string) $link[0];
		$source = (string) $link[1];
		if ( ! str_contains( $source, self::MARKER ) ) {
			return $whole;
		}
		$tag        = InlineLinkTag::parse( $source );
		$product_id = null === $tag ? '' : (string) $tag->value( self::MARKER );
		if ( null === $tag || 1 !== preg_match( '/^[1-9][0-9]{0,17}$/D', $product_id ) ) {
			return $whole;
		}
		$placement = (string) $tag->value( 'data-afflux-placement' );
		$words     = $link[2] ?? null;
		$closing   = $link[3] ?? '';
		$marker    = '';
		$href      = null;

		try {
			$product = $this->placed->get( (int) $product_id );
			if ( null !== $product && ! $product->is_available() ) {
				$display = $this->placed->settings()->unavailable_display;
				if ( 'hide' === $display ) {
					// The words stay in the sentence, as plain text.
					return $words ?? '';
				}
				$alternative = 'alternative' === $display ? $this->placed->alternative_for( $product ) : null;
				if ( null !== $alternative ) {
					$product = $alternative;
				} else {
					$marker = null === $words ? '' : ' <span class="afflux-inline-link__unavailable">' . esc_html( self::unavailable_label() ) . '</span>';
					// A gone product's tracked link leads nowhere: the saved product page stays.
					$product = $product->is_active() ? $product : null;
				}
			}
			if ( null !== $product ) {
				$pass = $this->placed->settings();
				$href = $this->hrefs->url( $product, '', $post_id, $placement, InlineLinkMarkup::FORMAT_NAME, array(), $pass->utm_template, $pass->links );
			}
		} catch ( \Throwable $error ) {
			// A reader's page must never break because of a link: the saved href still works.
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the reason goes to the log, not the page.
			error_log( 'Afflux: inline affiliate link could not be tracked: ' . $error->getMessage() );
			$href = null;
		}

		$href = $href ?? $this->saved_href( $tag );
		$tag  = null === $href ? $tag->without( 'href' ) : $tag->with( 'href', esc_url( $href, array( 'http', 'https' ) ) );
		return $tag->with( 'rel', esc_attr( self::rel( (string) $tag->value( 'rel' ) ) ) )->to_html() . $words . $closing . $marker;
	}

	/**
	 * What follows the words of a link whose product cannot be bought, translated.
	 */
	private static function unavailable_label(): string {
		/* translators: shown in brackets after the words of an inline affiliate link whose product is out of stock or no longer sold. */
		return __( '(unavailable)', 'afflux' );
	}

	/**
	 * The href the editor saved (the product's page), when it is an http(s) URL.
	 *
	 * @param InlineLinkTag $tag The link.
	 */
	private function saved_href( InlineLinkTag $tag ): ?string {
		$href = trim( (string) $tag->value( 'href' ) );
		return '' !== esc_url( $href, array( 'http', 'https' ) ) ? $href : null;
	}

	/**
	 * "sponsored nofollow", then the link's other rel keywords (noopener…) once each.
	 *
	 * @param string $saved The saved rel.
	 */
	private static function rel( string $saved ): string {
		$words = preg_split( '/\s+/', strtolower( $saved ), -1, PREG_SPLIT_NO_EMPTY );
		return implode( ' ', array_values( array_unique( array_merge( self::REL, false === $words ? array() : $words ) ) ) );
	}
}
