<?php
/**
 * Installs the must-use plugin that answers /go/ before other plugins load.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * Must-use plugins load before every regular plugin, so a one-file mu-plugin calling
 * GoRedirect::answer_early() answers cloaked links before any other plugin is even read. It
 * does nothing when Afflux is not active or not where it was when installed.
 */
final class EarlyPluginInstaller {

	public const FILE = 'afflux-early-go.php';

	/**
	 * The mu-plugin's path.
	 */
	public static function path(): string {
		return (string) constant( 'WPMU_PLUGIN_DIR' ) . '/' . self::FILE;
	}

	/**
	 * Whether it is installed.
	 */
	public static function is_installed(): bool {
		return is_file( self::path() );
	}

	/**
	 * Writes the mu-plugin (creating the mu-plugins folder when needed).
	 *
	 * @return true|\WP_Error
	 */
	public static function install(): bool|\WP_Error {
		$dir    = AFFLUX_DIR;
		$source = "<?php\n/**\n * Plugin Name: Afflux early links\n * Description: Answers Afflux's cloaked links before other plugins load. Installed and removed from Afflux → Links.\n */\n\n"
			. "// Written by Afflux. Does nothing unless Afflux is active and still in this folder.\n"
			. '$afflux_early_dir = ' . var_export( $dir, true ) . ";\n" // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- generates PHP source.
			. "if ( is_file( \$afflux_early_dir . 'autoload.php' ) && in_array( " . var_export( plugin_basename( AFFLUX_FILE ), true ) . ", (array) get_option( 'active_plugins', array() ), true ) ) {\n" // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- generates PHP source.
			. "\trequire_once \$afflux_early_dir . 'autoload.php';\n"
			. "\t\\Afflux\\Redirect\\GoRedirect::answer_early();\n"
			. "}\nunset( \$afflux_early_dir );\n";
		// phpcs:disable WordPress.WP.AlternativeFunctions -- a must-use plugin file, written atomically.
		$temp = self::path() . '.' . bin2hex( random_bytes( 6 ) ) . '.tmp';
		if ( ! wp_mkdir_p( (string) constant( 'WPMU_PLUGIN_DIR' ) ) || false === file_put_contents( $temp, $source, LOCK_EX ) || ! rename( $temp, self::path() ) ) {
			if ( is_file( $temp ) ) {
				unlink( $temp );
			}
			// phpcs:enable
			return new \WP_Error(
				'afflux_early_plugin_write',
				/* translators: %s: a folder on the server. */
				sprintf( __( 'The web server cannot write to %s.', 'afflux' ), (string) constant( 'WPMU_PLUGIN_DIR' ) ),
				array( 'status' => 500 )
			);
		}
		return true;
	}

	/**
	 * Removes the mu-plugin.
	 */
	public static function remove(): void {
		if ( self::is_installed() ) {
			wp_delete_file( self::path() );
		}
	}
}
