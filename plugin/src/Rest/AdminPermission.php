<?php
/**
 * The permission check shared by the site owner's REST routes.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

/**
 * Requires manage_options, with 401 for visitors and 403 for users who may not manage the site.
 */
final class AdminPermission {

	/**
	 * True for administrators, a WP_Error otherwise.
	 *
	 * @param string $message What the user may not do.
	 * @return true|\WP_Error
	 */
	public static function check( string $message ) {
		if ( current_user_can( 'manage_options' ) ) {
			return true;
		}
		return new \WP_Error( 'afflux_rest_forbidden', $message, array( 'status' => rest_authorization_required_code() ) );
	}
}
