<?php
/**
 * Server rendering of the afflux/product-list block (list / comparison table).
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Product;
use Afflux\Cache\LinkTarget;
use Afflux\Links\Placement;
use Afflux\Links\PlacementHref;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\SubId;
use Afflux\Links\UtmTemplate;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;

/**
 * Renders chosen products, or a saved query's products, as a comparison table (stacked cards
 * on narrow screens, by the stylesheet) with the columns the blogger chose. Every row links
 * through PlacementHref with its own sub id (RowPlacementId). Chosen products come from the
 * page's single batched cache read; a saved query costs one more query per distinct query.
 * When the cache cannot be read, chosen products fall back to their saved snapshots as plain
 * sponsored links. Commission never appears: it is for the blogger, not the reader. The
 * disclosure is DisclosureInserter's one notice at the top of the post.
 */
final class ProductListRenderer implements BlockRenderer {

	public const BLOCK_NAME = 'afflux/product-list';

	public const COLUMNS = array( 'image', 'title', 'brand', 'price', 'merchant', 'availability', 'button' );

	public const DEFAULT_COLUMNS = array( 'image', 'title', 'price', 'merchant', 'button' );

	/**
	 * Products of the content being rendered, read in one batch.
	 *
	 * @var PlacedProducts
	 */
	private PlacedProducts $placed;

	/**
	 * Builds tracked hrefs.
	 *
	 * @var PlacementHref
	 */
	private PlacementHref $links_for_posts;

	/**
	 * Builds direct tracked URLs (saved-query rows).
	 *
	 * @var PlacementUrlBuilder
	 */
	private PlacementUrlBuilder $direct_urls;

	/**
	 * Formats prices.
	 *
	 * @var PriceFormatter
	 */
	private PriceFormatter $prices;

	/**
	 * Whether a price is recent enough to show.
	 *
	 * @var PriceFreshness
	 */
	private PriceFreshness $freshness;

	/**
	 * Builds the renderer.
	 *
	 * @param PlacedProducts      $placed    Products of the content being rendered.
	 * @param TrackingLinkBuilder $links     Fills link templates.
	 * @param PriceFormatter      $prices    Formats prices.
	 * @param Settings            $settings  Site settings.
	 * @param PriceFreshness|null $freshness Price age rule; the current clock's when null.
	 */
	public function __construct( PlacedProducts $placed, TrackingLinkBuilder $links, PriceFormatter $prices, Settings $settings, ?PriceFreshness $freshness = null ) {
		$this->placed          = $placed;
		$this->links_for_posts = new PlacementHref( $links );
		$this->direct_urls     = new PlacementUrlBuilder( $links );
		$this->prices          = $prices;
		$this->freshness       = $freshness ?? new PriceFreshness( $settings );
	}

	/**
	 * The list's HTML; snapshot links or an HTML comment when nothing can be shown.
	 *
	 * @param array<string, mixed> $attributes placementId, source (chosen|query), productIds, snapshots,
	 *                                         queryOrderby, queryNetwork, queryMerchant, queryCategory,
	 *                                         queryLimit, columns, buttonText.
	 * @param string               $content    Unused: the block is dynamic.
	 * @param \WP_Block|null       $block      The block instance, for its postId context.
	 */
	public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string {
		try {
			$rows = 'query' === ( $attributes['source'] ?? '' )
				? self::query_rows( $this->placed->top( ProductListQuery::from_attributes( $attributes ) ) )
				: $this->chosen_products( $attributes );
			if ( array() === $rows ) {
				return $this->render_snapshots( $attributes );
			}
			return $this->render_table( $rows, $attributes, $block );
		} catch ( \Throwable $error ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the reason goes to the log, not the page.
			error_log( 'Afflux: product list could not be rendered: ' . $error->getMessage() );
			return $this->render_snapshots( $attributes );
		}
	}

