<?php
/**
 * Loads the creatives placed in the post being rendered, in one cache read.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Banner;
use Afflux\Cache\BannerRepository;

/**
 * The first banner block of a post reads the creatives of every banner block in that post with
 * one BannerRepository::find_many(); the others take theirs from memory. A post without banner
 * blocks costs nothing.
 */
final class PlacedBanners {

	/**
	 * The repository.
	 *
	 * @var BannerRepository
	 */
	private BannerRepository $banners;

	/**
	 * Creatives already looked up, by "network/banner_id"; null when the cache did not have it.
	 *
	 * @var array<string, Banner|null>
	 */
	private array $looked_up = array();

	/**
	 * Builds the loader.
	 *
	 * @param BannerRepository $banners The repository.
	 */
	public function __construct( BannerRepository $banners ) {
		$this->banners = $banners;
	}

	/**
	 * The creative, or null when the cache does not hold it (or cannot be read).
	 *
	 * @param string $network   Network name.
	 * @param string $banner_id The network's creative id.
	 */
	public function get( string $network, string $banner_id ): ?Banner {
		$key = $network . '/' . $banner_id;
		if ( ! array_key_exists( $key, $this->looked_up ) ) {
			$wanted = array( $key => array( $network, $banner_id ) ) + $this->keys_in_current_post();
			$wanted = array_diff_key( $wanted, $this->looked_up );
			$found  = $this->banners->find_many( array_values( $wanted ) );
			foreach ( array_keys( $wanted ) as $wanted_key ) {
				$this->looked_up[ $wanted_key ] = $found[ $wanted_key ] ?? null;
			}
		}
		return $this->looked_up[ $key ] ?? null;
	}

	/**
	 * The creatives held by the current post's banner blocks.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	private function keys_in_current_post(): array {
		$post = get_post();
		if ( ! $post instanceof \WP_Post || ! str_contains( $post->post_content, '<!-- wp:' . BannerRenderer::BLOCK_NAME ) ) {
			return array();
		}
		return self::keys_in_blocks( parse_blocks( $post->post_content ) );
	}

	/**
	 * The network/banner id pairs of banner blocks, inner blocks included.
	 *
	 * @param array<int|string, mixed> $blocks Blocks from parse_blocks().
	 * @return array<string, array{0: string, 1: string}>
	 */
	public static function keys_in_blocks( array $blocks ): array {
		$keys = array();
		foreach ( $blocks as $block ) {
			if ( ! is_array( $block ) ) {
				continue;
			}
			$attrs = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array();
			if ( BannerRenderer::BLOCK_NAME === ( $block['blockName'] ?? null )
				&& isset( $attrs['network'], $attrs['bannerId'] ) && is_string( $attrs['network'] ) && is_string( $attrs['bannerId'] ) && '' !== $attrs['bannerId'] ) {
				$keys[ $attrs['network'] . '/' . $attrs['bannerId'] ] = array( $attrs['network'], $attrs['bannerId'] );
			}
			if ( isset( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) ) {
				$keys += self::keys_in_blocks( $block['innerBlocks'] );
			}
		}
		return $keys;
	}
}
