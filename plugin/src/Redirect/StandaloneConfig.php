<?php
/**
 * What the no-WordPress entry point knows about the site.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- plugin/go.php runs without WordPress, so without $wpdb.

/**
 * The generated configuration file (written by StandaloneConfigWriter from WordPress's own
 * settings) read back and checked. Every value comes from that file, never from the request.
 */
final class StandaloneConfig {

	public const VERSION = 2;

	/**
	 * Builds the configuration.
	 *
	 * @param string                                                                                       $abspath       WordPress's root, with a trailing slash.
	 * @param array{host: string, port: int, socket: string, name: string, user: string, password: string} $db       Database connection.
	 * @param string                                                                                       $table_prefix  WordPress's table prefix.
	 * @param string                                                                                       $cache_path    The SQLite cache.
	 * @param string                                                                                       $link_prefix   The cloaked-link prefix.
	 * @param string                                                                                       $home_url      The site's home URL.
	 * @param string                                                                                       $utm_template  The site's UTM template.
	 * @param bool                                                                                         $consent_api   Whether the WP Consent API is active.
	 * @param string                                                                                       $content_dir   WordPress's wp-content folder (the click spool's parent).
	 */
	public function __construct(
		public readonly string $abspath,
		public readonly array $db,
		public readonly string $table_prefix,
		public readonly string $cache_path,
		public readonly string $link_prefix,
		public readonly string $home_url,
		public readonly string $utm_template,
		public readonly bool $consent_api,
		public readonly string $content_dir
	) {
	}

	/**
	 * Checks and maps the file's array; null when a value is missing or of the wrong shape.
	 *
	 * @param array<mixed> $values The file's array.
	 */
	public static function from_array( array $values ): ?self {
		$db = $values['db'] ?? null;
		if ( self::VERSION !== ( $values['version'] ?? null ) || ! is_array( $db ) ) {
			return null;
		}
		foreach ( array( 'abspath', 'table_prefix', 'cache_path', 'link_prefix', 'home_url', 'utm_template', 'content_dir' ) as $key ) {
			if ( ! isset( $values[ $key ] ) || ! is_string( $values[ $key ] ) ) {
				return null;
			}
		}
		foreach ( array( 'host', 'socket', 'name', 'user', 'password' ) as $key ) {
			if ( ! isset( $db[ $key ] ) || ! is_string( $db[ $key ] ) ) {
				return null;
			}
		}
		if ( 1 !== preg_match( '/^[A-Za-z0-9_]{1,64}$/D', $values['table_prefix'] ) || 1 !== preg_match( '/^[a-z0-9][a-z0-9-]{0,31}$/D', $values['link_prefix'] ) ) {
			return null;
		}
		return new self(
			$values['abspath'],
			array(
				'host'     => $db['host'],
				'port'     => isset( $db['port'] ) && is_int( $db['port'] ) ? $db['port'] : 3306,
				'socket'   => $db['socket'],
				'name'     => $db['name'],
				'user'     => $db['user'],
				'password' => $db['password'],
			),
			$values['table_prefix'],
			$values['cache_path'],
			$values['link_prefix'],
			$values['home_url'],
			$values['utm_template'],
			isset( $values['consent_api'] ) && true === $values['consent_api'],
			$values['content_dir']
		);
	}

	/**
	 * A persistent connection to WordPress's database: php-fpm children keep theirs between
	 * requests, so a redirect costs no connection handshake.
	 */
	public function connect(): \PDO {
		$dsn = '' !== $this->db['socket']
			? 'mysql:unix_socket=' . $this->db['socket']
			: 'mysql:host=' . $this->db['host'] . ';port=' . $this->db['port'];
		return new \PDO(
			$dsn . ';dbname=' . $this->db['name'] . ';charset=utf8mb4',
			$this->db['user'],
			$this->db['password'],
			array(
				\PDO::ATTR_PERSISTENT => true,
				\PDO::ATTR_ERRMODE    => \PDO::ERRMODE_EXCEPTION,
				\PDO::ATTR_TIMEOUT    => 2,
			)
		);
	}

	/**
	 * Path of the home URL, '' at the root (what GoPath expects).
	 */
	public function home_path(): string {
		return self::home_path_of( $this->home_url );
	}

	/**
	 * The path part of a home URL, without its trailing slash ('' at a domain's root).
	 *
	 * @param string $home_url The site's home URL.
	 */
	public static function home_path_of( string $home_url ): string {
		$path = parse_url( $home_url, PHP_URL_PATH ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- no WordPress here.
		return is_string( $path ) ? rtrim( $path, '/' ) : '';
	}

	/**
	 * The home URL's host, for {site}.
	 */
	public function site_host(): string {
		return (string) parse_url( $this->home_url, PHP_URL_HOST ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- no WordPress here.
	}
}
