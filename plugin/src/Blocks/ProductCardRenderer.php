<?php
/**
 * Server rendering of the afflux/product-card block.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Product;
use Afflux\Links\SubId;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Links\UtmTemplate;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;

/**
 * Renders a product card from the cache (image, title, price, merchant, a tracked "View offer"
 * button and the disclosure). When the cache or the product is unavailable it renders the
 * snapshot the editor saved as a plain sponsored link, or nothing.
 *
 * The link opens in the same tab: no target="_blank", so the back button and assistive
 * technologies behave as readers expect.
 */
final class ProductCardRenderer implements BlockRenderer {

	public const BLOCK_NAME = 'afflux/product-card';

	/**
	 * Products of the content being rendered, read in one batch.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * Fills link templates.
	 *
	 * @var TrackingLinkBuilder
	 */
	private TrackingLinkBuilder $links;

	/**
	 * Formats prices.
	 *
	 * @var PriceFormatter
	 */
	private PriceFormatter $prices;

	/**
	 * Site settings (UTM template, disclosure).
	 *
	 * @var Settings
	 */
	private Settings $settings;

	/**
	 * The site's host name for {site}, read once per request.
	 *
	 * @var string|null
	 */
	private ?string $site_host = null;

	/**
	 * Builds the renderer.
	 *
	 * @param PlacedProducts      $placed   Products of the content being rendered.
	 * @param TrackingLinkBuilder $links    Fills link templates.
	 * @param PriceFormatter      $prices   Formats prices.
	 * @param Settings            $settings Site settings.
	 */
	public function __construct( PlacedProducts $placed, TrackingLinkBuilder $links, PriceFormatter $prices, Settings $settings ) {
		$this->placed   = $placed;
		$this->links    = $links;
		$this->prices   = $prices;
		$this->settings = $settings;
	}

	/**
	 * The card's HTML; the snapshot link (or an HTML comment) when the product cannot be shown.
	 *
	 * @param array<string, mixed> $attributes productId (int), placementId (string), snapshot ({title, url}).
	 * @param string               $content    Unused: the block is dynamic.
	 * @param \WP_Block|null       $block      The block instance, for its postId context.
	 */
	public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string {
		try {
			$product_id = isset( $attributes['productId'] ) && is_numeric( $attributes['productId'] ) ? (int) $attributes['productId'] : 0;
			$product    = $product_id > 0 ? $this->placed->get( $product_id ) : null;

			if ( null === $product || ! $product->is_active() ) {
				return $this->render_snapshot( $attributes );
			}
			return $this->render_card( $product, $attributes, $block );
		} catch ( \Throwable $error ) {
			// A reader's page must never break because of a card.
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the reason goes to the log, not the page.
			error_log( 'Afflux: product card could not be rendered: ' . $error->getMessage() );
			return $this->render_snapshot( $attributes );
		}
	}

	/**
	 * The full card.
	 *
	 * @param Product              $product    The product.
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param \WP_Block|null       $block      The block instance.
	 */
	private function render_card( Product $product, array $attributes, ?\WP_Block $block ): string {
		$post_id      = $this->post_id( $block );
		$placement_id = isset( $attributes['placementId'] ) && is_string( $attributes['placementId'] ) ? $attributes['placementId'] : '';
		$url          = $this->tracked_url( $product, $post_id, $placement_id ) ?? $this->snapshot_url( $attributes );
		$image_url    = esc_url( $product->image_url, array( 'http', 'https' ) );
		$price        = $this->prices->format( $product->price_minor, $product->currency );
		$availability = $this->availability_label( $product->availability );

		$html = '';
		if ( '' !== $image_url ) {
			$html .= sprintf(
				'<img class="afflux-card__image" src="%1$s" alt="%2$s" loading="lazy" decoding="async" />',
				$image_url,
				esc_attr( $product->title )
			);
		}
		$html .= '<div class="afflux-card__body">';
		$html .= '<p class="afflux-card__title">' . esc_html( $product->title ) . '</p>';
		if ( '' !== $price ) {
			$html .= '<p class="afflux-card__price">' . esc_html( $price ) . '</p>';
		}
		if ( '' !== $availability ) {
			$html .= sprintf(
				'<p class="afflux-card__availability is-%1$s">%2$s</p>',
				esc_attr( $product->availability ),
				esc_html( $availability )
			);
		}
		if ( '' !== $product->merchant_name ) {
			$html .= '<p class="afflux-card__merchant">' . esc_html(
				sprintf(
					/* translators: %s: name of the shop selling the product. */
					__( 'Sold by %s', 'afflux' ),
					$product->merchant_name
				)
			) . '</p>';
		}
		if ( null !== $url ) {
			$html .= sprintf(
				'<a class="afflux-card__button" href="%1$s" rel="sponsored nofollow noopener">%2$s</a>',
				esc_url( $url, array( 'http', 'https' ) ),
				esc_html__( 'View offer', 'afflux' )
			);
		}
		$html .= '<p class="afflux-card__disclosure">' . esc_html( $this->settings->disclosure_text() ) . '</p>';
		$html .= '</div>';

		return sprintf(
			'<div %1$s data-product-id="%2$d">%3$s</div>',
			$this->wrapper_attributes( '' ),
			$product->id,
			$html
		);
	}

