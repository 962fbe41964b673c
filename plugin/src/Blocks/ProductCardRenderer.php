<?php
/**
 * Server rendering of the afflux/product-card block.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Product;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Links\PlacementHref;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;

/**
 * Renders a product card from the cache (image, title, price with its age, merchant, promo code
 * and a tracked button) in the layout and with the parts the blogger chose; the disclosure is
 * DisclosureInserter's one notice at the top of the post, not a line per card. When the cache or the product is unavailable it renders the snapshot the editor saved as a plain
 * sponsored link, or nothing; a gone or out-of-stock product follows the unavailable_display
 * setting.
 *
 * The link opens in the same tab: no target="_blank", so the back button and assistive
 * technologies behave as readers expect.
 */
final class ProductCardRenderer implements BlockRenderer {

	public const BLOCK_NAME = 'afflux/product-card';

	public const LAYOUTS = array( 'horizontal', 'vertical', 'compact' );

	/**
	 * Longest promo code shown; longer ones are not codes.
	 */
	private const MAX_PROMO_LENGTH = 40;

	/**
	 * Products of the content being rendered, read in one batch.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * Formats prices.
	 *
	 * @var PriceFormatter
	 */
	private PriceFormatter $prices;

	/**
	 * Which deep-link landing pages a programme accepts.
	 *
	 * @var LandingPagePolicy
	 */
	private LandingPagePolicy $landing_pages;

	/**
	 * Whether a price is recent enough to show.
	 *
	 * @var PriceFreshness
	 */
	private PriceFreshness $freshness;

	/**
	 * Builds the href of a product placed in a post (cloaked or direct, per the settings).
	 *
	 * @var PlacementHref
	 */
	private PlacementHref $links_for_posts;

	/**
	 * The constant strings of labels(), for $labels_locale; null until first needed.
	 *
	 * @var array<string, string>|null
	 */
	private ?array $labels = null;

	/**
	 * Escaped class attributes already built in this request, by class names.
	 *
	 * @var array<string, string>
	 */
	private array $class_attributes = array();

	/**
	 * The locale $labels were translated for.
	 *
	 * @var string
	 */
	private string $labels_locale = '';

	/**
	 * Builds the renderer.
	 *
	 * @param PlacedProducts         $placed        Products of the content being rendered.
	 * @param TrackingLinkBuilder    $links         Fills link templates.
	 * @param PriceFormatter         $prices        Formats prices.
	 * @param Settings               $settings      Site settings.
	 * @param LandingPagePolicy|null $landing_pages Deep-link rule; the standard one when null.
	 * @param PriceFreshness|null    $freshness     Price age rule; the current clock's when null.
	 */
	public function __construct( PlacedProducts $placed, TrackingLinkBuilder $links, PriceFormatter $prices, Settings $settings, ?LandingPagePolicy $landing_pages = null, ?PriceFreshness $freshness = null ) {
		$this->placed          = $placed;
		$this->links_for_posts = new PlacementHref( $links );
		$this->prices          = $prices;
		$this->landing_pages   = $landing_pages ?? new LandingPagePolicy();
		$this->freshness       = $freshness ?? new PriceFreshness( $settings );
	}

	/**
	 * The card's HTML; the snapshot link (or an HTML comment) when the product cannot be shown.
	 *
	 * @param array<string, mixed> $attributes productId (int), placementId (string), snapshot ({title, url}),
	 *                                         layout, showPrice, showMerchant, showImage, buttonText,
	 *                                         promoCode, landingUrl.
	 * @param string               $content    Unused: the block is dynamic.
	 * @param \WP_Block|null       $block      The block instance, for its postId context.
	 */
	public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string {
		try {
			$product_id = isset( $attributes['productId'] ) && is_numeric( $attributes['productId'] ) ? (int) $attributes['productId'] : 0;
			$product    = $product_id > 0 ? $this->placed->get( $product_id ) : null;

			if ( null === $product ) {
				return $this->render_snapshot( $attributes );
			}
			if ( ! $product->is_available() ) {
				return $this->render_unavailable( $product, $attributes, $block );
			}
			return $this->render_card( $product, $attributes, $block, true );
		} catch ( \Throwable $error ) {
			// A reader's page must never break because of a card.
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the reason goes to the log, not the page.
			error_log( 'Afflux: product card could not be rendered: ' . $error->getMessage() );
			return $this->render_snapshot( $attributes );
		}
	}

	/**
	 * A gone or out-of-stock product, as the unavailable_display setting says: nothing, a
	 * replacement from the same GTIN or merchant, or the card marked unavailable.
	 *
	 * @param Product              $product    The product.
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param \WP_Block|null       $block      The block instance.
	 */
	private function render_unavailable( Product $product, array $attributes, ?\WP_Block $block ): string {
		$display = $this->placed->settings()->unavailable_display;
		if ( 'hide' === $display ) {
			return '<!-- afflux: product unavailable -->';
		}
		if ( 'alternative' === $display ) {
			$alternative = $this->placed->alternative_for( $product );
			if ( null !== $alternative ) {
				// The blogger's landing page and promo code belong to the original product.
				return $this->render_card(
					$alternative,
					array_merge(
						$attributes,
						array(
							'landingUrl' => '',
							'promoCode'  => '',
						)
					),
					$block,
					true
				);
			}
		}
		if ( ! $product->is_active() ) {
			return $this->render_snapshot( $attributes, true );
		}
		return $this->render_card( $product, $attributes, $block, false );
	}

