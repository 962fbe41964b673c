<?php
/**
 * The permission check shared by the editor's catalogue REST routes.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

/**
 * Requires edit_posts, with 401 for visitors and 403 for users who may not write posts: the
 * product search, merchants, banners and landing-page check all answer with the same message.
 */
final class EditorPermission {

	/**
	 * True for people who can write posts, a WP_Error otherwise.
	 *
	 * @return true|\WP_Error
	 */
	public static function check() {
		if ( current_user_can( 'edit_posts' ) ) {
			return true;
		}
		return new \WP_Error(
			'afflux_rest_forbidden',
			__( 'Sorry, you are not allowed to search affiliate products.', 'afflux' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
