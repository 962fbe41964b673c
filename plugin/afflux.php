<?php
/**
 * Plugin Name:       Afflux
 * Description:       Tracked affiliate product cards, lists and banners, rendered from a local cache that the Afflux daemon syncs from the affiliate networks.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Afflux
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       afflux
 * Domain Path:       /languages
 *
 * @package Afflux
 */

declare(strict_types=1);

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'AFFLUX_VERSION', '0.1.0' );
define( 'AFFLUX_FILE', __FILE__ );
define( 'AFFLUX_DIR', plugin_dir_path( __FILE__ ) );

// PSR-4 for Afflux\ → src/, so the installed plugin needs no Composer.
spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'Afflux\\';
		if ( 0 !== strncmp( $class_name, $prefix, strlen( $prefix ) ) ) {
			return;
		}
		$file = AFFLUX_DIR . 'src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);

\Afflux\Plugin::boot();
