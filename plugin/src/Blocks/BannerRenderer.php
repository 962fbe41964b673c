<?php
/**
 * Server rendering of the afflux/banner block.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Banner;
use Afflux\Cache\Product;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Links\PlacementHref;
use Afflux\Links\TrackingLinkBuilder;

/**
 * Renders the network's creative chosen in the editor as a tracked, sponsored image link. The
 * link goes through PlacementHref with the block's product and the creative's landing page as
 * a deep link (kept only within the programme's allowed domains, as the /go/ redirect also
 * checks). Without a creative (none chosen, or gone from the cache) the product's image is
 * shown instead; without the product, the saved snapshot as a plain sponsored link.
 */
final class BannerRenderer implements BlockRenderer {

	public const BLOCK_NAME = 'afflux/banner';

	/**
	 * Products of the content being rendered, read in one batch.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * Creatives of the post being rendered, read in one batch.
	 *
	 * @var PlacedBanners
	 */
	private PlacedBanners $banners;

	/**
	 * Builds tracked hrefs.
	 *
	 * @var PlacementHref
	 */
	private PlacementHref $links_for_posts;

	/**
	 * Which deep-link landing pages a programme accepts.
	 *
	 * @var LandingPagePolicy
	 */
	private LandingPagePolicy $landing_pages;

	/**
	 * Builds the renderer.
	 *
	 * @param PlacedProducts         $placed        Products of the content being rendered, and the pass's settings.
	 * @param PlacedBanners          $banners       Creatives of the post being rendered.
	 * @param TrackingLinkBuilder    $links         Fills link templates.
	 * @param LandingPagePolicy|null $landing_pages Deep-link rule; the standard one when null.
	 */
	public function __construct( PlacedProducts $placed, PlacedBanners $banners, TrackingLinkBuilder $links, ?LandingPagePolicy $landing_pages = null ) {
		$this->placed          = $placed;
		$this->banners         = $banners;
		$this->links_for_posts = new PlacementHref( $links );
		$this->landing_pages   = $landing_pages ?? new LandingPagePolicy();
	}

	/**
	 * The banner's HTML; the snapshot link or an HTML comment when it cannot be shown.
	 *
	 * @param array<string, mixed> $attributes placementId, productId, snapshot, network, bannerId, alt.
	 * @param string               $content    Unused: the block is dynamic.
	 * @param \WP_Block|null       $block      The block instance, for its postId context.
	 */
	public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string {
		try {
			$product_id = isset( $attributes['productId'] ) && is_numeric( $attributes['productId'] ) ? (int) $attributes['productId'] : 0;
			$product    = $product_id > 0 ? $this->placed->get( $product_id ) : null;
			if ( null === $product || ! $product->is_active() || '' === $product->landing_url ) {
				return $this->render_snapshot( $attributes );
			}
			$banner = $this->banner( $attributes, $product );
			return $this->render_banner( $product, $banner, $attributes, $block );
		} catch ( \Throwable $error ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the reason goes to the log, not the page.
			error_log( 'Afflux: banner could not be rendered: ' . $error->getMessage() );
			return $this->render_snapshot( $attributes );
		}
	}

	/**
	 * The chosen creative when the cache holds it and it belongs to the product's programme.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param Product              $product    The block's product.
	 */
	private function banner( array $attributes, Product $product ): ?Banner {
		$banner_id = self::text( $attributes, 'bannerId' );
		if ( '' === $banner_id ) {
			return null;
		}
		$banner = $this->banners->get( $product->network, $banner_id );
		if ( null === $banner || $banner->programme_id !== $product->programme_id || '' === esc_url( $banner->image_url, array( 'http', 'https' ) ) ) {
			return null;
		}
		return $banner;
	}

