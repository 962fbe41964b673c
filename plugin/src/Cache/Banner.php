<?php
/**
 * A network's creative (banner) as the plugin shows it.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * One row of the cache's banners table. Every string is network data: escape on output.
 */
final class Banner {

	/**
	 * Builds a banner.
	 *
	 * @param string   $network      Adapter name.
	 * @param string   $banner_id    The network's creative id.
	 * @param string   $programme_id The advertiser.
	 * @param string   $name         Creative name, may be empty.
	 * @param int|null $width        Width in pixels.
	 * @param int|null $height       Height in pixels.
	 * @param string   $image_url    Image URL as the network gave it (unchecked).
	 * @param string   $landing_url  Where the creative leads on the merchant's site.
	 */
	public function __construct(
		public readonly string $network,
		public readonly string $banner_id,
		public readonly string $programme_id,
		public readonly string $name,
		public readonly ?int $width,
		public readonly ?int $height,
		public readonly string $image_url,
		public readonly string $landing_url
	) {
	}

	/**
	 * Builds a banner from a row of the banners table.
	 *
	 * @param array<string, mixed> $row Column name => value.
	 */
	public static function from_row( array $row ): self {
		$text = static fn ( string $key ): string => isset( $row[ $key ] ) && is_scalar( $row[ $key ] ) ? (string) $row[ $key ] : '';
		$int  = static fn ( string $key ): ?int => isset( $row[ $key ] ) && is_numeric( $row[ $key ] ) && (int) $row[ $key ] > 0 ? (int) $row[ $key ] : null;
		return new self( $text( 'network' ), $text( 'banner_id' ), $text( 'programme_id' ), $text( 'name' ), $int( 'width' ), $int( 'height' ), $text( 'image_url' ), $text( 'landing_url' ) );
	}

	/**
	 * "728×90", or '' when the size is unknown.
	 */
	public function size(): string {
		return null !== $this->width && null !== $this->height ? $this->width . '×' . $this->height : '';
	}
}
