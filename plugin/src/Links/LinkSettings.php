<?php
/**
 * The afflux_links option: link mode, cloaked-link prefix, click retention.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

use Afflux\Service;

/**
 * Link and click settings, in their own small autoloaded option so the early /go/ check can
 * read them before the rest of the plugin is built.
 *
 * @phpstan-type LinkSettingsValues array{link_mode: string, link_prefix: string, click_retention_days: int}
 */
final class LinkSettings implements Service {

	public const OPTION = 'afflux_links';

	public const MODES = array( 'direct', 'cloaked' );

	public const PREFIX_PATTERN = '/^[a-z0-9][a-z0-9-]{0,31}$/';

	/**
	 * Prefixes that would shadow WordPress's own paths.
	 */
	private const RESERVED_PREFIXES = array( 'wp-admin', 'wp-content', 'wp-includes', 'wp-json', 'feed', 'page', 'category', 'tag', 'author', 'search', 'comments', 'embed' );

	/**
	 * The last stored value read and its sanitised form.
	 *
	 * @var array{0: mixed, 1: array{link_mode: string, link_prefix: string, click_retention_days: int}}|null
	 */
	private static ?array $memo = null;

	/**
	 * Registers the option on init.
	 */
	public function init(): void {
		add_action( 'init', array( $this, 'register' ) );
	}

	/**
	 * Registers the option with its sanitizer and REST schema.
	 */
	public function register(): void {
		register_setting(
			'afflux',
			self::OPTION,
			array(
				'type'              => 'object',
				'description'       => __( 'Afflux link and click settings.', 'afflux' ),
				'sanitize_callback' => array( self::class, 'sanitize' ),
				'default'           => self::defaults(),
				'show_in_rest'      => array(
					'schema' => array(
						'type'                 => 'object',
						'additionalProperties' => false,
						'properties'           => array(
							'link_mode'            => array(
								'type' => 'string',
								'enum' => self::MODES,
							),
							'link_prefix'          => array(
								'type'    => 'string',
								'pattern' => '^[a-z0-9][a-z0-9-]{0,31}$',
							),
							'click_retention_days' => array(
								'type'    => 'integer',
								'minimum' => 1,
								'maximum' => 3650,
							),
						),
					),
				),
			)
		);
	}

	/**
	 * The defaults: direct links (no redirect hop), prefix "go", raw clicks kept 90 days.
	 *
	 * @return array{link_mode: string, link_prefix: string, click_retention_days: int}
	 */
	public static function defaults(): array {
		return array(
			'link_mode'            => 'direct',
			'link_prefix'          => 'go',
			'click_retention_days' => 90,
		);
	}

	/**
	 * Keeps known keys with valid values, the default otherwise.
	 *
	 * @param mixed $value The submitted option value.
	 * @return array{link_mode: string, link_prefix: string, click_retention_days: int}
	 */
	public static function sanitize( $value ): array {
		$input = is_array( $value ) ? $value : array();
		$clean = self::defaults();

		if ( isset( $input['link_mode'] ) && in_array( $input['link_mode'], self::MODES, true ) ) {
			$clean['link_mode'] = (string) $input['link_mode'];
		}
		if ( isset( $input['link_prefix'] ) && is_string( $input['link_prefix'] ) ) {
			$prefix = strtolower( trim( $input['link_prefix'], " \t\n\r\0\x0B/" ) );
			if ( 1 === preg_match( self::PREFIX_PATTERN, $prefix ) && ! in_array( $prefix, self::RESERVED_PREFIXES, true ) ) {
				$clean['link_prefix'] = $prefix;
			}
		}
		if ( isset( $input['click_retention_days'] ) && is_numeric( $input['click_retention_days'] ) ) {
			$days = (int) $input['click_retention_days'];
			if ( $days >= 1 && $days <= 3650 ) {
				$clean['click_retention_days'] = $days;
			}
		}
		return $clean;
	}

	/**
	 * The stored settings over the defaults.
	 *
	 * @return array{link_mode: string, link_prefix: string, click_retention_days: int}
	 */
	public static function all(): array {
		// Every link of a page asks (cloaked or not, which prefix): sanitised once per stored
		// value, so a change made during the request (tests, the settings screen) still applies.
		$stored = get_option( self::OPTION, array() );
		if ( null === self::$memo || self::$memo[0] !== $stored ) {
			self::$memo = array( $stored, self::sanitize( $stored ) );
		}
		return self::$memo[1];
	}

	/**
	 * Whether cards link through /{prefix}/ rather than straight to the network.
	 */
	public static function is_cloaked(): bool {
		return 'cloaked' === self::all()['link_mode'];
	}

	/**
	 * The cloaked-link prefix, e.g. go.
	 */
	public static function prefix(): string {
		return self::all()['link_prefix'];
	}

	/**
	 * Days raw clicks are kept.
	 */
	public static function retention_days(): int {
		return self::all()['click_retention_days'];
	}
}
