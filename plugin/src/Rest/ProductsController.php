<?php
/**
 * REST endpoints the editor uses to find products: GET /afflux/v1/products and /products/{id}.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Cache\Product;
use Afflux\Cache\ProductRepository;
use Afflux\Cache\ProductSearchFilters;
use Afflux\Money\CommissionFormatter;
use Afflux\Money\PriceFormatter;
use Afflux\Service;

/**
 * Product search and lookup for people who can edit posts. Answers 503 with the reason in
 * plain words when the cache cannot be read.
 */
final class ProductsController extends \WP_REST_Controller implements Service {

	public const ROUTE_NAMESPACE = 'afflux/v1';

	/**
	 * The repository.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $products;

	/**
	 * Formats prices.
	 *
	 * @var PriceFormatter
	 */
	private PriceFormatter $prices;

	/**
	 * Formats commission ranges.
	 *
	 * @var CommissionFormatter
	 */
	private CommissionFormatter $commissions;

	/**
	 * Builds the controller.
	 *
	 * @param ProductRepository $products The repository.
	 * @param PriceFormatter    $prices   Formats prices.
	 */
	public function __construct( ProductRepository $products, PriceFormatter $prices ) {
		$this->namespace   = self::ROUTE_NAMESPACE;
		$this->rest_base   = 'products';
		$this->products    = $products;
		$this->prices      = $prices;
		$this->commissions = new CommissionFormatter( $prices );
	}