	/**
	 * The image link: the creative, or the product's image.
	 *
	 * @param Product              $product    The block's product.
	 * @param Banner|null          $banner     The creative, null for the product image.
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param \WP_Block|null       $block      The block instance.
	 */
	private function render_banner( Product $product, ?Banner $banner, array $attributes, ?\WP_Block $block ): string {
		$landing = null !== $banner && '' !== $banner->landing_url ? $this->landing_pages->landing_url( $product, $banner->landing_url ) : $product->landing_url;
		$pass    = $this->placed->settings();
		$url     = $this->links_for_posts->url( $product, $landing, BlockPostId::of( $block ), self::text( $attributes, 'placementId' ), self::BLOCK_NAME, $attributes, $pass->utm_template, $pass->links );
		if ( null === $url ) {
			return $this->render_snapshot( $attributes );
		}
		$alt       = trim( self::text( $attributes, 'alt' ) );
		$image_url = esc_url( null !== $banner ? $banner->image_url : $product->image_url, array( 'http', 'https' ) );
		if ( '' === $alt ) {
			$alt = null !== $banner && '' !== trim( $banner->name ) ? $banner->name : $product->title;
		}
		$size  = null !== $banner && null !== $banner->width && null !== $banner->height
			? sprintf( ' width="%d" height="%d"', $banner->width, $banner->height )
			: '';
		$inner = '' !== $image_url
			? sprintf( '<img class="afflux-banner__image" src="%1$s" alt="%2$s"%3$s loading="lazy" decoding="async" />', $image_url, esc_attr( $alt ), $size )
			: '<span class="afflux-banner__text">' . esc_html( $alt ) . '</span>';

		return sprintf(
			'<figure %1$s data-product-id="%2$d"><a class="afflux-banner__link" href="%3$s" rel="sponsored nofollow noopener">%4$s</a><figcaption class="afflux-banner__disclosure">%5$s</figcaption></figure>',
			$this->wrapper_attributes( null === $banner ? 'is-product-image' : 'is-creative' ),
			$product->id,
			esc_url( $url, array( 'http', 'https' ) ),
			$inner,
			esc_html__( 'Advertisement', 'afflux' )
		);
	}

	/**
	 * The editor's snapshot as a plain sponsored link, or an HTML comment without one.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private function render_snapshot( array $attributes ): string {
		$snapshot = is_array( $attributes['snapshot'] ?? null ) ? $attributes['snapshot'] : array();
		$url      = isset( $snapshot['url'] ) && is_string( $snapshot['url'] ) ? esc_url( $snapshot['url'], array( 'http', 'https' ) ) : '';
		if ( '' === $url ) {
			return '<!-- afflux: banner unavailable -->';
		}
		$title = isset( $snapshot['title'] ) && is_string( $snapshot['title'] ) && '' !== trim( $snapshot['title'] ) ? $snapshot['title'] : __( 'View offer', 'afflux' );
		return sprintf( '<p %1$s><a href="%2$s" rel="sponsored nofollow">%3$s</a></p>', $this->wrapper_attributes( 'is-fallback' ), $url, esc_html( $title ) );
	}

	/**
	 * The wrapper's class attribute, with the custom class name and alignment.
	 *
	 * @param string $extra_class Extra class names.
	 */
	private function wrapper_attributes( string $extra_class ): string {
		$attributes = null !== \WP_Block_Supports::$block_to_render && is_array( \WP_Block_Supports::$block_to_render['attrs'] ?? null )
			? \WP_Block_Supports::$block_to_render['attrs']
			: array();
		$classes    = array( 'wp-block-afflux-banner', $extra_class );
		if ( in_array( $attributes['align'] ?? '', array( 'wide', 'center' ), true ) ) {
			$classes[] = 'align' . $attributes['align'];
		}
		if ( isset( $attributes['className'] ) && is_string( $attributes['className'] ) && '' !== trim( $attributes['className'] ) ) {
			$classes[] = trim( $attributes['className'] );
		}
		return sprintf( 'class="%s"', esc_attr( implode( ' ', $classes ) ) );
	}

	/**
	 * A string attribute, '' when absent or not a string.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param string               $key        Attribute name.
	 */
	private static function text( array $attributes, string $key ): string {
		return isset( $attributes[ $key ] ) && is_string( $attributes[ $key ] ) ? $attributes[ $key ] : '';
	}
}
