<?php
/**
 * A daily visitor key that cannot be turned back into an address.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

/**
 * A keyed hash of address and user agent with a random salt made for the current UTC day and
 * deleted the day after: repeat clicks by one reader collapse within a day, yet once the salt
 * is gone nobody (not even the site owner) can tell which address a key stood for. No cookie
 * is set. The hash is keyed BLAKE2b (libsodium's generichash) where PHP has the sodium
 * extension, as it has by default, else HMAC-SHA256: on a click, BLAKE2b took a third of the
 * time. Both redirect paths run in the same PHP, so they always choose the same one.
 */
final class VisitorKey {

	public const SALT_OPTION_PREFIX = 'afflux_visitor_salt_';

	/**
	 * The key for a request on a day; '' when no address is known.
	 *
	 * @param string $ip         Remote address.
	 * @param string $user_agent User agent.
	 * @param string $day        UTC day, Y-m-d.
	 */
	public static function for_request( string $ip, string $user_agent, string $day ): string {
		if ( '' === $ip ) {
			return '';
		}
		return self::with_salt( $ip, $user_agent, self::salt( $day ) );
	}

	/**
	 * The key for an address and agent under a given day's salt (the no-WordPress entry point
	 * reads the same salt row through PDO).
	 *
	 * @param string $ip         Remote address.
	 * @param string $user_agent User agent.
	 * @param string $salt       The day's salt.
	 */
	public static function with_salt( string $ip, string $user_agent, string $salt ): string {
		if ( '' === $ip || '' === $salt ) {
			return '';
		}
		$message = $ip . "\n" . $user_agent;
		// The salt is 64 hex characters: a key of the length BLAKE2b takes (16 to 64 bytes).
		if ( extension_loaded( 'sodium' ) && strlen( $salt ) >= SODIUM_CRYPTO_GENERICHASH_KEYBYTES_MIN && strlen( $salt ) <= SODIUM_CRYPTO_GENERICHASH_KEYBYTES_MAX ) {
			return bin2hex( substr( sodium_crypto_generichash( $message, $salt, SODIUM_CRYPTO_GENERICHASH_BYTES_MIN ), 0, 8 ) );
		}
		return substr( hash_hmac( 'sha256', $message, $salt ), 0, 16 );
	}

	/**
	 * The day's salt, created on first use. INSERT IGNORE then read: concurrent first clicks of
	 * a day all end up with the one salt that won, and no salt is ever overwritten.
	 *
	 * @param string $day UTC day, Y-m-d.
	 */
	public static function salt( string $day ): string {
		$name  = self::SALT_OPTION_PREFIX . $day;
		$value = get_option( $name );
		if ( is_string( $value ) && '' !== $value ) {
			return $value;
		}
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- add_option() would overwrite a concurrent winner (ON DUPLICATE KEY UPDATE).
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'yes')", $name, bin2hex( random_bytes( 32 ) ) ) );
		$value = (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		// phpcs:enable
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		return $value;
	}
}
