<?php
/**
 * Keeps the HTML of Afflux's product blocks away from the_content's text filters.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Service;

/**
 * Cards, lists and banners print final, escaped HTML built from network data, which must reach
 * the reader as it is: wptexturize would curl the quotes of a product title, convert_smilies
 * turn its ":)" into an image, capital_P_dangit rewrite a shop's "WordPress", do_shortcode run a
 * "[shortcode]" in it. Those filters run on the_content after do_blocks, so while a post's
 * content is being filtered each such block is replaced by a placeholder comment (which those
 * filters leave alone) and put back at a late priority, after them.
 *
 * Outside the_content (widgets, template parts, render_block() calls, the REST block renderer)
 * the HTML is returned as it is. Placeholders carry a random per-request nonce, so network data
 * cannot forge one, and an unknown placeholder is left alone. Nested the_content passes (a
 * block rendering another post's content) put back their own placeholders; the held HTML is
 * dropped when the outermost pass ends.
 */
final class VerbatimBlockHtml implements Service {

	/**
	 * The blocks whose HTML is held: those that print network data.
	 */
	public const BLOCK_NAMES = array( ProductCardRenderer::BLOCK_NAME, ProductListRenderer::BLOCK_NAME, BannerRenderer::BLOCK_NAME );

	/**
	 * Before everything else on the_content (PlacedProducts 8, do_blocks 9).
	 */
	public const OPEN_PRIORITY = PHP_INT_MIN + 1000;

	/**
	 * After the blocks' other render_block filters, which keep seeing the real HTML.
	 */
	public const HOLD_PRIORITY = PHP_INT_MAX - 1000;

	/**
	 * After WordPress's text filters (wptexturize 10, capital_P_dangit and do_shortcode 11,
	 * convert_smilies 20) and most plugins' own.
	 */
	public const RESTORE_PRIORITY = PHP_INT_MAX - 1000;

	/**
	 * Start of every placeholder.
	 */
	private const PREFIX = '<!--afflux-verbatim:';

	/**
	 * Random per request, so a placeholder cannot be forged by data; '' until first needed.
	 *
	 * @var string
	 */
	private string $nonce = '';

	/**
	 * Placeholders handed out in this request.
	 *
	 * @var int
	 */
	private int $count = 0;

	/**
	 * How many the_content passes have started and not yet reached RESTORE_PRIORITY.
	 *
	 * @var int
	 */
	private int $open_passes = 0;

	/**
	 * Held HTML by placeholder.
	 *
	 * @var array<string, string>
	 */
	private array $held = array();

	/**
	 * Hooks the blocks' render_block filters and the_content.
	 */
	public function init(): void {
		foreach ( self::BLOCK_NAMES as $name ) {
			add_filter( 'render_block_' . $name, array( $this, 'hold' ), self::HOLD_PRIORITY );
		}
		add_filter( 'the_content', array( $this, 'open_pass' ), self::OPEN_PRIORITY );
		add_filter( 'the_content', array( $this, 'restore' ), self::RESTORE_PRIORITY );
	}

	/**
	 * The the_content filter that starts a pass, when this pass will reach restore().
	 *
	 * @param mixed $content Post content.
	 * @return mixed The same content.
	 */
	public function open_pass( $content ) {
		if ( self::RESTORE_PRIORITY === has_filter( 'the_content', array( $this, 'restore' ) ) ) {
			++$this->open_passes;
		}
		return $content;
	}

	/**
	 * The render_block filter: a placeholder while a the_content pass will put it back, the
	 * HTML itself otherwise.
	 *
	 * @param mixed $html The block's rendered HTML.
	 * @return mixed
	 */
	public function hold( $html ) {
		if ( ! is_string( $html ) || '' === $html || $this->open_passes < 1 || ! doing_filter( 'the_content' ) ) {
			return $html;
		}
		if ( '' === $this->nonce ) {
			$this->nonce = bin2hex( random_bytes( 8 ) );
		}
		$placeholder                = self::PREFIX . $this->nonce . ':' . ( ++$this->count ) . '-->';
		$this->held[ $placeholder ] = $html;
		return $placeholder;
	}

	/**
	 * The the_content filter that puts the held HTML back and ends the pass.
	 *
	 * @param mixed $content Filtered post content.
	 * @return mixed
	 */
	public function restore( $content ) {
		if ( $this->open_passes > 0 ) {
			--$this->open_passes;
		}
		$content = $this->expand( $content );
		if ( 0 === $this->open_passes ) {
			// The outermost pass is over: nothing can still hold one of these placeholders.
			$this->held = array();
		}
		return $content;
	}

	/**
	 * $html with every placeholder of this request replaced by its HTML; unknown placeholders
	 * and non-strings are returned as they are.
	 *
	 * @param mixed $html Content that may hold placeholders.
	 * @return mixed
	 */
	public function expand( $html ) {
		if ( ! is_string( $html ) || array() === $this->held || ! str_contains( $html, self::PREFIX ) ) {
			return $html;
		}
		return strtr( $html, $this->held );
	}
}
