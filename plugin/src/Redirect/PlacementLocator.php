<?php
/**
 * Finds one Afflux block (or inline affiliate link) in a post's content by its placement id.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Placements\InlineLinkMarkup;

/**
 * A redirect needs one block's attributes, not the whole block tree: look for the placement
 * id's exact attribute text and decode only the block comment around it, which costs one
 * string search rather than parse_blocks() over the whole post.
 *
 * A product list's rows have placement ids of their own (Blocks\RowPlacementId: the list's
 * first 13 characters + "r" + the row number); a row resolves to the list's chosen product at
 * that position. Rows of a saved query resolve to nothing: the query's n-th product at click
 * time may not be the one the reader saw (a page cache can be hours old), so those rows link
 * directly, never through /go/.
 *
 * An inline affiliate link (the afflux/affiliate-link format inside a paragraph, heading…)
 * has no block comment of its own: it is found by its data-afflux-placement attribute and
 * resolves to its data-afflux-product.
 */
final class PlacementLocator {

	/**
	 * A row placement id: the list's (shortened) placement id, "r", the row number (1 to 50).
	 */
	private const ROW_PATTERN = '/^([A-Za-z0-9]{1,13})r([1-9][0-9]?)$/D';

	/**
	 * Characters of the list's placement id a row id keeps.
	 */
	private const ROW_PREFIX_LENGTH = 13;

	/**
	 * Most rows a list renders (Blocks\RowPlacementId::MAX_ROWS).
	 */
	private const MAX_ROWS = 50;

	/**
	 * The block's name and attributes, or null when no Afflux block holds this placement id.
	 * For a list row: the list's name and attributes with productId set to the row's product.
	 *
	 * @param string $content      The post's content (serialized blocks).
	 * @param string $placement_id A valid placement id ([A-Za-z0-9]{1,16}).
	 * @return array{name: string, attributes: array<string, mixed>}|null
	 */
	public static function find( string $content, string $placement_id ): ?array {
		$block = self::scan(
			$content,
			'"placementId":"' . $placement_id . '"',
			static fn ( string $name, array $attributes ): bool => ( $attributes['placementId'] ?? null ) === $placement_id
		);
		if ( null !== $block ) {
			return $block;
		}
		$link = self::inline_link( $content, $placement_id );
		if ( null !== $link ) {
			return $link;
		}
		$row = self::parse_row( $placement_id );
		if ( null === $row ) {
			return null;
		}
		// A list id of 13 characters or fewer is the prefix itself; a longer one starts with it.
		$list = self::scan(
			$content,
			'"placementId":"' . $row['prefix'],
			static fn ( string $name, array $attributes ): bool => self::is_list_of_row( $name, $attributes, $row['prefix'] )
		);
		return null === $list ? null : self::row_block( $list, $row['row'] );
	}

	/**
	 * The inline affiliate link holding $placement_id (Placements\InlineLinkMarkup), as a block
	 * named after the format whose productId is the link's product; null when no link holds it.
	 * Like blocks, one string search and only the link's opening tag is read.
	 *
	 * @param string $content      The post's content.
	 * @param string $placement_id A valid placement id.
	 * @return array{name: string, attributes: array<string, mixed>}|null
	 */
	public static function inline_link( string $content, string $placement_id ): ?array {
		$needle = 'data-afflux-placement="' . $placement_id . '"';
		for ( $at = strpos( $content, $needle ); false !== $at; $at = strpos( $content, $needle, $at + strlen( $needle ) ) ) {
			$open  = strrpos( $content, '<a', $at - strlen( $content ) );
			$close = strpos( $content, '>', $at );
			if ( false === $open || false === $close ) {
				continue;
			}
			foreach ( InlineLinkMarkup::links( substr( $content, $open, $close + 1 - $open ) ) as $link ) {
				if ( $link['placement_id'] === $placement_id && $link['product_id'] > 0 ) {
					return array(
						'name'       => InlineLinkMarkup::FORMAT_NAME,
						'attributes' => array(
							'productId'   => $link['product_id'],
							'placementId' => $placement_id,
						),
					);
				}
			}
		}
		return null;
	}

	/**
	 * The list prefix and row number of a row placement id; null for any other id.
	 *
	 * @param string $placement_id A placement id.
	 * @return array{prefix: string, row: int}|null
	 */
	public static function parse_row( string $placement_id ): ?array {
		if ( 1 !== preg_match( self::ROW_PATTERN, $placement_id, $match ) || (int) $match[2] > self::MAX_ROWS ) {
			return null;
		}
		return array(
			'prefix' => $match[1],
			'row'    => (int) $match[2],
		);
	}

	/**
	 * Whether a block is the product list whose rows start with $prefix.
	 *
	 * @param string               $name       Block name.
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param string               $prefix     A row's list prefix.
	 */
	public static function is_list_of_row( string $name, array $attributes, string $prefix ): bool {
		$id = $attributes['placementId'] ?? null;
		return 'afflux/product-list' === $name && is_string( $id ) && substr( $id, 0, self::ROW_PREFIX_LENGTH ) === $prefix;
	}

	/**
	 * Row $row of a list: the list's attributes with productId set to the chosen product at that
	 * position (repeats dropped, as the list renders them); null for a saved query or a row past
	 * the end.
	 *
	 * @param array{name: string, attributes: array<string, mixed>} $list The list block.
	 * @param int                                                   $row  Row number, from 1.
	 * @return array{name: string, attributes: array<string, mixed>}|null
	 */
	public static function row_block( array $list, int $row ): ?array {
		$attributes = $list['attributes'];
		if ( 'query' === ( $attributes['source'] ?? '' ) ) {
			return null;
		}
		$ids = array();
		foreach ( is_array( $attributes['productIds'] ?? null ) ? $attributes['productIds'] : array() as $id ) {
			if ( is_numeric( $id ) && (int) $id > 0 ) {
				$ids[ (int) $id ] = (int) $id;
			}
		}
		$ids = array_values( $ids );
		if ( ! isset( $ids[ $row - 1 ] ) ) {
			return null;
		}
		// A list has no deep link: the row goes to the product's own page.
		unset( $attributes['landingUrl'] );
		$attributes['productId'] = $ids[ $row - 1 ];
		return array(
			'name'       => $list['name'],
			'attributes' => $attributes,
		);
	}

	/**
	 * The first Afflux block comment holding $needle that $accept takes.
	 *
	 * @param string   $content The post's content.
	 * @param string   $needle  Text inside the block's attributes.
	 * @param \Closure $accept  Whether a decoded block (name, attributes) is the one.
	 * @phpstan-param \Closure(string, array<string, mixed>): bool $accept
	 * @return array{name: string, attributes: array<string, mixed>}|null
	 */
	private static function scan( string $content, string $needle, \Closure $accept ): ?array {
		$at = strpos( $content, $needle );
		for ( ; false !== $at; $at = strpos( $content, $needle, $at + strlen( $needle ) ) ) {
			$open  = strrpos( $content, '<!-- wp:', $at - strlen( $content ) );
			$close = strpos( $content, '-->', $at );
			if ( false === $open || false === $close ) {
				continue;
			}
			$comment = substr( $content, $open, $close + 3 - $open );
			if ( 1 !== preg_match( '#^<!-- wp:(afflux/[a-z0-9-]+) (\{.*\}) /?-->$#sD', $comment, $match ) ) {
				continue;
			}
			$attributes = json_decode( $match[2], true );
			if ( is_array( $attributes ) && $accept( $match[1], $attributes ) ) {
				return array(
					'name'       => $match[1],
					'attributes' => $attributes,
				);
			}
		}
		return null;
	}
}
