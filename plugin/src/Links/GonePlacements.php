<?php
/**
 * Finds the placements whose product has left its network's feed.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

use Afflux\Cache\LinkTargetRepository;

/**
 * Scans the posts holding Afflux blocks (one query, filtered on the block comment) and asks
 * the cache in one read which of their products are gone, so the admin can fix the post
 * before relying on /go/'s fallback.
 */
final class GonePlacements {

	/**
	 * Posts scanned at most, newest first.
	 */
	private const MAX_POSTS = 2000;

	/**
	 * Builds the finder.
	 *
	 * @param LinkTargetRepository $targets The cache's link reader.
	 */
	public function __construct( private readonly LinkTargetRepository $targets ) {
	}

	/**
	 * The broken placements, newest post first.
	 *
	 * @return list<array{post_id: int, post_title: string, post_status: string, placement_id: string, block: string, product_id: int, product_title: string, network: string, merchant: string}>
	 */
	public function all(): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- an admin report over post content; no API filters on block names.
		$posts = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT ID, post_title, post_status, post_content FROM {$wpdb->posts}
				 WHERE post_type <> 'revision' AND post_status NOT IN ('trash', 'auto-draft', 'inherit')
				   AND post_content LIKE %s
				 ORDER BY ID DESC LIMIT %d",
				'%' . $wpdb->esc_like( '<!-- wp:afflux/' ) . '%',
				self::MAX_POSTS
			),
			'ARRAY_A'
		);

		$placements = array();
		foreach ( (array) $posts as $post ) {
			foreach ( self::afflux_blocks( parse_blocks( (string) $post['post_content'] ) ) as $block ) {
				$placements[] = array( $post, $block );
			}
		}
		$gone = $this->targets->gone_among( array_map( static fn ( array $pair ): int => $pair[1]['product_id'], $placements ) );

		$broken = array();
		foreach ( $placements as list( $post, $block ) ) {
			$target = $gone[ $block['product_id'] ] ?? null;
			if ( null === $target ) {
				continue;
			}
			$broken[] = array(
				'post_id'       => (int) $post['ID'],
				'post_title'    => (string) $post['post_title'],
				'post_status'   => (string) $post['post_status'],
				'placement_id'  => $block['placement_id'],
				'block'         => $block['name'],
				'product_id'    => $target->product_id,
				'product_title' => $target->title,
				'network'       => $target->network,
				'merchant'      => $target->merchant_name,
			);
		}
		return $broken;
	}

	/**
	 * The Afflux blocks with a product, at any depth.
	 *
	 * @param array<int|string, mixed> $blocks Parsed blocks.
	 * @return list<array{name: string, placement_id: string, product_id: int}>
	 */
	private static function afflux_blocks( array $blocks ): array {
		$found = array();
		foreach ( $blocks as $block ) {
			if ( ! is_array( $block ) ) {
				continue;
			}
			$name  = is_string( $block['blockName'] ?? null ) ? $block['blockName'] : '';
			$attrs = is_array( $block['attrs'] ?? null ) ? $block['attrs'] : array();
			if ( str_starts_with( $name, 'afflux/' ) && isset( $attrs['productId'] ) && is_numeric( $attrs['productId'] ) ) {
				$found[] = array(
					'name'         => $name,
					'placement_id' => is_string( $attrs['placementId'] ?? null ) ? $attrs['placementId'] : '',
					'product_id'   => (int) $attrs['productId'],
				);
			}
			if ( is_array( $block['innerBlocks'] ?? null ) && array() !== $block['innerBlocks'] ) {
				$found = array_merge( $found, self::afflux_blocks( $block['innerBlocks'] ) );
			}
		}
		return $found;
	}
}
