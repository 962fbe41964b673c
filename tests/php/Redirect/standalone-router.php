<?php
/**
 * Router for the PHP built-in server in StandaloneRedirectHttpTest: every request goes to
 * plugin/go.php, as the nginx and Apache snippets send /{prefix}/… there.
 *
 * @package Afflux
 */

declare(strict_types=1);

$_SERVER['AFFLUX_GO_CONFIG'] = (string) getenv( 'AFFLUX_GO_CONFIG' );
$_SERVER['SCRIPT_FILENAME']  = dirname( __DIR__, 3 ) . '/plugin/go.php';
$_SERVER['SCRIPT_NAME']      = '/wp-content/plugins/afflux/go.php';
require $_SERVER['SCRIPT_FILENAME'];
