<?php
/**
 * PSR-4 for Afflux\ → src/, so the installed plugin needs no Composer. Shared by the plugin's
 * main file and the no-WordPress entry point (go.php).
 *
 * @package Afflux
 */

declare(strict_types=1);

spl_autoload_register(
	static function ( string $class_name ): void {
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
