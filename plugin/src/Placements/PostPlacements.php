<?php
/**
 * The product links a post's content places.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

use Afflux\Blocks\RowPlacementId;

/**
 * Reads a post's serialized blocks into placement rows: a card's or banner's productId, each
 * chosen row of a product list (with its row placement id), and each inline affiliate link
 * (data-afflux-product and data-afflux-placement). A saved-query list has no fixed products and
 * records none: its rows change with the cache, not with the post.
 */
final class PostPlacements {

	/**
	 * The placements of $content.
	 *
	 * @param string $content Serialized blocks.
	 * @return list<array{placement_id: string, block_name: string, product_id: int}>
	 */
	public static function from_content( string $content ): array {
		if ( ! str_contains( $content, '<!-- wp:afflux/' ) && ! str_contains( $content, 'data-afflux-product=' ) ) {
			return array();
		}
		$rows = array();
		self::collect( parse_blocks( $content ), $rows );
		return array_values( $rows );
	}

	/**
	 * Adds the placements of $blocks (inner blocks included) to $rows, keyed to drop repeats.
	 *
	 * @param array<mixed>                                                                    $blocks Parsed blocks.
	 * @param array<string, array{placement_id: string, block_name: string, product_id: int}> $rows   Found so far.
	 */
	private static function collect( array $blocks, array &$rows ): void {
		foreach ( $blocks as $block ) {
			if ( ! is_array( $block ) ) {
				continue;
			}
			$name  = isset( $block['blockName'] ) && is_string( $block['blockName'] ) ? $block['blockName'] : '';
			$attrs = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array();
			$id    = isset( $attrs['placementId'] ) && is_string( $attrs['placementId'] ) ? $attrs['placementId'] : '';
			if ( str_starts_with( $name, 'afflux/' ) ) {
				if ( isset( $attrs['productId'] ) && is_numeric( $attrs['productId'] ) ) {
					self::add( $rows, $id, $name, (int) $attrs['productId'] );
				}
				if ( 'query' !== ( $attrs['source'] ?? '' ) && isset( $attrs['productIds'] ) && is_array( $attrs['productIds'] ) ) {
					$position = 0;
					$seen     = array();
					foreach ( $attrs['productIds'] as $product_id ) {
						if ( ! is_numeric( $product_id ) || (int) $product_id < 1 || isset( $seen[ (int) $product_id ] ) ) {
							continue;
						}
						$seen[ (int) $product_id ] = true;
						self::add( $rows, RowPlacementId::for_row( $id, ++$position ), $name, (int) $product_id );
					}
				}
			}
			$html = isset( $block['innerHTML'] ) && is_string( $block['innerHTML'] ) ? $block['innerHTML'] : '';
			if ( str_contains( $html, 'data-afflux-product=' ) ) {
				foreach ( InlineLinkMarkup::links( $html ) as $link ) {
					self::add( $rows, $link['placement_id'], InlineLinkMarkup::FORMAT_NAME, $link['product_id'] );
				}
			}
			if ( isset( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) ) {
				self::collect( $block['innerBlocks'], $rows );
			}
		}
	}

	/**
	 * Adds one row when the product id is usable; the placement id is kept only when valid.
	 *
	 * @param array<string, array{placement_id: string, block_name: string, product_id: int}> $rows         Found so far.
	 * @param string                                                                          $placement_id Placement id.
	 * @param string                                                                          $block_name   Block (or format) name.
	 * @param int                                                                             $product_id   Product id.
	 */
	private static function add( array &$rows, string $placement_id, string $block_name, int $product_id ): void {
		if ( $product_id < 1 ) {
			return;
		}
		$placement_id                              = 1 === preg_match( '/^[A-Za-z0-9]{1,16}$/D', $placement_id ) ? $placement_id : '';
		$rows[ $placement_id . '|' . $product_id ] = array(
			'placement_id' => $placement_id,
			'block_name'   => substr( $block_name, 0, 64 ),
			'product_id'   => $product_id,
		);
	}
}