	/**
	 * The chosen products in the blogger's order, as the unavailable_display setting says for
	 * the gone or out-of-stock ones: left out, replaced, or kept and marked unavailable.
	 *
	 * Each row keeps its position among the chosen products as its row number, even when an
	 * earlier product is left out: the /go/ redirect resolves row n to productIds[n-1]
	 * (Redirect\PlacementLocator), so a row's number must not shift with the cache.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @return list<array{0: Product, 1: bool, 2: int}> Product, whether it can be bought now, row number.
	 */
	private function chosen_products( array $attributes ): array {
		$display = $this->placed->settings()->unavailable_display;
		$rows    = array();
		foreach ( self::product_ids( $attributes ) as $index => $id ) {
			$product = $this->placed->get( $id );
			if ( null === $product ) {
				continue;
			}
			if ( $product->is_available() ) {
				$rows[] = array( $product, true, $index + 1 );
				continue;
			}
			if ( 'alternative' === $display ) {
				$alternative = $this->placed->alternative_for( $product );
				if ( null !== $alternative ) {
					$rows[] = array( $alternative, true, $index + 1 );
					continue;
				}
			}
			if ( 'hide' !== $display && $product->is_active() ) {
				$rows[] = array( $product, false, $index + 1 );
			}
		}
		return $rows;
	}

	/**
	 * A saved query's products as rows, numbered in order.
	 *
	 * @param Product[] $products The query's products.
	 * @return list<array{0: Product, 1: bool, 2: int}>
	 */
	private static function query_rows( array $products ): array {
		$rows = array();
		foreach ( $products as $index => $product ) {
			$rows[] = array( $product, true, $index + 1 );
		}
		return $rows;
	}

	/**
	 * The table.
	 *
	 * @param list<array{0: Product, 1: bool, 2: int}> $rows       Product, availability, row number.
	 * @param array<string, mixed>                     $attributes Block attributes.
	 * @param \WP_Block|null                           $block      The block instance.
	 */
	private function render_table( array $rows, array $attributes, ?\WP_Block $block ): string {
		$columns      = self::columns( $attributes );
		$post_id      = BlockPostId::of( $block );
		$placement_id = is_string( $attributes['placementId'] ?? null ) ? $attributes['placementId'] : '';
		$button_text  = is_string( $attributes['buttonText'] ?? null ) ? trim( $attributes['buttonText'] ) : '';
		$button_text  = esc_html( '' !== $button_text ? $button_text : __( 'View offer', 'afflux' ) );
		$pass         = $this->placed->settings();
		$utm_template = $pass->utm_template;
		$headers      = self::headers();

		$head  = '';
		$cells = array();
		foreach ( $columns as $column ) {
			$label = esc_html( $headers[ $column ] );
			// Image and button columns need a name for screen readers, not a visible one.
			$head .= in_array( $column, array( 'image', 'button' ), true )
				? '<th scope="col"><span class="afflux-visually-hidden">' . $label . '</span></th>'
				: '<th scope="col">' . $label . '</th>';
			// Each cell's opening tag is the same on every row: escaped once per list.
			$cells[ $column ] = '<td class="afflux-list__' . esc_attr( $column ) . '" data-label="' . esc_attr( $headers[ $column ] ) . '">';
		}

		$body       = '';
		$from_query = 'query' === ( $attributes['source'] ?? '' );
		foreach ( array_slice( $rows, 0, RowPlacementId::MAX_ROWS ) as $row ) {
			list( $product, $available, $number ) = $row;
			$row_id                               = RowPlacementId::for_row( $placement_id, $number );
			$url                                  = null;
			if ( $available ) {
				// A saved query's row links directly even in cloaked mode: /go/ could only re-run
				// the query at click time and might send the reader to another product.
				$url = $from_query
					? $this->direct_url( $product, $post_id, $row_id, $attributes, $utm_template )
					: $this->links_for_posts->url( $product, $product->landing_url, $post_id, $row_id, self::BLOCK_NAME, $attributes, $utm_template, $pass->links );
			}

			$body .= '<tr class="afflux-list__row' . ( $available ? '' : ' is-unavailable' ) . '" data-product-id="' . $product->id . '">';
			// Escaped once for the image's alt text, the name and the button's hidden label.
			$title = esc_html( $product->title );
			foreach ( $columns as $column ) {
				$body .= $cells[ $column ] . $this->cell( $column, $product, $title, $available, $url, $button_text, $pass ) . '</td>';
			}
			$body .= '</tr>';
		}

		return '<div ' . $this->wrapper_attributes() . '><table class="afflux-list__table"><thead><tr>' . $head . '</tr></thead><tbody>' . $body . '</tbody></table></div>';
	}

