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

	public const DEFAULT_UTM_TEMPLATE = 'utm_source={site}&utm_medium=affiliate&utm_campaign={post_slug}&utm_content={block}';

	/**
	 * The stored value last sanitized by all(), and its result: a page with many cards
	 * reads the settings many times.
	 *
	 * @var array{0: mixed, 1: array{cache_path: string, utm_template: string, disclosure_text: string}}|null
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
							'cache_path'      => array( 'type' => 'string' ),
							'utm_template'    => array( 'type' => 'string' ),
							'disclosure_text' => array( 'type' => 'string' ),
						),
					),
				),
			)
		);
	}

	/**
	 * The default values, computed at call time so the disclosure is translated.
	 *
	 * @return array{cache_path: string, utm_template: string, disclosure_text: string}
	 */
	public function defaults(): array {
		return array(
			'cache_path'      => $this->default_cache_path(),
			'utm_template'    => self::DEFAULT_UTM_TEMPLATE,
			'disclosure_text' => __( 'This post contains affiliate links: we may earn a commission if you buy through them, at no extra cost to you.', 'afflux' ),
		);
	}

	/**
	 * Keeps only known keys, cleans each value and falls back to the default when a value
	 * is unusable.
	 *
	 * @param mixed $value The submitted option value.
	 * @return array{cache_path: string, utm_template: string, disclosure_text: string}
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

		return $clean;
	}

	/**
	 * All settings, stored values over defaults.
	 *
	 * @return array{cache_path: string, utm_template: string, disclosure_text: string}
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