	/**
	 * The full card.
	 *
	 * @param Product              $product    The product.
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param \WP_Block|null       $block      The block instance.
	 * @param bool                 $available  Whether the reader can buy it now.
	 */
	private function render_card( Product $product, array $attributes, ?\WP_Block $block, bool $available ): string {
		$pass         = $this->placed->settings();
		$labels       = $this->labels( $pass->locale );
		$post_id      = BlockPostId::of( $block );
		$placement_id = self::text( $attributes, 'placementId' );
		$landing_url  = $this->landing_pages->landing_url( $product, self::text( $attributes, 'landingUrl' ) );
		$url          = $this->links_for_posts->url( $product, $landing_url, $post_id, $placement_id, self::BLOCK_NAME, $attributes, $pass->utm_template, $pass->links ) ?? $this->snapshot_url( $attributes );
		$layout       = in_array( $attributes['layout'] ?? '', self::LAYOUTS, true ) ? (string) $attributes['layout'] : 'horizontal';
		$button_text  = trim( self::text( $attributes, 'buttonText' ) );
		$title        = esc_html( $product->title );

		// Built by concatenation with the constant parts already translated and escaped once per
		// request (labels()): a post with fifty cards otherwise pays each of them fifty times.
		$html = '';
		if ( 'compact' !== $layout && self::flag( $attributes, 'showImage' ) ) {
			$image_url = esc_url( $product->image_url, array( 'http', 'https' ) );
			if ( '' !== $image_url ) {
				// esc_html() and esc_attr() escape alike; the title is escaped once for both uses.
				$html .= '<img class="afflux-card__image" src="' . $image_url . '" alt="' . $title . '" loading="lazy" decoding="async" />';
			}
		}
		$html .= '<div class="afflux-card__body"><p class="afflux-card__title">' . $title . '</p>';
		if ( $available && self::flag( $attributes, 'showPrice' ) ) {
			$html .= $this->price_html( $product, $pass );
		}
		if ( ! $available ) {
			$html .= '<p class="afflux-card__availability is-unavailable">' . $labels['unavailable'] . '</p>';
		} elseif ( isset( $labels[ 'availability_' . $product->availability ] ) ) {
			$html .= '<p class="afflux-card__availability is-' . esc_attr( $product->availability ) . '">' . $labels[ 'availability_' . $product->availability ] . '</p>';
		}
		if ( '' !== $product->merchant_name && self::flag( $attributes, 'showMerchant' ) ) {
			$html .= '<p class="afflux-card__merchant">' . str_replace( array( '%1$s', '%s' ), esc_html( $product->merchant_name ), $labels['sold_by'] ) . '</p>';
		}
		$promo = trim( self::text( $attributes, 'promoCode' ) );
		$html .= $this->promo_html( '' !== $promo ? $promo : (string) $product->promo_code, $labels );
		if ( null !== $url ) {
			$html .= '<a class="afflux-card__button" href="' . esc_url( $url, array( 'http', 'https' ) ) . '" rel="sponsored nofollow noopener">'
				. ( '' !== $button_text ? esc_html( $button_text ) : $labels['view_offer'] ) . '</a>';
		}
		$html .= '</div>';

		return '<div ' . $this->wrapper_attributes( 'afflux-card--' . $layout . ( $available ? '' : ' is-unavailable' ) ) . ' data-product-id="' . $product->id . '">' . $html . '</div>';
	}

	/**
	 * The card's constant strings, translated and escaped once per locale and renderer (one
	 * renderer serves a whole request).
	 *
	 * @param string $locale The pass's locale (PassSettings), which translations follow.
	 * @return array<string, string> Escaped HTML; sold_by holds %s where the escaped shop name goes.
	 */
	private function labels( string $locale ): array {
		if ( null === $this->labels || $this->labels_locale !== $locale ) {
			$this->labels_locale = $locale;
			$this->labels        = array(
				'view_offer'                => esc_html__( 'View offer', 'afflux' ),
				'unavailable'               => esc_html__( 'Unavailable', 'afflux' ),
				/* translators: %s: name of the shop selling the product. */
				'sold_by'                   => esc_html__( 'Sold by %s', 'afflux' ),
				'availability_out_of_stock' => esc_html__( 'Out of stock', 'afflux' ),
				'availability_preorder'     => esc_html__( 'Pre-order', 'afflux' ),
				'availability_backorder'    => esc_html__( 'On back-order', 'afflux' ),
				'promo_label'               => esc_html__( 'Promo code:', 'afflux' ),
				'code_copied'               => esc_attr__( 'Code copied', 'afflux' ),
				'copy_code'                 => esc_html__( 'Copy the code', 'afflux' ),
			);
		}
		return $this->labels;
	}