	/**
	 * The direct tracked URL of a row, whatever the link mode (PlacementHref's direct branch).
	 *
	 * @param Product              $product       The row's product.
	 * @param int                  $post_id       The post.
	 * @param string               $row_id        The row's placement id.
	 * @param array<string, mixed> $attributes    Block attributes (utmTemplate).
	 * @param string               $site_template The site's UTM template.
	 */
	private function direct_url( Product $product, int $post_id, string $row_id, array $attributes, string $site_template ): ?string {
		return $this->direct_urls->build(
			LinkTarget::from_product( $product ),
			new Placement(
				new SubId( $post_id, $row_id ),
				$post_id > 0 ? (string) get_post_field( 'post_name', $post_id ) : '',
				self::BLOCK_NAME,
				UtmTemplate::for_block( $attributes['utmTemplate'] ?? null, $site_template )
			)
		);
	}

	/**
	 * One cell's content, escaped.
	 *
	 * @param string       $column      Column name.
	 * @param Product      $product     The row's product.
	 * @param string       $title       The product's title, escaped.
	 * @param bool         $available   Whether it can be bought now.
	 * @param string|null  $url         The row's tracked href.
	 * @param string       $button_text Button label, escaped.
	 * @param PassSettings $pass        The pass's settings.
	 */
	private function cell( string $column, Product $product, string $title, bool $available, ?string $url, string $button_text, PassSettings $pass ): string {
		switch ( $column ) {
			case 'image':
				$image_url = esc_url( $product->image_url, array( 'http', 'https' ) );
				// esc_html() and esc_attr() escape alike, so the one escaped title serves as alt text.
				return '' === $image_url ? '' : '<img src="' . $image_url . '" alt="' . $title . '" loading="lazy" decoding="async" />';
			case 'title':
				return '<span class="afflux-list__name">' . $title . '</span>';
			case 'brand':
				return esc_html( $product->brand );
			case 'price':
				return $available ? $this->price_html( $product, $pass ) : '';
			case 'merchant':
				return esc_html( $product->merchant_name );
			case 'availability':
				return esc_html( $available ? $this->availability_label( $product->availability ) : __( 'Unavailable', 'afflux' ) );
			case 'button':
				if ( null === $url ) {
					return $available ? '' : esc_html__( 'Unavailable', 'afflux' );
				}
				// The product's name, for screen readers, tells the row's identical buttons apart.
				return sprintf(
					'<a class="afflux-list__button" href="%1$s" rel="sponsored nofollow noopener">%2$s<span class="afflux-visually-hidden">: %3$s</span></a>',
					esc_url( $url, array( 'http', 'https' ) ),
					$button_text,
					$title
				);
		}
		return '';
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
		return '<span class="afflux-list__amount">' . esc_html( $price ) . '</span> <small class="afflux-list__checked">' . esc_html( $this->freshness->label( $product, $pass->locale ) ) . '</small>';
	}

