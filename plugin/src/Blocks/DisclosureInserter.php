<?php
/**
 * Puts the disclosure notice at the top of posts that show Afflux links.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Service;

/**
 * After the blocks of a post have rendered, prepends the disclosure notice when the HTML holds
 * an Afflux sponsored link and no notice of the blogger's own. Done at render time, never by
 * editing the post, so the notice follows the setting, the blogger's own placement wins, and a
 * post whose cards all fell back to nothing gets no notice for links it does not show. It is the
 * post's one disclosure: cards and lists print none of their own, so a reader sees it once, first.
 */
final class DisclosureInserter implements Service {

	/**
	 * After do_blocks (9), wptexturize (10) and do_shortcode (11).
	 */
	public const PRIORITY = 12;

	/**
	 * Renders the notice.
	 *
	 * @var DisclosureRenderer
	 */
	private DisclosureRenderer $notice;

	/**
	 * Holds the cards' HTML away from the text filters; the check must see it.
	 *
	 * @var VerbatimBlockHtml|null
	 */
	private ?VerbatimBlockHtml $verbatim;

	/**
	 * Builds the inserter.
	 *
	 * @param DisclosureRenderer     $notice   Renders the notice.
	 * @param VerbatimBlockHtml|null $verbatim Holds the blocks' HTML during the_content, if wired.
	 */
	public function __construct( DisclosureRenderer $notice, ?VerbatimBlockHtml $verbatim = null ) {
		$this->notice   = $notice;
		$this->verbatim = $verbatim;
	}

	/**
	 * Hooks the_content, and block widgets' content (cards print no disclosure of their own).
	 */
	public function init(): void {
		add_filter( 'the_content', array( $this, 'prepend_disclosure' ), self::PRIORITY );
		add_filter( 'widget_block_content', array( $this, 'prepend_disclosure' ), self::PRIORITY );
	}

	/**
	 * The rendered content with the notice first when it needs one.
	 *
	 * @param mixed $html Rendered post content.
	 * @return mixed
	 */
	public function prepend_disclosure( $html ) {
		// At this priority the cards and lists are still placeholders (VerbatimBlockHtml).
		$shown = null === $this->verbatim ? $html : $this->verbatim->expand( $html );
		if ( ! is_string( $html ) || ! is_string( $shown ) || ! self::needs_disclosure( $shown ) ) {
			return $html;
		}
		return $this->notice->render( array() ) . "\n" . $html;
	}

	/**
	 * Whether rendered HTML shows an Afflux sponsored link and no disclosure notice.
	 *
	 * @param string $html Rendered post content.
	 */
	public static function needs_disclosure( string $html ): bool {
		if ( ! str_contains( $html, 'rel="sponsored' ) || str_contains( $html, 'wp-block-afflux-disclosure' ) ) {
			return false;
		}
		return str_contains( $html, 'wp-block-afflux-' ) || str_contains( $html, 'data-afflux-product' );
	}
}
