<?php
/**
 * REST endpoints of the earnings views: GET /afflux/v1/earnings and /earnings/posts/{id}.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Earnings\EarningsReport;
use Afflux\Service;

/**
 * The dashboard (administrators) and one post's figures (whoever may edit that post).
 */
final class EarningsController extends \WP_REST_Controller implements Service {

	private const DAY_PATTERN = '^\d{4}-\d{2}-\d{2}$';

	/**
	 * Builds the controller.
	 *
	 * @param EarningsReport $report The report maker.
	 */
	public function __construct( private readonly EarningsReport $report ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'earnings';
	}

	/**
	 * Registers the routes when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /earnings and GET /earnings/posts/{id}.
	 */
	public function register_routes(): void {
		$range = array(
			'from' => array(
				'type'    => 'string',
				'pattern' => self::DAY_PATTERN,
			),
			'to'   => array(
				'type'    => 'string',
				'pattern' => self::DAY_PATTERN,
			),
		);
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => $range + array(
						'grouping' => array(
							'type'    => 'string',
							'enum'    => EarningsReport::GROUPINGS,
							'default' => 'day',
						),
						'network'  => array(
							'type'    => 'string',
							'pattern' => '^[A-Za-z][A-Za-z0-9_-]{0,39}$',
						),
					),
				),
			)
		);
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base . '/posts/(?P<id>\d+)',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => $range + array(
						'id' => array(
							'type'    => 'integer',
							'minimum' => 1,
						),
					),
				),
			)
		);
	}

	/**
	 * Administrators only: the dashboard shows the whole site's money.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return AdminPermission::check( __( 'Sorry, you are not allowed to see the Afflux earnings.', 'afflux' ) );
	}

	/**
	 * Whoever may edit the post sees its figures (an author their own posts).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		$post = get_post( (int) $request['id'] );
		if ( $post instanceof \WP_Post && current_user_can( 'edit_post', $post->ID ) ) {
			return true;
		}
		return new \WP_Error(
			'afflux_rest_forbidden',
			__( 'Sorry, you are not allowed to see this post\'s earnings.', 'afflux' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The dashboard.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$range = $this->range( $request );
		if ( is_wp_error( $range ) ) {
			return $range;
		}
		$network = $request->get_param( 'network' );
		return rest_ensure_response( $this->report->build( $range[0], $range[1], (string) $request->get_param( 'grouping' ), is_string( $network ) && '' !== $network ? $network : null ) );
	}

	/**
	 * One post's figures.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$range = $this->range( $request );
		if ( is_wp_error( $range ) ) {
			return $range;
		}
		return rest_ensure_response( $this->report->for_post( (int) $request['id'], $range[0], $range[1] ) );
	}

	/**
	 * The request's days, by default the last 30 days; an error for an impossible range.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return array{0: string, 1: string}|\WP_Error
	 */
	private function range( \WP_REST_Request $request ) {
		$to   = (string) ( $request->get_param( 'to' ) ?? gmdate( 'Y-m-d' ) );
		$from = (string) ( $request->get_param( 'from' ) ?? gmdate( 'Y-m-d', (int) strtotime( $to . ' -29 days UTC' ) ) );
		foreach ( array(
			'from' => $from,
			'to'   => $to,
		) as $name => $day ) {
			$parsed = \DateTimeImmutable::createFromFormat( '!Y-m-d', $day, new \DateTimeZone( 'UTC' ) );
			if ( false === $parsed || $parsed->format( 'Y-m-d' ) !== $day ) {
				return new \WP_Error(
					'afflux_invalid_range',
					/* translators: %s: the parameter name, from or to. */
					sprintf( __( '%s is not a real date (YYYY-MM-DD).', 'afflux' ), $name ),
					array( 'status' => 400 )
				);
			}
		}
		if ( $from > $to ) {
			return new \WP_Error( 'afflux_invalid_range', __( 'The start date is after the end date.', 'afflux' ), array( 'status' => 400 ) );
		}
		return array( $from, $to );
	}
}
