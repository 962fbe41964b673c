<?php
/**
 * REST endpoints of the settings screen: GET/POST /afflux/v1/settings, GET /settings/cache-check.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Cache\CacheReadCheck;
use Afflux\Cache\ConfigWriter;
use Afflux\Links\LinkSettings;
use Afflux\Service;
use Afflux\Settings\DaemonSettings;
use Afflux\Settings\DisclosureDefaults;
use Afflux\Settings\NetworkFields;
use Afflux\Settings\Settings;
use Afflux\Settings\SettingsInput;

/**
 * Reads and saves the three options behind the screen (afflux_settings, afflux_links,
 * afflux_daemon), each through its registered sanitizer; checks every field first and answers
 * 400 with one message per wrong field; then hands the daemon its accounts through the cache's
 * config table. Credentials are write-only: no answer ever holds one.
 */
final class SettingsController extends \WP_REST_Controller implements Service {

	/**
	 * Builds the controller.
	 *
	 * @param Settings $settings The afflux_settings option.
	 */
	public function __construct( private readonly Settings $settings ) {
		$this->namespace = ProductsController::ROUTE_NAMESPACE;
		$this->rest_base = 'settings';
	}

	/**
	 * Registers the routes when the REST API starts.
	 */
	public function init(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers GET and POST /settings and GET /settings/cache-check.
	 */
	public function register_routes(): void {
		$permission = array( $this, 'permissions_check' );
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => $permission,
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => $permission,
					'args'                => $this->input_args(),
				),
			)
		);
		register_rest_route(
			ProductsController::ROUTE_NAMESPACE,
			'/' . $this->rest_base . '/cache-check',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'check_cache' ),
					'permission_callback' => $permission,
					'args'                => array(
						'path' => array(
							'type'     => 'string',
							'required' => true,
						),
					),
				),
			)
		);
	}

	/**
	 * Administrators only: the screen holds accounts.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function permissions_check( $request ) {
		return AdminPermission::check( __( 'Sorry, you are not allowed to manage the Afflux settings.', 'afflux' ) );
	}

	/**
	 * The settings as the screen shows them.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return rest_ensure_response( $this->current() );
	}

	/**
	 * Checks every field, saves, then hands the daemon its accounts.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$input = array();
		foreach ( array( 'general', 'links', 'networks', 'schedules' ) as $part ) {
			$value = $request->get_param( $part );
			if ( is_array( $value ) ) {
				$input[ $part ] = $value;
			}
		}
		$checker = new SettingsInput();
		$clean   = $checker->check( $input, $this->settings->all(), LinkSettings::all(), DaemonSettings::all() );
		if ( array() !== $checker->errors() ) {
			return new \WP_Error(
				'afflux_invalid_settings',
				__( 'Some settings are not valid; nothing was saved.', 'afflux' ),
				array(
					'status' => 400,
					'fields' => $checker->errors(),
				)
			);
		}
		update_option( Settings::OPTION, $clean['general'] );
		update_option( LinkSettings::OPTION, $clean['links'] );
		DaemonSettings::store( $clean['daemon'] );

		$error    = ( new ConfigWriter( $this->settings->cache_path() ) )->write( DaemonSettings::config_rows(), gmdate( 'Y-m-d\TH:i:s\Z' ) );
		$response = $this->current();

		$response['daemon_handoff'] = array(
			'written' => null === $error,
			'message' => $error ?? __( 'Saved. The daemon reads its accounts and schedules from the cache at its next run.', 'afflux' ),
		);
		return rest_ensure_response( $response );
	}

	/**
	 * The live read check of a cache location.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function check_cache( $request ) {
		$path = trim( (string) $request->get_param( 'path' ) );
		if ( '' === $path || str_contains( $path, '://' ) || str_contains( $path, "\0" ) || ! path_is_absolute( $path ) ) {
			return rest_ensure_response(
				array(
					'state'    => 'invalid',
					'reason'   => __( 'The cache location must be an absolute path on this server.', 'afflux' ),
					'advice'   => '',
					'products' => null,
				)
			);
		}
		return rest_ensure_response( ( new CacheReadCheck() )->check( $path ) );
	}

	/**
	 * What the screen shows: no credential, only whether each one is set.
	 *
	 * @return array<string, mixed>
	 */
	private function current(): array {
		$daemon = DaemonSettings::public_view();
		return array(
			'general'             => $this->settings->all(),
			'links'               => LinkSettings::all(),
			'networks'            => $daemon['networks'],
			'schedules'           => $daemon['schedules'],
			'disclosure_defaults' => DisclosureDefaults::all(),
			'handed_to_daemon'    => ( new ConfigWriter( $this->settings->cache_path() ) )->written_keys(),
		);
	}

	/**
	 * The POST body's schema: every object closed (additionalProperties false); the values'
	 * meaning (ranges, patterns, paths) is checked by SettingsInput, which names the field.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function input_args(): array {
		$networks = array();
		foreach ( NetworkFields::all() as $name => $network ) {
			$fields = array();
			foreach ( array_keys( $network['fields'] ) as $key ) {
				$fields[ $key ] = array( 'type' => 'string' );
			}
			$networks[ $name ] = array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'properties'           => array(
					'enabled' => array( 'type' => 'boolean' ),
					'values'  => array(
						'type'                 => 'object',
						'additionalProperties' => false,
						'properties'           => $fields,
					),
				),
			);
		}
		$schedules = array();
		foreach ( array_keys( DaemonSettings::DEFAULT_SCHEDULES ) as $kind ) {
			$schedules[ $kind ] = array( 'type' => 'string' );
		}
		return array(
			'general'   => array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'properties'           => array(
					'cache_path'          => array( 'type' => 'string' ),
					'utm_template'        => array( 'type' => 'string' ),
					'disclosure_text'     => array( 'type' => 'string' ),
					'price_max_age_hours' => array( 'type' => array( 'integer', 'string' ) ),
					'unavailable_display' => array( 'type' => 'string' ),
				),
			),
			'links'     => array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'properties'           => array(
					'link_mode'            => array( 'type' => 'string' ),
					'link_prefix'          => array( 'type' => 'string' ),
					'click_retention_days' => array( 'type' => array( 'integer', 'string' ) ),
				),
			),
			'networks'  => array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'properties'           => $networks,
			),
			'schedules' => array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'properties'           => $schedules,
			),
		);
	}
}
