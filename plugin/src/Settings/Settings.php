<?php
/**
 * The afflux_settings option: registration, defaults and sanitising.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Settings;

use Afflux\Service;

/**
 * Reads and registers Afflux's site settings, stored in one option.
 */
final class Settings implements Service {

	public const OPTION = 'afflux_settings';

	/**
	 * What a card shows when its product is gone or out of stock.
	 */
	public const UNAVAILABLE_DISPLAYS = array( 'label', 'hide', 'alternative' );

	public const DEFAULT_PRICE_MAX_AGE_HOURS = 24;

	public const DEFAULT_UTM_TEMPLATE = 'utm_source={site}&utm_medium=affiliate&utm_campaign={post_slug}&utm_content={block}';

	/**
	 * The stored value last sanitized by all(), and its result: a page with many cards
	 * reads the settings many times.
	 *
	 * @var array{0: mixed, 1: array{cache_path: string, utm_template: string, disclosure_text: string, price_max_age_hours: int, unavailable_display: string}}|null
	 */
	private ?array $memo = null;

	/**
	 * Registers the option on init, so both the admin and the REST API see it.
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
				'description'       => __( 'Afflux settings.', 'afflux' ),
				'sanitize_callback' => array( $this, 'sanitize' ),
				'default'           => $this->defaults(),
				'show_in_rest'      => array(
					'schema' => array(
						'type'                 => 'object',
						'additionalProperties' => false,
						'properties'           => array(
							'cache_path'          => array( 'type' => 'string' ),
							'utm_template'        => array( 'type' => 'string' ),
							'disclosure_text'     => array( 'type' => 'string' ),
							'price_max_age_hours' => array(
								'type'    => 'integer',
								'minimum' => 1,
								'maximum' => 720,
							),
							'unavailable_display' => array(
								'type' => 'string',
								'enum' => self::UNAVAILABLE_DISPLAYS,
							),
						),
					),
				),
			)
		);
	}

	/**
	 * The default values, computed at call time so the disclosure is translated.
	 *
	 * @return array{cache_path: string, utm_template: string, disclosure_text: string, price_max_age_hours: int, unavailable_display: string}
	 */
	public function defaults(): array {
		return array(
			'cache_path'          => $this->default_cache_path(),
			'utm_template'        => self::DEFAULT_UTM_TEMPLATE,
			'disclosure_text'     => __( 'This post contains affiliate links: we may earn a commission if you buy through them, at no extra cost to you.', 'afflux' ),
			'price_max_age_hours' => self::DEFAULT_PRICE_MAX_AGE_HOURS,
			'unavailable_display' => 'label',
		);
	}

	/**
	 * Keeps only known keys, cleans each value and falls back to the default when a value
	 * is unusable.
	 *
	 * @param mixed $value The submitted option value.
	 * @return array{cache_path: string, utm_template: string, disclosure_text: string, price_max_age_hours: int, unavailable_display: string}
	 */
	public function sanitize( $value ): array {
		$defaults = $this->defaults();
		$input    = is_array( $value ) ? $value : array();
		$clean    = $defaults;

		if ( isset( $input['cache_path'] ) && is_string( $input['cache_path'] ) ) {
			$path = trim( $input['cache_path'] );
			if ( $this->is_acceptable_cache_path( $path ) ) {
				$clean['cache_path'] = $path;
			}
		}
		if ( isset( $input['utm_template'] ) && is_string( $input['utm_template'] ) ) {
			// An empty template is allowed: it means "add no UTM parameters".
			$clean['utm_template'] = trim( sanitize_text_field( $input['utm_template'] ) );
		}
		if ( isset( $input['disclosure_text'] ) && is_string( $input['disclosure_text'] ) ) {
			$text = sanitize_textarea_field( $input['disclosure_text'] );
			if ( '' !== trim( $text ) ) {
				$clean['disclosure_text'] = $text;
			}
		}

		if ( isset( $input['price_max_age_hours'] ) && is_numeric( $input['price_max_age_hours'] ) ) {
			$hours = (int) $input['price_max_age_hours'];
			if ( $hours >= 1 && $hours <= 720 ) {
				$clean['price_max_age_hours'] = $hours;
			}
		}
		if ( isset( $input['unavailable_display'] ) && in_array( $input['unavailable_display'], self::UNAVAILABLE_DISPLAYS, true ) ) {
			$clean['unavailable_display'] = (string) $input['unavailable_display'];
		}

		return $clean;
	}

	/**
	 * All settings, stored values over defaults.
	 *
	 * @return array{cache_path: string, utm_template: string, disclosure_text: string, price_max_age_hours: int, unavailable_display: string}
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		if ( null !== $this->memo && $this->memo[0] === $stored ) {
			return $this->memo[1];
		}
		$all        = $this->sanitize( is_array( $stored ) ? $stored : array() );
		$this->memo = array( $stored, $all );
		return $all;
	}

	/**
	 * Absolute path of the daemon's SQLite cache file.
	 */
	public function cache_path(): string {
		return $this->all()['cache_path'];
	}

	/**
	 * The UTM template, e.g. utm_source={site}&utm_medium=affiliate.
	 */
	public function utm_template(): string {
		return $this->all()['utm_template'];
	}

	/**
	 * The disclosure sentence shown next to affiliate links.
	 */
	public function disclosure_text(): string {
		return $this->all()['disclosure_text'];
	}

	/**
	 * Prices checked longer ago than this many hours are not shown.
	 */
	public function price_max_age_hours(): int {
		return $this->all()['price_max_age_hours'];
	}

	/**
	 * What a card shows for a gone or out-of-stock product: label ("unavailable"), hide, or
	 * alternative (another offer with the same GTIN or from the same merchant).
	 */
	public function unavailable_display(): string {
		return $this->all()['unavailable_display'];
	}

	/**
	 * The constant wins as a default because wp-config.php is where hosts put paths;
	 * otherwise beside wp-content, which is usually outside the web root.
	 */
	private function default_cache_path(): string {
		if ( defined( 'AFFLUX_CACHE_PATH' ) && is_string( AFFLUX_CACHE_PATH ) && '' !== AFFLUX_CACHE_PATH ) {
			return AFFLUX_CACHE_PATH;
		}
		return dirname( WP_CONTENT_DIR ) . '/afflux-cache/cache.sqlite';
	}

	/**
	 * An absolute local path with no stream wrapper (phar://, http://) and no NUL byte.
	 *
	 * @param string $path Candidate path.
	 */
	private function is_acceptable_cache_path( string $path ): bool {
		if ( '' === $path || str_contains( $path, "\0" ) || str_contains( $path, '://' ) ) {
			return false;
		}
		return path_is_absolute( $path );
	}
}
