<?php
/**
 * REST endpoint listing placements that point to gone products: GET /afflux/v1/links/broken.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Links\GonePlacements;
use Afflux\Service;

/**
 * For administrators only: the list names every post with a dead product, drafts included.
 */
final class LinksController extends \WP_REST_Controller implements Service {

	/**
	 * Builds the controller.
	 *
	 * @param GonePlacements $gone The finder.
	 */
	public function __construct( private readonly GonePlacements $gone ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'links/broken';
	}

	/**
	 * Registers the route when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /links/broken.
	 */
	public function register_routes(): void {
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/links/broken',
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
	 * Only administrators (manage_options) may list them.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return AdminPermission::check( __( 'Sorry, you are not allowed to see the broken affiliate links.', 'afflux' ) );
	}

	/**
	 * The broken placements, each with its post's edit link.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$items = array();
		foreach ( $this->gone->all() as $item ) {
			$item['edit_url'] = (string) get_edit_post_link( $item['post_id'], 'raw' );
			$items[]          = $item;
		}
		return rest_ensure_response( $items );
	}
}
