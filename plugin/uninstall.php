<?php
/**
 * Removes what Afflux stored in WordPress when the plugin is deleted: options, the click
 * tables and the scheduled jobs, on every site of a network, and the files of the /go/ paths
 * in wp-content (Uninstall\WrittenFiles). The cache file is kept: it belongs
 * to the daemon, which may serve other sites or be reinstalled; delete it by hand, or define
 * AFFLUX_UNINSTALL_DELETE_CACHE as true in wp-config.php before deleting the plugin.
 *
 * @package Afflux
 */

declare(strict_types=1);

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/**
 * Cleans one site.
 */
function afflux_uninstall_site(): void {
	global $wpdb;
	$settings = get_option( 'afflux_settings' );
	if ( defined( 'AFFLUX_UNINSTALL_DELETE_CACHE' ) && true === AFFLUX_UNINSTALL_DELETE_CACHE && is_array( $settings ) && isset( $settings['cache_path'] ) && is_string( $settings['cache_path'] ) ) {
		foreach ( array( '', '-wal', '-shm' ) as $suffix ) {
			if ( is_file( $settings['cache_path'] . $suffix ) ) {
				wp_delete_file( $settings['cache_path'] . $suffix );
			}
		}
	}
	foreach ( array( 'afflux_settings', 'afflux_links', 'afflux_daemon', 'afflux_cache_status', 'afflux_clicks_db_version' ) as $option ) {
		delete_option( $option );
	}
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- a LIKE over option names has no API.
	$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( 'afflux_' ) . '%', $wpdb->esc_like( '_transient_afflux_' ) . '%' ) );
	foreach ( $names as $name ) {
		delete_option( (string) $name );
	}
	foreach ( array( 'afflux_clicks_daily', 'afflux_clicks_drain' ) as $hook ) {
		wp_clear_scheduled_hook( $hook );
	}
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.DirectDatabaseQuery.SchemaChange -- removing the plugin's own tables.
	$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}afflux_clicks, {$wpdb->prefix}afflux_click_days" );
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $afflux_site ) {
		switch_to_blog( (int) $afflux_site );
		afflux_uninstall_site();
		restore_current_blog();
	}
} else {
	afflux_uninstall_site();
}

require_once __DIR__ . '/autoload.php';
Afflux\Uninstall\WrittenFiles::remove( WP_CONTENT_DIR, (string) constant( 'WPMU_PLUGIN_DIR' ) );
