<?php
/**
 * REST endpoint listing a programme's creatives: GET /afflux/v1/banners.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Cache\Banner;
use Afflux\Cache\BannerRepository;
use Afflux\Service;

/**
 * The creatives of one programme, optionally of one size, for the banner block's editor; for
 * people who can edit posts. Answers 503 with the reason when the cache cannot be read.
 */
final class BannersController extends \WP_REST_Controller implements Service {

	/**
	 * The repository.
	 *
	 * @var BannerRepository
	 */
	private BannerRepository $banners;

	/**
	 * Builds the controller.
	 *
	 * @param BannerRepository $banners The repository.
	 */
	public function __construct( BannerRepository $banners ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'banners';
		$this->banners   = $banners;
	}

	/**
	 * Registers the route when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET /banners.
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
					'args'                => array(
						'network'      => array(
							'description' => __( 'Network of the programme.', 'afflux' ),
							'type'        => 'string',
							'pattern'     => '^[A-Za-z0-9_.-]{1,64}$',
							'required'    => true,
						),
						'programme_id' => array(
							'description' => __( 'Programme (merchant) id.', 'afflux' ),
							'type'        => 'string',
							'pattern'     => '^[A-Za-z0-9_.-]{1,64}$',
							'required'    => true,
						),
						'size'         => array(
							'description' => __( 'Only creatives of this size, e.g. 728x90.', 'afflux' ),
							'type'        => 'string',
							'pattern'     => '^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}$',
						),
					),
				),
			)
		);
	}

	/**
	 * Only people who can write posts may list creatives.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return EditorPermission::check();
	}

	/**
	 * The creatives: id, name, width, height, size and image URL (network data: escape it).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$width  = null;
		$height = null;
		$size   = $request->get_param( 'size' );
		if ( is_string( $size ) && '' !== $size ) {
			$parts  = explode( 'x', $size );
			$width  = (int) $parts[0];
			$height = (int) ( $parts[1] ?? 0 );
		}
		$banners = $this->banners->for_programme( (string) $request->get_param( 'network' ), (string) $request->get_param( 'programme_id' ), $width, $height );

		$unavailable = CacheUnavailableError::for_status( $this->banners->status() );
		if ( null !== $unavailable ) {
			return $unavailable;
		}
		return rest_ensure_response(
			array_map(
				static fn ( Banner $banner ): array => array(
					'banner_id' => $banner->banner_id,
					'name'      => $banner->name,
					'width'     => $banner->width,
					'height'    => $banner->height,
					'size'      => $banner->size(),
					'image_url' => esc_url_raw( $banner->image_url, array( 'http', 'https' ) ),
				),
				$banners
			)
		);
	}
}
