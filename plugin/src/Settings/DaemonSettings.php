<?php
/**
 * The afflux_daemon option: network accounts (with credentials) and the daemon's schedules.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Settings;

use Afflux\Service;

/**
 * Holds what the daemon needs and the plugin hands it through the cache's config table.
 * Credentials live here, in an option that is never autoloaded and never shown in REST:
 * the public view says only whether each one is set.
 *
 * @phpstan-type Network array{enabled: bool, values: array<string, string|list<string>>}
 * @phpstan-type Stored array{networks: array<string, Network>, schedules: array<string, string>}
 */
final class DaemonSettings implements Service {

	public const OPTION = 'afflux_daemon';

	/**
	 * The daemon's schedule keys and defaults (daemon/src/config.ts).
	 */
	public const DEFAULT_SCHEDULES = array(
		'programmes'  => '0 3 * * *',
		'catalogue'   => '0 */6 * * *',
		'links'       => '30 */2 * * *',
		'commissions' => '15 */4 * * *',
	);

	/**
	 * Registers the option on init.
	 */
	public function init(): void {
		add_action( 'init', array( $this, 'register' ) );
	}

	/**
	 * Registers the option, kept out of the REST settings endpoint: it holds credentials.
	 */
	public function register(): void {
		register_setting(
			'afflux',
			self::OPTION,
			array(
				'type'              => 'object',
				'description'       => __( 'Afflux network accounts and daemon schedules.', 'afflux' ),
				'sanitize_callback' => array( self::class, 'sanitize' ),
				'default'           => self::defaults(),
				'show_in_rest'      => false,
			)
		);
	}

	/**
	 * No network, the daemon's default schedules.
	 *
	 * @return Stored
	 */
	public static function defaults(): array {
		return array(
			'networks'  => array(),
			'schedules' => self::DEFAULT_SCHEDULES,
		);
	}

	/**
	 * Keeps known networks, fields and schedules of the right shape; drops the rest. Values are
	 * checked by SettingsInput before they get here; this only guarantees the stored shape.
	 *
	 * @param mixed $value The stored or submitted value.
	 * @return Stored
	 */
	public static function sanitize( $value ): array {
		$input = is_array( $value ) ? $value : array();
		$clean = self::defaults();
		$known = NetworkFields::all();

		$networks = isset( $input['networks'] ) && is_array( $input['networks'] ) ? $input['networks'] : array();
		foreach ( $networks as $name => $network ) {
			if ( ! isset( $known[ $name ] ) || ! is_array( $network ) ) {
				continue;
			}
			$values = array();
			foreach ( $known[ $name ]['fields'] as $key => $field ) {
				$raw = $network['values'][ $key ] ?? null;
				if ( NetworkFields::LIST === $field['type'] && is_array( $raw ) ) {
					$values[ $key ] = array_values( array_map( 'strval', array_filter( $raw, 'is_scalar' ) ) );
				} elseif ( is_string( $raw ) && '' !== $raw ) {
					$values[ $key ] = $raw;
				}
			}
			$clean['networks'][ (string) $name ] = array(
				'enabled' => ! empty( $network['enabled'] ),
				'values'  => $values,
			);
		}

		$schedules = isset( $input['schedules'] ) && is_array( $input['schedules'] ) ? $input['schedules'] : array();
		foreach ( self::DEFAULT_SCHEDULES as $kind => $default ) {
			if ( isset( $schedules[ $kind ] ) && is_string( $schedules[ $kind ] ) && null !== CronExpression::parse( $schedules[ $kind ] ) ) {
				$clean['schedules'][ $kind ] = trim( $schedules[ $kind ] );
			}
		}
		return $clean;
	}

	/**
	 * The stored value over the defaults.
	 *
	 * @return Stored
	 */
	public static function all(): array {
		return self::sanitize( get_option( self::OPTION, array() ) );
	}

	/**
	 * Stores the value, never autoloaded (it holds credentials that no page view needs).
	 *
	 * @param array<string, mixed> $value The new value (Stored shape).
	 */
	public static function store( array $value ): void {
		$clean = self::sanitize( $value );
		// update_option() skips a value equal to the registered default, so a first save adds it.
		if ( ! add_option( self::OPTION, $clean, '', false ) ) {
			update_option( self::OPTION, $clean, false );
		}
	}

	/**
	 * What the settings screen may see: each field's value, but for credentials only whether
	 * one is set.
	 *
	 * @return array{networks: array<string, array{label: string, enabled: bool, fields: list<array{key: string, label: string, type: string, required: bool, value: string, set: bool}>}>, schedules: array<string, string>}
	 */
	public static function public_view(): array {
		$stored   = self::all();
		$networks = array();
		foreach ( NetworkFields::all() as $name => $network ) {
			$values = $stored['networks'][ $name ]['values'] ?? array();
			$fields = array();
			foreach ( $network['fields'] as $key => $field ) {
				$value    = $values[ $key ] ?? '';
				$fields[] = array(
					'key'      => $key,
					'label'    => $field['label'],
					'type'     => $field['type'],
					'required' => $field['required'],
					// A credential's value never leaves the server.
					'value'    => NetworkFields::SECRET === $field['type'] ? '' : ( is_array( $value ) ? implode( ', ', $value ) : $value ),
					'set'      => array() !== $value && '' !== $value,
				);
			}
			$networks[ $name ] = array(
				'label'   => $network['label'],
				'enabled' => $stored['networks'][ $name ]['enabled'] ?? false,
				'fields'  => $fields,
			);
		}
		return array(
			'networks'  => $networks,
			'schedules' => $stored['schedules'],
		);
	}

	/**
	 * The rows of the cache's config table that hand the daemon its accounts: one per network
	 * the owner has set up (null: delete the row, the daemon's own file then decides), and the
	 * schedules.
	 *
	 * @return array<string, string|null> Key => JSON value, or null to delete.
	 */
	public static function config_rows(): array {
		$stored = self::all();
		$rows   = array();
		foreach ( NetworkFields::names() as $name ) {
			$network = $stored['networks'][ $name ] ?? null;
			if ( null === $network || ( ! $network['enabled'] && array() === $network['values'] ) ) {
				$rows[ 'networks.' . $name ] = null;
				continue;
			}
			$rows[ 'networks.' . $name ] = (string) wp_json_encode( array( 'enabled' => $network['enabled'] ) + $network['values'] );
		}
		$rows['schedules'] = (string) wp_json_encode( $stored['schedules'] );
		return $rows;
	}
}
