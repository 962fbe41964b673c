<?php
/**
 * REST endpoint of the sync-health view: GET /afflux/v1/sync-health.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Admin\SyncHealth;
use Afflux\Service;

/**
 * Last run per network and kind, counts, plain-words errors, freshness and stale schedules.
 */
final class SyncHealthController extends \WP_REST_Controller implements Service {

	/**
	 * Builds the controller.
	 *
	 * @param SyncHealth $health The report maker.
	 */
	public function __construct( private readonly SyncHealth $health ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'sync-health';
	}

	/**
	 * Registers the route when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /sync-health.
	 */
	public function register_routes(): void {
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(),
				),
			)
		);
	}

	/**
	 * Administrators only.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return AdminPermission::check( __( 'Sorry, you are not allowed to see the Afflux sync health.', 'afflux' ) );
	}

	/**
	 * The report.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return rest_ensure_response( $this->health->report() );
	}
}
