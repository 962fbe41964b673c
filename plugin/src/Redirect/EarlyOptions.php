<?php
/**
 * Keeps the options the early /go/ check reads in WordPress's autoloaded set.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Cache\CacheStatusLog;
use Afflux\Links\LinkSettings;
use Afflux\Settings\Settings;

/**
 * The early check answers before WordPress has done anything but load its autoloaded options
 * (one query). An option that was never saved is not among them, so each get_option() for it
 * costs a query of its own on every redirect: three of them were a third of the redirect's SQL.
 * This stores each one, autoloaded, when it is missing (activation, and a check on `init` that
 * costs an array lookup when nothing is missing), and turns autoload on for one saved without it.
 *
 * The stored values change nothing a reader of the option sees: the link settings' defaults
 * (what LinkSettings::all() returns for a missing option); an empty array for the general
 * settings (Settings::all() fills in the defaults at read time, so the default disclosure
 * stays in the visitor's language); an empty array for the cache status (CacheStatusLog::last()
 * reads it as "last seen healthy").
 */
final class EarlyOptions {

	/**
	 * The options the early check reads, and the value each gets when missing.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function defaults(): array {
		return array(
			LinkSettings::OPTION   => LinkSettings::defaults(),
			Settings::OPTION       => array(),
			CacheStatusLog::OPTION => array(),
		);
	}

	/**
	 * Stores the missing ones and autoloads the others; the names it changed.
	 *
	 * @return list<string>
	 */
	public static function ensure(): array {
		global $wpdb;
		$loaded  = wp_load_alloptions();
		$changed = array();
		foreach ( self::defaults() as $name => $value ) {
			if ( array_key_exists( $name, $loaded ) ) {
				continue;
			}
			// INSERT IGNORE, not add_option(): a value saved meanwhile by another request must win.
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the caches are cleared below.
			$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'yes')", $name, maybe_serialize( $value ) ) );
			if ( 1 !== $inserted ) {
				// Saved without autoload (or by a request running now): autoload it as it is.
				self::autoload( $name );
			}
			$changed[] = $name;
		}
		if ( array() !== $changed ) {
			wp_cache_delete( 'alloptions', 'options' );
			wp_cache_delete( 'notoptions', 'options' );
			foreach ( $changed as $name ) {
				wp_cache_delete( $name, 'options' );
			}
		}
		return $changed;
	}

	/**
	 * Turns autoload on for an existing option, keeping its value.
	 *
	 * @param string $name Option name.
	 */
	private static function autoload( string $name ): void {
		if ( function_exists( 'wp_set_option_autoload' ) ) {
			// WordPress 6.4+: its own values ('on' since 6.6) and caches.
			wp_set_option_autoload( $name, true );
			return;
		}
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- WordPress before 6.4 has no function for it; the caches are cleared by the caller.
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET autoload = 'yes' WHERE option_name = %s", $name ) );
	}
}
