<?php
/**
 * PSR-4 for Afflux\ → src/ (through a generated class map), so the installed plugin needs no
 * Composer. Shared by the plugin's main file and the no-WordPress entry point (go.php).
 *
 * @package Afflux
 */

declare(strict_types=1);

spl_autoload_register(
	static function ( string $class_name ): void {
		// The generated map first (Redirect\AutoloadClassMap): no file check per class.
		static $map = null;
		$map      ??= is_file( __DIR__ . '/class-map.php' ) ? require __DIR__ . '/class-map.php' : array();
		if ( isset( $map[ $class_name ] ) ) {
			require __DIR__ . '/' . $map[ $class_name ];
			return;
		}
		$prefix = 'Afflux\\';
		if ( 0 !== strncmp( $class_name, $prefix, strlen( $prefix ) ) ) {
			return;
		}
		$file = __DIR__ . '/src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);
