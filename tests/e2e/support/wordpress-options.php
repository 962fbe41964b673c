<?php
/**
 * Saves or restores WordPress options exactly as stored (value and autoload), for browser tests
 * that change settings and must leave the environment as they found it.
 *
 * Usage: `php wordpress-options.php snapshot <option>...` prints a JSON snapshot;
 * `php wordpress-options.php restore < snapshot.json` puts those rows back.
 *
 * Reads AFFLUX_WP_URL and AFFLUX_WP_ROOT (tests/env/with-env.sh exports them).
 *
 * @package Afflux
 */

declare(strict_types=1);

$afflux_url = (string) getenv( 'AFFLUX_WP_URL' );
// phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
$_SERVER['HTTP_HOST'] = (string) parse_url( $afflux_url, PHP_URL_HOST ) . ':' . (string) parse_url( $afflux_url, PHP_URL_PORT );
require getenv( 'AFFLUX_WP_ROOT' ) . '/wp-load.php';

global $wpdb;
$afflux_command = $argv[1] ?? '';

if ( 'snapshot' === $afflux_command ) {
	$afflux_rows = array();
	foreach ( array_slice( $argv, 2 ) as $afflux_name ) {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the raw row, autoload flag included.
		$afflux_rows[ $afflux_name ] = $wpdb->get_row( $wpdb->prepare( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = %s", $afflux_name ), ARRAY_A );
	}
	echo wp_json_encode( $afflux_rows ), "\n";
	exit( 0 );
}

if ( 'restore' === $afflux_command ) {
	$afflux_rows = json_decode( (string) file_get_contents( 'php://stdin' ), true );
	if ( ! is_array( $afflux_rows ) ) {
		fwrite( STDERR, "wordpress-options: restore reads a snapshot on stdin\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- a CLI script's error.
		exit( 2 );
	}
	foreach ( $afflux_rows as $afflux_name => $afflux_row ) {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- puts the raw row back.
		$wpdb->delete( $wpdb->options, array( 'option_name' => $afflux_name ) );
		if ( is_array( $afflux_row ) ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- puts the raw row back.
			$wpdb->insert(
				$wpdb->options,
				array(
					'option_name'  => $afflux_name,
					'option_value' => $afflux_row['option_value'],
					'autoload'     => $afflux_row['autoload'],
				)
			);
		}
		wp_cache_delete( $afflux_name, 'options' );
	}
	wp_cache_delete( 'alloptions', 'options' );
	exit( 0 );
}

fwrite( STDERR, "usage: wordpress-options.php snapshot <option>... | restore < snapshot.json\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- a CLI script's error.
exit( 2 );