	/**
	 * The price with its age, or nothing when unknown or older than the maximum age.
	 *
	 * @param Product      $product The product.
	 * @param PassSettings $pass    The pass's price_max_age_hours and locale.
	 */
	private function price_html( Product $product, PassSettings $pass ): string {
		$price = $this->prices->format( $product->price_minor, $product->currency, $pass->locale );
		if ( '' === $price || ! $this->freshness->is_fresh( $product, $pass->price_max_age_hours ) ) {
			return '';
		}
		return '<p class="afflux-card__price">' . esc_html( $price ) . '</p>'
			. '<p class="afflux-card__checked">' . esc_html( $this->freshness->label( $product, $pass->locale ) ) . '</p>';
	}

	/**
	 * The promo code, readable without JavaScript; the copy button is revealed by the view
	 * script only where the browser can copy.
	 *
	 * @param string                $code   Promo code, '' for none.
	 * @param array<string, string> $labels The card's constant strings (labels()).
	 */
	private function promo_html( string $code, array $labels ): string {
		$code = trim( $code );
		if ( '' === $code || mb_strlen( $code ) > self::MAX_PROMO_LENGTH ) {
			return '';
		}
		return '<p class="afflux-card__promo"><span class="afflux-card__promo-label">' . $labels['promo_label'] . '</span> <code class="afflux-card__promo-code">' . esc_html( $code )
			. '</code> <button type="button" class="afflux-card__copy" data-afflux-copy="' . esc_attr( $code ) . '" data-afflux-copied="' . $labels['code_copied'] . '" hidden>' . $labels['copy_code']
			. '</button><span class="afflux-card__copy-status" role="status"></span></p>';
	}

	/**
	 * The editor's saved snapshot as a plain sponsored link, or an HTML comment without one.
	 *
	 * @param array<string, mixed> $attributes  Block attributes.
	 * @param bool                 $unavailable Whether to say the product is unavailable.
	 */
	private function render_snapshot( array $attributes, bool $unavailable = false ): string {
		$url = $this->snapshot_url( $attributes );
		if ( null === $url ) {
			return '<!-- afflux: product unavailable -->';
		}
		$snapshot = is_array( $attributes['snapshot'] ?? null ) ? $attributes['snapshot'] : array();
		$title    = isset( $snapshot['title'] ) && is_string( $snapshot['title'] ) && '' !== trim( $snapshot['title'] )
			? $snapshot['title']
			: __( 'View offer', 'afflux' );

		return sprintf(
			'<p %1$s><a class="afflux-card__link" href="%2$s" rel="sponsored nofollow">%3$s</a>%4$s</p>',
			$this->wrapper_attributes( 'is-fallback' ),
			esc_url( $url, array( 'http', 'https' ) ),
			esc_html( $title ),
			$unavailable ? ' <span class="afflux-card__availability is-unavailable">' . esc_html__( 'Unavailable', 'afflux' ) . '</span>' : ''
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
	 * The wrapper's attributes, with the block supports' classes and styles when rendered by
	 * WordPress; a plain class otherwise (get_block_wrapper_attributes() needs a block being
	 * rendered).
	 *
	 * @param string $extra_class Extra class names.
	 */
	private function wrapper_attributes( string $extra_class ): string {
		// The card's supports are align (wide) and the custom class name only, so the classes are
		// built here: WordPress's generic get_block_wrapper_attributes() runs every registered
		// block support per card and was most of the render time of a 50-card post.
		$attributes = null !== \WP_Block_Supports::$block_to_render && is_array( \WP_Block_Supports::$block_to_render['attrs'] ?? null )
			? \WP_Block_Supports::$block_to_render['attrs']
			: array();
		$classes    = array( 'wp-block-afflux-product-card' );
		if ( 'wide' === ( $attributes['align'] ?? '' ) ) {
			$classes[] = 'alignwide';
		}
		if ( isset( $attributes['className'] ) && is_string( $attributes['className'] ) && '' !== trim( $attributes['className'] ) ) {
			$classes[] = trim( $attributes['className'] );
		}
		if ( '' !== $extra_class ) {
			$classes[] = $extra_class;
		}
		$class = implode( ' ', $classes );
		// A page's cards mostly share their classes: each distinct set is escaped once.
		if ( ! isset( $this->class_attributes[ $class ] ) ) {
			$this->class_attributes[ $class ] = 'class="' . esc_attr( $class ) . '"';
		}
		return $this->class_attributes[ $class ];
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

	/**
	 * A show/hide attribute: shown unless explicitly false.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param string               $key        Attribute name.
	 */
	private static function flag( array $attributes, string $key ): bool {
		return false !== ( $attributes[ $key ] ?? true );
	}
}
