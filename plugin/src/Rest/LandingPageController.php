<?php
/**
 * REST endpoint checking a deep-link landing page: GET /afflux/v1/products/{id}/landing-page?url=.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Cache\ProductRepository;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Service;

/**
 * Tells the editor, before the post is saved, whether the programme of a product accepts a
 * landing page: 200 with the URL, or 400 with the reason in plain words (naming the field).
 */
final class LandingPageController extends \WP_REST_Controller implements Service {

	/**
	 * The repository.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $products;

	/**
	 * The rule.
	 *
	 * @var LandingPagePolicy
	 */
	private LandingPagePolicy $policy;

	/**
	 * Builds the controller.
	 *
	 * @param ProductRepository $products The repository.
	 * @param LandingPagePolicy $policy   The rule.
	 */
	public function __construct( ProductRepository $products, LandingPagePolicy $policy ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'products';
		$this->products  = $products;
		$this->policy    = $policy;
	}

	/**
	 * Registers the route when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /products/{id}/landing-page.
	 */
	public function register_routes(): void {
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base . '/(?P<id>\d+)/landing-page',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(
						'id'  => array(
							'description' => __( 'Product id in the cache.', 'afflux' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'required'    => true,
						),
						'url' => array(
							'description' => __( 'The landing page to check.', 'afflux' ),
							'type'        => 'string',
							'required'    => true,
							'maxLength'   => LandingPagePolicy::MAX_LENGTH,
						),
					),
				),
			)
		);
	}

	/**
	 * Only people who can write posts may check landing pages.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return EditorPermission::check();
	}

	/**
	 * The verdict on ?url= for the product's programme.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$id    = (int) $request->get_param( 'id' );
		$url   = trim( (string) $request->get_param( 'url' ) );
		$found = $this->products->find_many( array( $id ) );

		$unavailable = CacheUnavailableError::for_status( $this->products->status() );
		if ( null !== $unavailable ) {
			return $unavailable;
		}
		if ( ! isset( $found[ $id ] ) ) {
			return ProductNotFoundError::create();
		}
		$refusal = $this->policy->refusal( $found[ $id ], $url );
		if ( null !== $refusal ) {
			return new \WP_Error(
				'afflux_landing_page_refused',
				$refusal,
				array(
					'status' => 400,
					'params' => array( 'url' => $refusal ),
				)
			);
		}
		return rest_ensure_response( array( 'url' => esc_url_raw( $url, array( 'http', 'https' ) ) ) );
	}
}
