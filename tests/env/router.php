<?php
/**
 * Router for PHP's built-in web server: serves existing files as they are and sends every
 * other request to WordPress, as an nginx `try_files $uri $uri/ /index.php` would.
 *
 * @package Afflux
 */

$afflux_path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$afflux_file = realpath( __DIR__ . '/wordpress' . $afflux_path );

if ( false !== $afflux_file && is_file( $afflux_file ) ) {
	if ( str_ends_with( $afflux_file, '.php' ) ) {
		$_SERVER['SCRIPT_NAME']     = $afflux_path;
		$_SERVER['SCRIPT_FILENAME'] = $afflux_file;
		$_SERVER['PHP_SELF']        = $afflux_path;
		chdir( dirname( $afflux_file ) );
		require $afflux_file;
		return true;
	}
	return false; // A static file: let the built-in server send it.
}

if ( false !== $afflux_file && is_dir( $afflux_file ) && is_file( $afflux_file . '/index.php' ) ) {
	$_SERVER['SCRIPT_NAME']     = rtrim( $afflux_path, '/' ) . '/index.php';
	$_SERVER['SCRIPT_FILENAME'] = $afflux_file . '/index.php';
	$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
	chdir( $afflux_file );
	require $afflux_file . '/index.php';
	return true;
}

$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__ . '/wordpress/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
chdir( __DIR__ . '/wordpress' );
require __DIR__ . '/wordpress/index.php';
return true;