	/**
	 * The saved snapshots as a plain list of sponsored links, or an HTML comment.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private function render_snapshots( array $attributes ): string {
		$snapshots = is_array( $attributes['snapshots'] ?? null ) ? $attributes['snapshots'] : array();
		$items     = '';
		foreach ( $snapshots as $snapshot ) {
			if ( ! is_array( $snapshot ) ) {
				continue;
			}
			$url   = isset( $snapshot['url'] ) && is_string( $snapshot['url'] ) ? esc_url( $snapshot['url'], array( 'http', 'https' ) ) : '';
			$title = isset( $snapshot['title'] ) && is_string( $snapshot['title'] ) ? trim( $snapshot['title'] ) : '';
			if ( '' === $url ) {
				continue;
			}
			$items .= sprintf(
				'<li><a href="%1$s" rel="sponsored nofollow">%2$s</a></li>',
				$url,
				esc_html( '' !== $title ? $title : __( 'View offer', 'afflux' ) )
			);
		}
		if ( '' === $items ) {
			return '<!-- afflux: no product to list -->';
		}
		return sprintf( '<div %1$s><ul class="afflux-list__fallback">%2$s</ul></div>', $this->wrapper_attributes( 'is-fallback' ), $items );
	}

	/**
	 * The chosen product ids, in order, without repeats.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @return list<int>
	 */
	private static function product_ids( array $attributes ): array {
		$ids = array();
		foreach ( is_array( $attributes['productIds'] ?? null ) ? $attributes['productIds'] : array() as $id ) {
			if ( is_numeric( $id ) && (int) $id > 0 ) {
				$ids[ (int) $id ] = (int) $id;
			}
		}
		return array_values( $ids );
	}

	/**
	 * The chosen columns in the standard order; the defaults when none is valid.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @return list<string>
	 */
	private static function columns( array $attributes ): array {
		$chosen  = is_array( $attributes['columns'] ?? null ) ? $attributes['columns'] : array();
		$columns = array_values( array_filter( self::COLUMNS, static fn ( string $column ): bool => in_array( $column, $chosen, true ) ) );
		return array() === $columns ? self::DEFAULT_COLUMNS : $columns;
	}

	/**
	 * Column headers, translated.
	 *
	 * @return array<string, string>
	 */
	private static function headers(): array {
		return array(
			'image'        => __( 'Image', 'afflux' ),
			'title'        => __( 'Product', 'afflux' ),
			'brand'        => __( 'Brand', 'afflux' ),
			'price'        => __( 'Price', 'afflux' ),
			'merchant'     => __( 'Merchant', 'afflux' ),
			'availability' => __( 'Availability', 'afflux' ),
			'button'       => __( 'Offer', 'afflux' ),
		);
	}

	/**
	 * A short label for an offer's availability.
	 *
	 * @param string $availability Offer availability from the cache.
	 */
	private function availability_label( string $availability ): string {
		switch ( $availability ) {
			case 'in_stock':
				return __( 'In stock', 'afflux' );
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
	 * The wrapper's class attribute (align wide/full and the custom class name), built here for
	 * the same reason as the card's: the generic block supports cost too much per block.
	 *
	 * @param string $extra_class Extra class names.
	 */
	private function wrapper_attributes( string $extra_class = '' ): string {
		$attributes = null !== \WP_Block_Supports::$block_to_render && is_array( \WP_Block_Supports::$block_to_render['attrs'] ?? null )
			? \WP_Block_Supports::$block_to_render['attrs']
			: array();
		$classes    = array( 'wp-block-afflux-product-list' );
		if ( in_array( $attributes['align'] ?? '', array( 'wide', 'full' ), true ) ) {
			$classes[] = 'align' . $attributes['align'];
		}
		if ( isset( $attributes['className'] ) && is_string( $attributes['className'] ) && '' !== trim( $attributes['className'] ) ) {
			$classes[] = trim( $attributes['className'] );
		}
		if ( '' !== $extra_class ) {
			$classes[] = $extra_class;
		}
		return sprintf( 'class="%s"', esc_attr( implode( ' ', $classes ) ) );
	}
}
