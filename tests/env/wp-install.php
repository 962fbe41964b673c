<?php
/**
 * Installs the throwaway WordPress non-interactively (no WP-CLI on these machines) and activates
 * Afflux. Idempotent: an installed site is left as it is, Afflux is (re)activated.
 *
 * Usage: php wp-install.php   (reads AFFLUX_WP_ROOT, AFFLUX_WP_URL, AFFLUX_ADMIN_USER,
 *                              AFFLUX_ADMIN_PASSWORD from the environment)
 *
 * @package Afflux
 */

declare(strict_types=1);

$afflux_url                = (string) getenv( 'AFFLUX_WP_URL' );
$_SERVER['HTTP_HOST']      = (string) parse_url( $afflux_url, PHP_URL_HOST ) . ':' . (string) parse_url( $afflux_url, PHP_URL_PORT );
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_NAME']    = (string) parse_url( $afflux_url, PHP_URL_HOST );
define( 'WP_INSTALLING', true );

require getenv( 'AFFLUX_WP_ROOT' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// No mail server here: the welcome e-mail is not sent.
add_filter( 'pre_wp_mail', '__return_true' );

if ( ! is_blog_installed() ) {
	$afflux_result = wp_install(
		'Afflux démo',
		(string) getenv( 'AFFLUX_ADMIN_USER' ),
		'admin@example.com',
		false,
		'',
		(string) getenv( 'AFFLUX_ADMIN_PASSWORD' ),
		'fr_FR'
	);
	update_option( 'WPLANG', 'fr_FR' );
	update_option( 'timezone_string', 'Europe/Paris' );
	update_option( 'permalink_structure', '/%postname%/' );
	update_option( 'blogdescription', 'Un blog de test pour Afflux' );
	flush_rewrite_rules( true );
	fwrite( STDOUT, "WordPress installed\n" );
}

$afflux_activation = activate_plugin( 'afflux/afflux.php' );
if ( is_wp_error( $afflux_activation ) ) {
	fwrite( STDERR, 'Afflux could not be activated: ' . $afflux_activation->get_error_message() . "\n" );
	exit( 1 );
}
fwrite( STDOUT, "Afflux active\n" );
