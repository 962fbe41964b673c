<?php
/**
 * Removes Afflux's options when the plugin is deleted. The cache file is kept: it belongs to
 * the daemon, which may serve other sites or be reinstalled.
 *
 * @package Afflux
 */

declare(strict_types=1);

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'afflux_settings' );
delete_option( 'afflux_cache_status' );
