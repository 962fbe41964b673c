<?php
/**
 * Writes the no-WordPress entry point's configuration file.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\LinkSettings;
use Afflux\Service;
use Afflux\Settings\Settings;

/**
 * The entry point plugin/go.php cannot read WordPress's options or wp-config.php (which loads all of
 * WordPress), so the plugin writes what it needs, including the database credentials, into
 * wp-content/afflux-go-config.php: a PHP file (a web request for it runs it and prints
 * nothing), mode 0640, written atomically. Once the admin has written it, it is rewritten
 * whenever a setting it copies changes, and removed when the plugin is deactivated.
 */
final class StandaloneConfigWriter implements Service {

	/**
	 * Plugins whose activation changes what the file says.
	 */
	private const CONSENT_PLUGIN = 'wp-consent-api/wp-consent-api.php';

	/**
	 * Keeps an existing file in step with the settings.
	 */
	public function init(): void {
		// add_option_… too: WordPress adds, not updates, an option whose stored value equals its
		// registered default, and then fires only that hook.
		foreach ( array( 'update_option_' . LinkSettings::OPTION, 'add_option_' . LinkSettings::OPTION, 'update_option_' . Settings::OPTION, 'add_option_' . Settings::OPTION, 'update_option_home', 'activated_plugin' ) as $hook ) {
			add_action( $hook, array( $this, 'refresh' ) );
		}
		add_action( 'deactivated_plugin', array( $this, 'plugin_deactivated' ) );
	}

	/**
	 * Deactivating Afflux removes the file (links must stop resolving); another plugin's
	 * deactivation may change the consent flag.
	 *
	 * @param string $plugin The deactivated plugin's basename.
	 */
	public function plugin_deactivated( string $plugin ): void {
		if ( plugin_basename( AFFLUX_FILE ) === $plugin ) {
			self::remove();
			// The drop-in cannot ask WordPress whether Afflux is active: it goes with it.
			EarlyPluginInstaller::remove_drop_in();
			return;
		}
		$this->refresh();
	}

	/**
	 * The file's path.
	 */
	public static function path(): string {
		return WP_CONTENT_DIR . '/' . StandaloneRedirect::CONFIG_FILE;
	}

	/**
	 * Whether the file has been written.
	 */
	public static function exists(): bool {
		return is_file( self::path() );
	}

	/**
	 * Rewrites the file when it exists (the admin opted in).
	 */
	public function refresh(): void {
		if ( self::exists() ) {
			self::write();
		}
		EarlyPluginInstaller::refresh_drop_in();
	}

	/**
	 * Writes the file (true); an error in plain words when WordPress's database host cannot be read or
	 * the folder is not writable.
	 *
	 * @return true|\WP_Error
	 */
	public static function write(): bool|\WP_Error {
		$first  = ! self::exists();
		$values = self::values();
		if ( $values instanceof \WP_Error ) {
			return $values;
		}
		$written = self::write_file( self::path(), $values, "// Written by Afflux for plugin/go.php (the /go/ path without WordPress); rewritten when the\n// settings change. It holds the database password: keep it readable by the web server only.\n" );
		if ( true !== $written ) {
			return $written;
		}
		if ( $first ) {
			// Turning the path on: index the posts saved before, so go.php needs no database.
			PlacementIndexWriter::index_all();
		}
		return true;
	}

	/**
	 * What the no-WordPress paths need to know, from WordPress's settings; an error when the
	 * database host in wp-config.php cannot be read.
	 *
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function values(): array|\WP_Error {
		global $wpdb;
		$parsed = $wpdb->parse_db_host( (string) constant( 'DB_HOST' ) );
		if ( ! is_array( $parsed ) ) {
			return new \WP_Error( 'afflux_standalone_db_host', __( 'The database host in wp-config.php could not be read.', 'afflux' ), array( 'status' => 500 ) );
		}
		$active = get_option( 'active_plugins', array() );
		return array(
			'version'      => StandaloneConfig::VERSION,
			'abspath'      => (string) constant( 'ABSPATH' ),
			'db'           => array(
				'host'     => (string) $parsed[0],
				'port'     => null === $parsed[1] ? 3306 : (int) $parsed[1],
				'socket'   => (string) $parsed[2],
				'name'     => (string) constant( 'DB_NAME' ),
				'user'     => (string) constant( 'DB_USER' ),
				'password' => (string) constant( 'DB_PASSWORD' ),
			),
			'table_prefix' => $wpdb->prefix,
			'cache_path'   => ( new Settings() )->cache_path(),
			'link_prefix'  => LinkSettings::prefix(),
			'home_url'     => home_url(),
			'utm_template' => ( new Settings() )->utm_template(),
			'consent_api'  => is_array( $active ) && in_array( self::CONSENT_PLUGIN, $active, true ),
			'content_dir'  => WP_CONTENT_DIR,
		);
	}

	/**
	 * Writes a configuration file atomically, readable by the web server only, and has opcache
	 * drop its copy; an error in plain words when the folder is not writable.
	 *
	 * @param string               $path    The file.
	 * @param array<string, mixed> $values  What it returns.
	 * @param string               $comment Its opening comment lines.
	 * @return true|\WP_Error
	 */
	public static function write_file( string $path, array $values, string $comment ): bool|\WP_Error {
		if ( ! PhpDataFile::write( $path, $values, 0640, $comment ) ) {
			return new \WP_Error(
				'afflux_standalone_write',
				/* translators: %s: a folder on the server. */
				sprintf( __( 'The web server cannot write to %s.', 'afflux' ), dirname( $path ) ),
				array( 'status' => 500 )
			);
		}
		return true;
	}

	/**
	 * Removes the file (plugin/go.php then answers 503 until the server rule is removed).
	 */
	public static function remove(): void {
		if ( self::exists() ) {
			wp_delete_file( self::path() );
		}
	}
}