	/**
	 * The editor's saved snapshot as a plain sponsored link, or an HTML comment without one.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private function render_snapshot( array $attributes ): string {
		$url = $this->snapshot_url( $attributes );
		if ( null === $url ) {
			return '<!-- afflux: product unavailable -->';
		}
		$snapshot = is_array( $attributes['snapshot'] ?? null ) ? $attributes['snapshot'] : array();
		$title    = isset( $snapshot['title'] ) && is_string( $snapshot['title'] ) && '' !== trim( $snapshot['title'] )
			? $snapshot['title']
			: __( 'View offer', 'afflux' );

		return sprintf(
			'<p %1$s><a class="afflux-card__link" href="%2$s" rel="sponsored nofollow">%3$s</a></p>',
			$this->wrapper_attributes( 'is-fallback' ),
			esc_url( $url, array( 'http', 'https' ) ),
			esc_html( $title )
		);
	}

	/**
	 * The snapshot's URL when it is an http(s) URL.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private function snapshot_url( array $attributes ): ?string {
		$snapshot = is_array( $attributes['snapshot'] ?? null ) ? $attributes['snapshot'] : array();
		$url      = isset( $snapshot['url'] ) && is_string( $snapshot['url'] ) ? $snapshot['url'] : '';
		return '' !== esc_url( $url, array( 'http', 'https' ) ) ? $url : null;
	}

	/**
	 * The tracked URL: the network's link template filled for this placement; else the ready
	 * tracking URL the network handed out; else the landing page with the UTM parameters.
	 * Null when a template exists but refuses to build (wrong host, bad landing URL).
	 *
	 * @param Product $product      The product.
	 * @param int     $post_id      The post holding the card.
	 * @param string  $placement_id The block's placement id.
	 */
	private function tracked_url( Product $product, int $post_id, string $placement_id ): ?string {
		$utm = ( new UtmTemplate( $this->settings->utm_template() ) )->expand(
			array(
				'site'      => $this->site_host ??= (string) wp_parse_url( home_url(), PHP_URL_HOST ),
				'post_slug' => $post_id > 0 ? (string) get_post_field( 'post_name', $post_id ) : '',
				'post_id'   => $post_id > 0 ? (string) $post_id : '',
				'block'     => UtmTemplate::block_short_name( self::BLOCK_NAME ),
				'network'   => $product->network,
				'merchant'  => $product->merchant_name,
			)
		);

		if ( null !== $product->link_template && null !== $product->tracking_host && '' !== $product->landing_url ) {
			return $this->links->build(
				$product->link_template,
				$product->tracking_host,
				$product->landing_url,
				$utm,
				( new SubId( $post_id, $placement_id ) )->to_string()
			);
		}
		if ( null !== $product->tracking_url ) {
			return $product->tracking_url;
		}
		if ( '' !== $product->landing_url ) {
			return $this->links->with_utm( $product->landing_url, $utm );
		}
		return null;
	}

	/**
	 * The post the card belongs to: the block's postId context, else the current post.
	 *
	 * @param \WP_Block|null $block The block instance.
	 */
	private function post_id( ?\WP_Block $block ): int {
		if ( null !== $block && isset( $block->context['postId'] ) && is_numeric( $block->context['postId'] ) ) {
			return (int) $block->context['postId'];
		}
		$id = get_the_ID();
		return false === $id ? 0 : (int) $id;
	}

	/**
	 * A short label for availabilities worth telling the reader about; '' otherwise.
	 *
	 * @param string $availability Offer availability from the cache.
	 */
	private function availability_label( string $availability ): string {
		switch ( $availability ) {
			case 'out_of_stock':
				return __( 'Out of stock', 'afflux' );
			case 'preorder':
				return __( 'Pre-order', 'afflux' );
			case 'backorder':
				return __( 'On back-order', 'afflux' );
			default:
				return '';
		}
	}

	/**
	 * The wrapper's attributes, with the block supports' classes and styles when rendered by
	 * WordPress; a plain class otherwise (get_block_wrapper_attributes() needs a block being
	 * rendered).
	 *
	 * @param string $extra_class Extra class names.
	 */
	private function wrapper_attributes( string $extra_class ): string {
		if ( null !== \WP_Block_Supports::$block_to_render ) {
			return get_block_wrapper_attributes( '' !== $extra_class ? array( 'class' => $extra_class ) : array() );
		}
		return sprintf( 'class="%s"', esc_attr( trim( 'wp-block-afflux-product-card ' . $extra_class ) ) );
	}
}
