<?php
/**
 * Tests for Settings.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Settings;

use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The afflux_settings option.
 */
final class SettingsTest extends AffluxTestCase {

	/**
	 * Unknown keys are dropped; known ones are cleaned.
	 */
	public function test_sanitize_keeps_only_known_keys(): void {
		$clean = ( new Settings() )->sanitize(
			array(
				'cache_path'      => '/srv/afflux/cache.sqlite',
				'utm_template'    => 'utm_source={site}<script>',
				'disclosure_text' => 'Liens affiliés.',
				'api_key'         => 'secret',
			)
		);
		$this->assertSame( array( 'cache_path', 'utm_template', 'disclosure_text', 'price_max_age_hours', 'unavailable_display' ), array_keys( $clean ) );
		$this->assertSame( '/srv/afflux/cache.sqlite', $clean['cache_path'] );
		$this->assertSame( 'utm_source={site}', $clean['utm_template'] );
		$this->assertSame( 'Liens affiliés.', $clean['disclosure_text'] );
	}

	/**
	 * A relative path or a stream wrapper falls back to the default cache path.
	 */
	public function test_sanitize_refuses_unsafe_cache_paths(): void {
		$settings = new Settings();
		$default  = $settings->defaults()['cache_path'];
		foreach ( array( 'cache.sqlite', 'phar:///tmp/x.phar/cache.sqlite', "/tmp/a\0b", '' ) as $path ) {
			$this->assertSame( $default, $settings->sanitize( array( 'cache_path' => $path ) )['cache_path'], $path );
		}
	}

	/**
	 * The defaults: the AFFLUX_CACHE_PATH constant when defined, the UTM template, a disclosure.
	 */
	public function test_defaults(): void {
		$defaults = ( new Settings() )->defaults();
		$expected = defined( 'AFFLUX_CACHE_PATH' ) ? AFFLUX_CACHE_PATH : dirname( WP_CONTENT_DIR ) . '/afflux-cache/cache.sqlite';
		$this->assertSame( $expected, $defaults['cache_path'] );
		$this->assertSame( Settings::DEFAULT_UTM_TEMPLATE, $defaults['utm_template'] );
		$this->assertNotSame( '', $defaults['disclosure_text'] );
	}

	/**
	 * An empty disclosure falls back to the default: affiliate links are always disclosed.
	 */
	public function test_empty_disclosure_falls_back_to_the_default(): void {
		$settings = new Settings();
		$this->assertSame( $settings->defaults()['disclosure_text'], $settings->sanitize( array( 'disclosure_text' => '  ' ) )['disclosure_text'] );
	}

	/**
	 * The option is registered with a REST schema that allows no other keys.
	 */
	public function test_option_is_registered_for_rest(): void {
		$registered = get_registered_settings();
		$this->assertArrayHasKey( Settings::OPTION, $registered );
		$this->assertFalse( $registered[ Settings::OPTION ]['show_in_rest']['schema']['additionalProperties'] );
	}
}
