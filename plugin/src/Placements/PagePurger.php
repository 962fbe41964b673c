<?php
/**
 * Purges a post's cached pages.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

/**
 * WordPress's own object cache for the post, then each common page-cache plugin's purge call
 * when that plugin is active: WP Super Cache, W3 Total Cache, WP Rocket, LiteSpeed Cache and
 * Cache Enabler. Others can hook afflux_product_changed.
 */
final class PagePurger {

	/**
	 * Purges one post everywhere we know how.
	 *
	 * @param int $post_id Post id.
	 */
	public function purge( int $post_id ): void {
		clean_post_cache( $post_id );
		if ( function_exists( 'wpsc_delete_post_cache' ) ) {
			wpsc_delete_post_cache( $post_id );
		}
		if ( function_exists( 'w3tc_flush_post' ) ) {
			w3tc_flush_post( $post_id );
		}
		if ( function_exists( 'rocket_clean_post' ) ) {
			rocket_clean_post( $post_id );
		}
		// LiteSpeed Cache listens to its own action; without the plugin nobody does.
		do_action( 'litespeed_purge_post', $post_id ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- LiteSpeed Cache's documented purge action.
		if ( function_exists( 'cache_enabler_clear_page_cache_by_post' ) ) {
			cache_enabler_clear_page_cache_by_post( $post_id );
		}
	}
}
