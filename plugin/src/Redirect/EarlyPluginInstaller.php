<?php
/**
 * Installs the must-use plugin that answers /go/ before other plugins load.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\LinkSettings;

/**
 * Must-use plugins load before every regular plugin, so a one-file mu-plugin calling
 * GoRedirect::answer_early() answers cloaked links before any other plugin is even read. It
 * does nothing when Afflux is not active or not where it was when installed.
 *
 * The same click also writes the early drop-in (EarlyDropIn: wp-content/db.php and its
 * configuration), which answers before WordPress connects to its database, when no other
 * plugin's db.php is there and the site is not a multisite network; the mu-plugin answers
 * whatever the drop-in leaves to WordPress.
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
		if ( ! wp_mkdir_p( (string) constant( 'WPMU_PLUGIN_DIR' ) ) || ! AtomicFile::replace( self::path(), $source ) ) {
			return new \WP_Error(
				'afflux_early_plugin_write',
				/* translators: %s: a folder on the server. */
				sprintf( __( 'The web server cannot write to %s.', 'afflux' ), (string) constant( 'WPMU_PLUGIN_DIR' ) ),
				array( 'status' => 500 )
			);
		}
		// Best effort: without it (another plugin's db.php, a read-only wp-content) the
		// mu-plugin answers, as before.
		self::install_drop_in();
		return true;
	}

	/**
	 * Removes the mu-plugin and the drop-in.
	 */
	public static function remove(): void {
		if ( self::is_installed() ) {
			wp_delete_file( self::path() );
		}
		self::remove_drop_in();
	}

	/**
	 * The drop-in's state: installed (Afflux's db.php), taken (another plugin's db.php) or absent.
	 *
	 * @return 'installed'|'taken'|'absent'
	 */
	public static function drop_in_state(): string {
		$path = self::drop_in_path();
		if ( ! is_file( $path ) ) {
			return 'absent';
		}
		$source = file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		return is_string( $source ) && EarlyDropIn::is_ours( $source ) ? 'installed' : 'taken';
	}

	/**
	 * Writes the drop-in's configuration, then the drop-in (when db.php is free or Afflux's);
	 * true when both are written.
	 */
	public static function install_drop_in(): bool {
		if ( is_multisite() || 'taken' === self::drop_in_state() ) {
			return false;
		}
		$values = StandaloneConfigWriter::values();
		if ( $values instanceof \WP_Error ) {
			return false;
		}
		// The password stays in wp-config.php: the drop-in reads its constants.
		$values['db']['name']     = '';
		$values['db']['user']     = '';
		$values['db']['password'] = '';
		$config                   = StandaloneConfigWriter::write_file( WP_CONTENT_DIR . '/' . EarlyDropIn::CONFIG_FILE, $values, "// Written by Afflux for its early links drop-in (db.php); rewritten when the settings change.\n" );
		if ( true !== $config ) {
			return false;
		}
		if ( ! AtomicFile::replace( self::drop_in_path(), EarlyDropIn::source( AFFLUX_DIR, LinkSettings::prefix() ) ) ) {
			return false;
		}
		// The drop-in reads posts from the placement index, so every post must be in it.
		PlacementIndexWriter::index_all();
		return true;
	}

	/**
	 * Rewrites the drop-in and its configuration when installed (the settings changed).
	 */
	public static function refresh_drop_in(): void {
		if ( 'installed' === self::drop_in_state() ) {
			self::install_drop_in();
		}
	}

	/**
	 * Removes Afflux's drop-in (never another plugin's) and its configuration.
	 */
	public static function remove_drop_in(): void {
		if ( 'installed' === self::drop_in_state() ) {
			wp_delete_file( self::drop_in_path() );
		}
		if ( is_file( WP_CONTENT_DIR . '/' . EarlyDropIn::CONFIG_FILE ) ) {
			wp_delete_file( WP_CONTENT_DIR . '/' . EarlyDropIn::CONFIG_FILE );
		}
	}

	/**
	 * The drop-in's path.
	 */
	private static function drop_in_path(): string {
		return WP_CONTENT_DIR . '/' . EarlyDropIn::FILE;
	}
}
