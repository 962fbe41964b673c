<?php
/**
 * PHPUnit bootstrap: loads the throwaway WordPress written by tests/env/wordpress.sh, with
 * Afflux loaded from this checkout, then the test support classes.
 *
 * Environment: AFFLUX_WP_ROOT (default .afflux-dev/test/wordpress), AFFLUX_WP_HOST
 * (default 127.0.0.1:8891).
 *
 * @package Afflux
 */

declare(strict_types=1);

$afflux_repo    = dirname( __DIR__, 2 );
$afflux_wp_root = getenv( 'AFFLUX_WP_ROOT' ) ? (string) getenv( 'AFFLUX_WP_ROOT' ) : $afflux_repo . '/.afflux-dev/test/wordpress';
$afflux_wp_host = getenv( 'AFFLUX_WP_HOST' ) ? (string) getenv( 'AFFLUX_WP_HOST' ) : '127.0.0.1:8891';

if ( ! is_file( $afflux_wp_root . '/wp-config.php' ) ) {
	fwrite( STDERR, "No test WordPress at $afflux_wp_root: run `bash tests/env/wordpress.sh up test` (AFFLUX_ENV=test) first.\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- CLI message before WordPress loads.
	exit( 1 );
}

// WordPress reads these from the web server; a CLI process must set them.
$_SERVER['HTTP_HOST']       = $afflux_wp_host;
$_SERVER['SERVER_NAME']     = (string) strtok( $afflux_wp_host, ':' );
$_SERVER['SERVER_PORT']     = (string) ( parse_url( 'http://' . $afflux_wp_host, PHP_URL_PORT ) ?? 80 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

/*
 * Load Afflux whether or not the site's install step managed to activate it, without touching
 * the site's database: hooks given in $wp_filter before WordPress loads are picked up by it.
 */
$GLOBALS['wp_filter'] = array( // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- WordPress's documented way to add hooks before it loads.
	'option_active_plugins' => array(
		10 => array(
			array(
				'function'      => static function ( $plugins ) {
					$plugins = is_array( $plugins ) ? $plugins : array();
					if ( ! in_array( 'afflux/afflux.php', $plugins, true ) ) {
						$plugins[] = 'afflux/afflux.php';
					}
					return $plugins;
				},
				'accepted_args' => 1,
			),
		),
	),
);

require $afflux_wp_root . '/wp-load.php';

if ( ! defined( 'AFFLUX_DIR' ) || realpath( AFFLUX_DIR ) !== realpath( $afflux_repo . '/plugin' ) ) {
	fwrite( STDERR, "Afflux is not loaded from this checkout's plugin/ folder; check the test site's wp-content/plugins/afflux link.\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- CLI message before WordPress loads.
	exit( 1 );
}

// PHP's error log goes to a file the tests can read (Afflux reports cache problems there);
// set after WordPress, whose WP_DEBUG_LOG would redirect it.
define( 'AFFLUX_TEST_ERROR_LOG', (string) tempnam( sys_get_temp_dir(), 'afflux-error-log-' ) );
ini_set( 'error_log', AFFLUX_TEST_ERROR_LOG ); // phpcs:ignore WordPress.PHP.IniSet.Risky -- test process only.
register_shutdown_function(
	static function (): void {
		wp_delete_file( AFFLUX_TEST_ERROR_LOG );
	}
);

require $afflux_repo . '/vendor/autoload.php';
