<?php
/**
 * Answers /go/ from wp-content/db.php, before WordPress connects to its database.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * The must-use plugin runs after WordPress has loaded most of itself, connected to MariaDB and
 * read its autoloaded options: that start, not the redirect, is most of its cost (measured:
 * ~1100 µs of PHP and ~600 µs of MariaDB per click, the redirect itself ~400 µs). WordPress
 * includes wp-content/db.php (a "drop-in") right before it connects, and goes on with its own
 * database class when the file sets none. So the one-click install also writes a db.php that
 * answers our links there, with plugin/go.php's code (KeptLinkRedirect, then
 * StandaloneRedirect::respond) fed from a generated configuration without the database
 * password (wp-config.php's constants are already defined): no database connection at all for
 * a known link. Anything it does not answer (another path, an unknown slug, a cache problem,
 * a site with the WP Consent API, which needs plugins loaded to decide) goes on through
 * WordPress as before.
 *
 * Another plugin's db.php is never replaced (the must-use plugin still answers then): Afflux's
 * own file carries MARKER. It is removed with the must-use plugin and when Afflux is
 * deactivated; without Afflux's folder or its configuration it does nothing. Not on multisite:
 * one wp-content serves every site there, each with its own home and settings.
 */
final class EarlyDropIn {

	/**
	 * The drop-in's name, in wp-content (WordPress's own name for it).
	 */
	public const FILE = 'db.php';

	/**
	 * The configuration's name, in wp-content.
	 */
	public const CONFIG_FILE = 'afflux-early-config.php';

	/**
	 * The line that tells Afflux's db.php from another plugin's.
	 */
	public const MARKER = '// Afflux early links drop-in.';

	/**
	 * Answers the request and exits when it is one of our links; returns otherwise, and
	 * WordPress goes on. Called by the drop-in only.
	 *
	 * @param string               $config_path The generated configuration.
	 * @param array<string, mixed> $server      The server variables.
	 */
	public static function answer( string $config_path, array $server ): void {
		if ( defined( 'MULTISITE' ) && MULTISITE ) {
			return;
		}
		// Like go.php's: no file check when opcache holds the file; false when there is none.
		$values = PhpDataFile::read( $config_path );
		if ( ! is_array( $values ) || ! isset( $values['db'] ) || ! is_array( $values['db'] ) ) {
			return;
		}
		// The credentials are wp-config.php's own, never copied into the file.
		foreach ( array(
			'name'     => 'DB_NAME',
			'user'     => 'DB_USER',
			'password' => 'DB_PASSWORD',
		) as $key => $constant ) {
			$values['db'][ $key ] = defined( $constant ) ? (string) constant( $constant ) : '';
		}
		if ( true === ( $values['consent_api'] ?? false ) ) {
			return;
		}
		// Most clicks: a link clicked before and unchanged since (exits when it is one).
		KeptLinkRedirect::answer( $values, $server );
		$config = StandaloneConfig::from_array( $values );
		if ( null === $config ) {
			return;
		}
		StandaloneRedirect::respond( $config, $server );
	}

	/**
	 * The drop-in's source: loads the classes only for a path under the prefix.
	 *
	 * @param string $plugin_dir  The plugin's folder, with a trailing slash.
	 * @param string $link_prefix The cloaked-link prefix.
	 */
	public static function source( string $plugin_dir, string $link_prefix ): string {
		// phpcs:disable WordPress.PHP.DevelopmentFunctions.error_log_var_export -- generates PHP source.
		return "<?php\n/**\n * Afflux early links: answers Afflux's cloaked links before WordPress connects to its database.\n * Not a database class: WordPress goes on with its own. Written by Afflux (Afflux → Links),\n * removed with its must-use plugin and when Afflux is deactivated.\n */\n\n"
			. self::MARKER . "\n"
			. '$afflux_early_dir = ' . var_export( $plugin_dir, true ) . ";\n"
			. "if ( isset( \$_SERVER['REQUEST_URI'] ) && is_string( \$_SERVER['REQUEST_URI'] ) && str_contains( \$_SERVER['REQUEST_URI'], " . var_export( '/' . $link_prefix . '/', true ) . " ) && is_file( \$afflux_early_dir . 'autoload.php' ) ) {\n"
			. "\tif ( is_file( \$afflux_early_dir . 'go-classes.php' ) && ! class_exists( 'Afflux\\\\Redirect\\\\StandaloneRedirect', false ) ) {\n"
			. "\t\trequire \$afflux_early_dir . 'go-classes.php';\n"
			. "\t}\n"
			. "\trequire_once \$afflux_early_dir . 'autoload.php';\n"
			. "\t\\Afflux\\Redirect\\EarlyDropIn::answer( WP_CONTENT_DIR . '/" . self::CONFIG_FILE . "', \$_SERVER );\n"
			. "}\nunset( \$afflux_early_dir );\n";
		// phpcs:enable
	}

	/**
	 * Whether a db.php's source is Afflux's.
	 *
	 * @param string $source The file's text.
	 */
	public static function is_ours( string $source ): bool {
		return str_contains( $source, "\n" . self::MARKER . "\n" );
	}
}
