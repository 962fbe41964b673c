<?php
/**
 * Tests for the options the early /go/ check reads.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Cache\CacheStatusLog;
use Afflux\Links\LinkSettings;
use Afflux\Redirect\EarlyOptions;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- reads the options table as WordPress's next request would.

/**
 * After EarlyOptions::ensure() each option exists and is autoloaded, with what the settings
 * classes read for a missing option, and nothing saved before is overwritten.
 */
final class EarlyOptionsTest extends AffluxTestCase {

	/**
	 * The options' rows before the test, restored after it.
	 *
	 * @var array<string, array{option_value: string, autoload: string}|null>
	 */
	private array $saved = array();

	/**
	 * Keeps the current rows.
	 */
	protected function set_up(): void {
		parent::set_up();
		foreach ( array_keys( EarlyOptions::defaults() ) as $name ) {
			$this->saved[ $name ] = $this->row( $name );
		}
	}

	/**
	 * Puts the rows back as they were.
	 */
	protected function tear_down(): void {
		global $wpdb;
		foreach ( $this->saved as $name => $row ) {
			$wpdb->delete( $wpdb->options, array( 'option_name' => $name ) );
			if ( null !== $row ) {
				$wpdb->insert( $wpdb->options, array( 'option_name' => $name ) + $row );
			}
		}
		$this->flush();
		parent::tear_down();
	}

	/**
	 * Missing options are stored autoloaded, and read back as the defaults.
	 */
	public function test_missing_options_are_stored_autoloaded(): void {
		foreach ( array_keys( EarlyOptions::defaults() ) as $name ) {
			delete_option( $name );
		}
		$this->flush();

		$changed = EarlyOptions::ensure();

		$this->assertEqualsCanonicalizing( array( LinkSettings::OPTION, Settings::OPTION, CacheStatusLog::OPTION ), $changed );
		foreach ( array_keys( EarlyOptions::defaults() ) as $name ) {
			$this->assertSame( 'yes', $this->row( $name )['autoload'] ?? null, $name . ' is autoloaded' );
		}
		$this->flush();
		$this->assertSame( LinkSettings::defaults(), LinkSettings::all() );
		$this->assertSame( ( new Settings() )->defaults(), ( new Settings() )->all() );
		$this->assertNull( ( new CacheStatusLog() )->last() );
		$this->assertSame( array(), EarlyOptions::ensure(), 'a second call changes nothing' );
	}

	/**
	 * An option saved without autoload keeps its value and becomes autoloaded.
	 */
	public function test_a_saved_option_keeps_its_value_and_is_autoloaded(): void {
		delete_option( LinkSettings::OPTION );
		add_option(
			LinkSettings::OPTION,
			array(
				'link_mode'            => 'cloaked',
				'link_prefix'          => 'vers',
				'click_retention_days' => 30,
			),
			'',
			'no'
		);
		$this->flush();

		$this->assertContains( LinkSettings::OPTION, EarlyOptions::ensure() );

		$this->assertSame( 'yes', $this->row( LinkSettings::OPTION )['autoload'] ?? null );
		$this->flush();
		$this->assertSame( 'vers', LinkSettings::prefix() );
	}

	/**
	 * A healthy cache after a problem empties the status option, keeping it autoloaded.
	 */
	public function test_a_healthy_cache_keeps_the_status_option(): void {
		$log = new CacheStatusLog();
		$log->record( \Afflux\Cache\CacheStatus::missing() );
		$this->assertNotNull( $log->last() );

		( new CacheStatusLog() )->record( \Afflux\Cache\CacheStatus::ok() );

		$this->assertNull( ( new CacheStatusLog() )->last() );
		$this->assertSame( 'yes', $this->row( CacheStatusLog::OPTION )['autoload'] ?? null );
	}

	/**
	 * An option's row as stored.
	 *
	 * @param string $name Option name.
	 * @return array{option_value: string, autoload: string}|null
	 */
	private function row( string $name ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = %s", $name ), ARRAY_A );
		return is_array( $row ) ? array(
			'option_value' => (string) $row['option_value'],
			'autoload'     => (string) $row['autoload'],
		) : null;
	}

	/**
	 * Forgets WordPress's in-memory copies of the options.
	 */
	private function flush(): void {
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		foreach ( array_keys( EarlyOptions::defaults() ) as $name ) {
			wp_cache_delete( $name, 'options' );
		}
	}
}
