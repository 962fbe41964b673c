<?php
/**
 * The REST answer for a product id the cache does not hold.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

/**
 * 404 afflux_product_not_found, shared by the product lookup and the landing-page check so both
 * explain a missing product the same way.
 */
final class ProductNotFoundError {

	/**
	 * The error.
	 */
	public static function create(): \WP_Error {
		return new \WP_Error(
			'afflux_product_not_found',
			__( 'No product with this id in the cache. It may have left the network\'s catalogue.', 'afflux' ),
			array( 'status' => 404 )
		);
	}
}
