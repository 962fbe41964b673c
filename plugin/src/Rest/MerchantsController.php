<?php
/**
 * REST endpoint listing the merchants the picker can filter by: GET /afflux/v1/merchants.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Cache\ProductRepository;
use Afflux\Service;

/**
 * The joined programmes (one per merchant) of every network, for people who can edit posts.
 * Read from the small programmes table, so it stays cheap on a catalogue of millions.
 */
final class MerchantsController extends \WP_REST_Controller implements Service {

	/**
	 * The repository.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $products;

	/**
	 * Builds the controller.
	 *
	 * @param ProductRepository $products The repository.
	 */
	public function __construct( ProductRepository $products ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'merchants';
		$this->products  = $products;
	}

	/**
	 * Registers the route when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /merchants.
	 */
	public function register_routes(): void {
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array(),
				),
			)
		);
	}

	/**
	 * Only people who can write posts may list merchants.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return EditorPermission::check();
	}

	/**
	 * The merchants: network, programme id (the filter value) and name (network data: escape it).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$programmes = $this->products->programmes();

		$unavailable = CacheUnavailableError::for_status( $this->products->status() );
		if ( null !== $unavailable ) {
			return $unavailable;
		}
		return rest_ensure_response( $programmes );
	}
}
