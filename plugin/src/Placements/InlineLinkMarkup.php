<?php
/**
 * Reads the inline affiliate links of saved block HTML.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

/**
 * The afflux/affiliate-link rich-text format saves <a data-afflux-product="ID"
 * data-afflux-placement="…" href="…">words</a> inside a paragraph, heading or list item.
 */
final class InlineLinkMarkup {

	/**
	 * The format's name, recorded as the block name of its placements.
	 */
	public const FORMAT_NAME = 'afflux/affiliate-link';

	/**
	 * The product and placement ids of every inline link in $html, in order.
	 *
	 * @param string $html Saved block HTML.
	 * @return list<array{product_id: int, placement_id: string}>
	 */
	public static function links( string $html ): array {
		if ( ! preg_match_all( '#<a\s[^>]*\bdata-afflux-product="([0-9]{1,18})"[^>]*>#i', $html, $matches, PREG_SET_ORDER ) ) {
			return array();
		}
		$links = array();
		foreach ( $matches as $match ) {
			$placement = preg_match( '#\bdata-afflux-placement="([A-Za-z0-9]{1,16})"#', $match[0], $found ) ? $found[1] : '';
			$links[]   = array(
				'product_id'   => (int) $match[1],
				'placement_id' => $placement,
			);
		}
		return $links;
	}
}