	/**
	 * Registers the routes when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /products and GET /products/{id}.
	 */
	public function register_routes(): void {
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => $this->get_collection_params(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . $this->rest_base . '/(?P<id>\d+)',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(
						'id' => array(
							'description' => __( 'Product id in the cache.', 'afflux' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'required'    => true,
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Only people who can write posts may search the catalogue.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return EditorPermission::check();
	}

	/**
	 * Same rule as the search.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return $this->get_items_permissions_check( $request );
	}

	/**
	 * Products matching ?search=, best first (most recent when empty).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$found = $this->products->search(
			(string) $request->get_param( 'search' ),
			(int) $request->get_param( 'per_page' ),
			new ProductSearchFilters(
				(string) $request->get_param( 'network' ),
				(string) $request->get_param( 'merchant' ),
				(bool) $request->get_param( 'in_stock' ),
				(string) $request->get_param( 'orderby' )
			)
		);

		$unavailable = CacheUnavailableError::for_status( $this->products->status() );
		if ( null !== $unavailable ) {
			return $unavailable;
		}

		$items = array();
		foreach ( $found as $product ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $product, $request ) );
		}
		return rest_ensure_response( $items );
	}

	/**
	 * One product by id.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$id    = (int) $request->get_param( 'id' );
		$found = $this->products->find_many( array( $id ) );

		$unavailable = CacheUnavailableError::for_status( $this->products->status() );
		if ( null !== $unavailable ) {
			return $unavailable;
		}
		if ( ! isset( $found[ $id ] ) ) {
			return ProductNotFoundError::create();
		}
		return $this->prepare_item_for_response( $found[ $id ], $request );
	}

	/**
	 * A product as the editor sees it. Strings are network data: the editor must escape them.
	 *
	 * @param Product          $item    Product.
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $item, $request ) {
		return rest_ensure_response(
			array(
				'id'               => $item->id,
				'title'            => $item->title,
				'brand'            => $item->brand,
				'merchant'         => $item->merchant_name,
				'price_minor'      => $item->price_minor,
				'currency'         => $item->currency,
				'price_formatted'  => $this->prices->format( $item->price_minor, $item->currency ),
				'availability'     => $item->availability,
				'image_url'        => esc_url_raw( $item->image_url, array( 'http', 'https' ) ),
				'landing_url'      => esc_url_raw( $item->landing_url, array( 'http', 'https' ) ),
				'network'          => $item->network,
				'programme'        => $item->programme_name,
				'commission'       => $this->commissions->format( $item->commission_type, $item->commission_min, $item->commission_max, $item->programme_currency ),
				'commission_range' => array(
					'type'     => $item->commission_type,
					'min'      => $item->commission_min,
					'max'      => $item->commission_max,
					'currency' => $item->programme_currency,
				),
				'cookie_days'      => $item->cookie_days,
				'validation_days'  => $item->validation_days,
				'promo_code'       => $item->promo_code,
				'status'           => $item->status,
				'checked_at'       => $item->checked_at,
				'price_checked_at' => $item->price_checked_at(),
				'programme_id'     => $item->programme_id,
				'deeplink_enabled' => $item->deeplink_enabled,
				'valid_domains'    => $item->valid_domains,
			)
		);
	}

	/**
	 * The query parameters of the search.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params() {
		return array(
			'search'   => array(
				'description'       => __( 'Words to find in the product title, brand or category; empty lists the newest products.', 'afflux' ),
				'type'              => 'string',
				'default'           => '',
				'maxLength'         => 200,
				'sanitize_callback' => 'sanitize_text_field',
			),
			'per_page' => array(
				'description' => __( 'Maximum number of products to return.', 'afflux' ),
				'type'        => 'integer',
				'default'     => 20,
				'minimum'     => 1,
				'maximum'     => 50,
			),
			'network'  => array(
				'description' => __( 'Only products of this network (adapter name, e.g. awin).', 'afflux' ),
				'type'        => 'string',
				'default'     => '',
				'pattern'     => '^[a-z0-9_]{0,32}$',
			),
			'merchant' => array(
				'description' => __( 'Only products of this merchant: its programme id in the network.', 'afflux' ),
				'type'        => 'string',
				'default'     => '',
				'pattern'     => '^[A-Za-z0-9_.:-]{0,64}$',
			),
			'in_stock' => array(
				'description' => __( 'Only products with an offer in stock.', 'afflux' ),
				'type'        => 'boolean',
				'default'     => false,
			),
			'orderby'  => array(
				'description' => __( 'Order: best match, highest commission on one sale, or lowest price.', 'afflux' ),
				'type'        => 'string',
				'default'     => ProductSearchFilters::SORT_RELEVANCE,
				'enum'        => ProductSearchFilters::SORTS,
			),
		);
	}

	/**
	 * The product's JSON schema.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$nullable_int    = array( 'integer', 'null' );
		$nullable_string = array( 'string', 'null' );
		$this->schema    = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'afflux-product',
			'type'       => 'object',
			'properties' => array(
				'id'               => array(
					'description' => __( 'Product id in the cache; what blocks store.', 'afflux' ),
					'type'        => 'integer',
				),
				'title'            => array( 'type' => 'string' ),
				'brand'            => array( 'type' => 'string' ),
				'merchant'         => array( 'type' => 'string' ),
				'price_minor'      => array(
					'description' => __( 'Price in minor units (cents).', 'afflux' ),
					'type'        => $nullable_int,
				),
				'currency'         => array( 'type' => $nullable_string ),
				'price_formatted'  => array( 'type' => 'string' ),
				'availability'     => array(
					'type' => 'string',
					'enum' => array( 'in_stock', 'out_of_stock', 'preorder', 'backorder', 'unknown' ),
				),
				'image_url'        => array(
					'type'   => 'string',
					'format' => 'uri',
				),
				'landing_url'      => array(
					'type'   => 'string',
					'format' => 'uri',
				),
				'network'          => array( 'type' => 'string' ),
				'programme'        => array( 'type' => $nullable_string ),
				'commission'       => array(
					'description' => __( 'Commission range as people read it, e.g. "5 % – 12,5 %"; empty when unknown.', 'afflux' ),
					'type'        => 'string',
				),
				'commission_range' => array(
					'description' => __( 'Commission range: basis points for a percentage, minor units for a fixed amount.', 'afflux' ),
					'type'        => 'object',
					'properties'  => array(
						'type'     => array( 'type' => $nullable_string ),
						'min'      => array( 'type' => $nullable_int ),
						'max'      => array( 'type' => $nullable_int ),
						'currency' => array( 'type' => $nullable_string ),
					),
				),
				'cookie_days'      => array( 'type' => $nullable_int ),
				'validation_days'  => array( 'type' => $nullable_int ),
				'promo_code'       => array( 'type' => $nullable_string ),
				'status'           => array(
					'type' => 'string',
					'enum' => array( 'active', 'gone' ),
				),
				'checked_at'       => array(
					'description' => __( 'When the network last confirmed the price (ISO 8601, UTC).', 'afflux' ),
					'type'        => 'string',
				),
				'price_checked_at' => array(
					'description' => __( 'When the price was last known to be right: the later of the offer\'s check and the network\'s last successful catalogue sync (ISO 8601, UTC).', 'afflux' ),
					'type'        => 'string',
				),
				'programme_id'     => array( 'type' => 'string' ),
				'deeplink_enabled' => array( 'type' => 'boolean' ),
				'valid_domains'    => array(
					'description' => __( 'Host names a deep-link landing page may use.', 'afflux' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
