<?php
/**
 * Tests for the click log's daily upkeep and request classification.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Clicks;

use Afflux\Clicks\ClickLog;
use Afflux\Clicks\ClickMaintenance;
use Afflux\Clicks\ClickRequest;
use Afflux\Clicks\ClickSchema;
use Afflux\Clicks\VisitorKey;
use Afflux\Redirect\Destination;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- counting the plugin's own rows.

/**
 * Aggregates, retention, salt rotation, and what a request is reduced to.
 */
final class ClickMaintenanceTest extends AffluxTestCase {

	private const POST = 987654321;

	/**
	 * Clean tables for this test's post.
	 */
	protected function set_up(): void {
		parent::set_up();
		ClickSchema::ensure();
		$this->clean();
	}

	/**
	 * Removes this test's rows.
	 */
	protected function tear_down(): void {
		$this->clean();
		parent::tear_down();
	}

	/**
	 * Daily totals count humans, bots and distinct visitors, and recomputing gives the same.
	 */
	public function test_aggregate_counts_clicks_bots_and_visitors(): void {
		$now   = strtotime( '2026-03-10 12:00:00 UTC' );
		$human = ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'Mozilla/5.0 Firefox',
				'REMOTE_ADDR'     => '192.0.2.1',
			)
		);
		$other = ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'Mozilla/5.0 Firefox',
				'REMOTE_ADDR'     => '192.0.2.2',
			)
		);
		$bot   = ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'AhrefsBot/7.0',
				'REMOTE_ADDR'     => '192.0.2.3',
			)
		);
		foreach ( array( $human, $human, $other, $bot ) as $request ) {
			$this->assertTrue( ClickLog::record( $this->destination(), $request, true, $now ) );
		}

		ClickMaintenance::aggregate( '2026-03-10' );
		ClickMaintenance::aggregate( '2026-03-10' );

		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT day, clicks, bot_clicks, visitors FROM ' . ClickSchema::days_table() . ' WHERE post_id = %d', self::POST ), ARRAY_A );
		$this->assertSame(
			array(
				array(
					'day'        => '2026-03-10',
					'clicks'     => '3',
					'bot_clicks' => '1',
					'visitors'   => '2',
				),
			),
			$rows
		);
	}

	/**
	 * Raw clicks older than the retention are purged, newer ones kept.
	 */
	public function test_purge_respects_retention(): void {
		$now     = strtotime( '2026-03-10 12:00:00 UTC' );
		$request = ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'Mozilla/5.0',
			)
		);
		ClickLog::record( $this->destination(), $request, true, $now - 91 * 86400 );
		ClickLog::record( $this->destination(), $request, true, $now - 89 * 86400 );

		ClickMaintenance::purge( 90, $now );

		global $wpdb;
		$this->assertSame( '1', $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d', self::POST ) ) );
	}

	/**
	 * A day's salt is stable within the day, differs the next day, and old salts are deleted.
	 */
	public function test_visitor_salt_rotates_daily(): void {
		$monday  = VisitorKey::for_request( '192.0.2.1', 'UA', '2026-03-09' );
		$again   = VisitorKey::for_request( '192.0.2.1', 'UA', '2026-03-09' );
		$tuesday = VisitorKey::for_request( '192.0.2.1', 'UA', '2026-03-10' );
		$this->assertSame( $monday, $again );
		$this->assertNotSame( $monday, $tuesday );
		$this->assertStringNotContainsString( '192.0.2.1', $monday );

		ClickMaintenance::delete_old_salts( '2026-03-10' );
		wp_cache_delete( 'alloptions', 'options' );
		$this->assertFalse( get_option( VisitorKey::SALT_OPTION_PREFIX . '2026-03-09' ) );
		$this->assertIsString( get_option( VisitorKey::SALT_OPTION_PREFIX . '2026-03-10' ) );
	}

	/**
	 * Bots, prefetches and HEAD are flagged; device and referrer host are reduced.
	 */
	public function test_request_classification(): void {
		$this->assertTrue(
			ClickRequest::from_server(
				array(
					'REQUEST_METHOD'  => 'HEAD',
					'HTTP_USER_AGENT' => 'Mozilla/5.0',
				)
			)->is_bot
		);
		$this->assertTrue(
			ClickRequest::from_server(
				array(
					'REQUEST_METHOD'  => 'GET',
					'HTTP_USER_AGENT' => 'Mozilla/5.0',
					'HTTP_PURPOSE'    => 'prefetch',
				)
			)->is_bot
		);
		$this->assertTrue( ClickRequest::from_server( array( 'REQUEST_METHOD' => 'GET' ) )->is_bot );
		$reader = ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)',
				'HTTP_REFERER'    => 'https://WWW.Example.fr/article?secret=1',
			)
		);
		$this->assertFalse( $reader->is_bot );
		$this->assertSame( 'tablet', $reader->device );
		$this->assertSame( 'www.example.fr', $reader->referrer_host );
	}

	/**
	 * A destination on this test's post.
	 */
	private function destination(): Destination {
		return new Destination( 'https://www.awin1.com/x', self::POST, 'abc', 7, 'awin', Destination::OUTCOME_PRODUCT );
	}

	/**
	 * Deletes this test's rows and salts.
	 */
	private function clean(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d', self::POST ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . ClickSchema::days_table() . ' WHERE post_id = %d', self::POST ) );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", 'afflux\\_visitor\\_salt\\_2026-03-%' ) );
		wp_cache_delete( 'alloptions', 'options' );
	}
}
