<?php
/**
 * Loads the products placed in the content being rendered, in one cache read.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Product;
use Afflux\Cache\ProductRepository;
use Afflux\Service;

/**
 * Before the blocks of a post are rendered, collects every product id its afflux/* blocks hold
 * and reads them all with one ProductRepository::find_many(); each card then takes its product
 * from memory. A product not collected beforehand (a card rendered outside the_content) is read
 * together with every other product of the current post, still in one query.
 */
final class PlacedProducts implements Service {

	/**
	 * Runs before do_blocks (priority 9), so the ids are known before the first card renders.
	 */
	public const PREFETCH_PRIORITY = 8;

	/**
	 * The repository.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $products;

	/**
	 * Products already looked up in this request; null when the cache did not have the id.
	 *
	 * @var array<int, Product|null>
	 */
	private array $looked_up = array();

	/**
	 * Builds the batch loader.
	 *
	 * @param ProductRepository $products The repository.
	 */
	public function __construct( ProductRepository $products ) {
		$this->products = $products;
	}

	/**
	 * Reads a post's products before its blocks render.
	 */
	public function init(): void {
		add_filter( 'the_content', array( $this, 'prefetch_for_content' ), self::PREFETCH_PRIORITY );
	}

	/**
	 * The the_content filter: loads the products placed in $content and returns it unchanged.
	 *
	 * @param mixed $content Post content with block comments.
	 * @return mixed The same content.
	 */
	public function prefetch_for_content( $content ) {
		if ( is_string( $content ) && str_contains( $content, '<!-- wp:afflux/' ) ) {
			$this->load( self::ids_in_blocks( parse_blocks( $content ) ) );
		}
		return $content;
	}

	/**
	 * The product with this id, or null when the cache does not hold it (or cannot be read).
	 *
	 * @param int $id Product id from a block attribute.
	 */
	public function get( int $id ): ?Product {
		if ( ! array_key_exists( $id, $this->looked_up ) ) {
			$this->load( array_merge( array( $id ), $this->ids_in_current_post() ) );
		}
		return $this->looked_up[ $id ] ?? null;
	}

	/**
	 * Reads, in one query, the ids not looked up yet.
	 *
	 * @param int[] $ids Product ids.
	 */
	public function load( array $ids ): void {
		$missing = array();
		foreach ( $ids as $id ) {
			if ( $id > 0 && ! array_key_exists( $id, $this->looked_up ) ) {
				$missing[ $id ] = $id;
			}
		}
		if ( array() === $missing ) {
			return;
		}

		$found = $this->products->find_many( array_values( $missing ) );
		foreach ( $missing as $id ) {
			$this->looked_up[ $id ] = $found[ $id ] ?? null;
		}
	}

	/**
	 * The product ids held by afflux/* blocks, inner blocks included: productId on cards,
	 * productIds on lists.
	 *
	 * @param array<int|string, mixed> $blocks Blocks from parse_blocks().
	 * @return int[]
	 */
	public static function ids_in_blocks( array $blocks ): array {
		$ids = array();
		foreach ( $blocks as $block ) {
			if ( ! is_array( $block ) ) {
				continue;
			}
			$name  = isset( $block['blockName'] ) && is_string( $block['blockName'] ) ? $block['blockName'] : '';
			$attrs = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array();
			if ( str_starts_with( $name, 'afflux/' ) ) {
				if ( isset( $attrs['productId'] ) && is_numeric( $attrs['productId'] ) ) {
					$ids[] = (int) $attrs['productId'];
				}
				if ( isset( $attrs['productIds'] ) && is_array( $attrs['productIds'] ) ) {
					foreach ( $attrs['productIds'] as $id ) {
						if ( is_numeric( $id ) ) {
							$ids[] = (int) $id;
						}
					}
				}
			}
			if ( isset( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) ) {
				$ids = array_merge( $ids, self::ids_in_blocks( $block['innerBlocks'] ) );
			}
		}
		return array_values( array_unique( $ids ) );
	}

	/**
	 * The product ids placed in the current global post, if any.
	 *
	 * @return int[]
	 */
	private function ids_in_current_post(): array {
		$post = get_post();
		if ( ! $post instanceof \WP_Post || ! str_contains( $post->post_content, '<!-- wp:afflux/' ) ) {
			return array();
		}
		return self::ids_in_blocks( parse_blocks( $post->post_content ) );
	}
}
