<?php
/**
 * Tests for saving the settings screen: field messages, the config table hand-off, schedules.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Settings;

use Afflux\Admin\SyncHealth;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ConfigWriter;
use Afflux\Cache\SyncRunRepository;
use Afflux\Links\LinkSettings;
use Afflux\Settings\CronExpression;
use Afflux\Settings\DaemonSettings;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- reads the test copy of the daemon's SQLite cache.

/**
 * POST /afflux/v1/settings as an administrator.
 */
final class SettingsSaveTest extends AffluxTestCase {

	/**
	 * Stored options to restore.
	 *
	 * @var array<string, mixed>
	 */
	private array $saved = array();

	/**
	 * The administrator.
	 *
	 * @var int
	 */
	private int $admin = 0;

	/**
	 * Keeps the options and logs in an administrator.
	 */
	protected function set_up(): void {
		parent::set_up();
		foreach ( array( Settings::OPTION, DaemonSettings::OPTION, LinkSettings::OPTION ) as $option ) {
			$this->saved[ $option ] = get_option( $option, null );
		}
		$this->admin = (int) wp_insert_user(
			array(
				'user_login' => 'afflux_save_' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'administrator',
			)
		);
		wp_set_current_user( $this->admin );
	}

	/**
	 * Restores the options.
	 */
	protected function tear_down(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $this->admin );
		foreach ( $this->saved as $option => $value ) {
			null === $value ? delete_option( $option ) : update_option( $option, $value );
		}
		wp_set_current_user( 0 );
		parent::tear_down();
	}

	/**
	 * Every wrong field gets its own message, and nothing is saved.
	 */
	public function test_each_wrong_field_is_named_and_nothing_is_saved(): void {
		$before   = get_option( LinkSettings::OPTION );
		$response = $this->post(
			array(
				'general'   => array(
					'cache_path'          => 'relative/cache.sqlite',
					'price_max_age_hours' => 0,
					'disclosure_text'     => '  ',
					'utm_template'        => 'utm source=x',
				),
				'links'     => array(
					'link_prefix'          => 'wp-admin',
					'click_retention_days' => 'forever',
				),
				'networks'  => array(
					'awin' => array(
						'enabled' => true,
						'values'  => array( 'publisherId' => 'abc' ),
					),
				),
				'schedules' => array( 'commissions' => 'every hour' ),
			)
		);

		$this->assertSame( 400, $response->get_status() );
		$fields = $response->get_data()['data']['fields'];
		$this->assertSame(
			array( 'general.cache_path', 'general.utm_template', 'general.disclosure_text', 'general.price_max_age_hours', 'links.link_prefix', 'links.click_retention_days', 'networks.awin.publisherId', 'networks.awin.apiToken', 'schedules.commissions' ),
			array_keys( $fields )
		);
		$this->assertStringContainsString( 'Awin', $fields['networks.awin.publisherId'] );
		$this->assertSame( $before, get_option( LinkSettings::OPTION ) );
	}

	/**
	 * A field the schema does not know is refused.
	 */
	public function test_unknown_keys_are_refused(): void {
		$response = $this->post( array( 'general' => array( 'api_key' => 'x' ) ) );
		$this->assertSame( 400, $response->get_status() );
	}

	/**
	 * Saving writes the accounts into the cache's config table; an empty credential keeps the
	 * stored one.
	 */
	public function test_saving_hands_the_daemon_its_accounts(): void {
		$cache = $this->fixture();
		$first = $this->post(
			array(
				'general'   => array( 'cache_path' => $cache->path ),
				'networks'  => array(
					'awin' => array(
						'enabled' => true,
						'values'  => array(
							'publisherId' => '123456',
							'apiToken'    => 'tok-1',
							'feedIds'     => '1001, 1002',
						),
					),
				),
				'schedules' => array( 'commissions' => '0 * * * *' ),
			)
		);
		$this->assertSame( 200, $first->get_status(), (string) wp_json_encode( $first->get_data() ) );
		$this->assertTrue( $first->get_data()['daemon_handoff']['written'] );

		$second = $this->post(
			array(
				'networks' => array(
					'awin' => array(
						'enabled' => true,
						'values'  => array(
							'publisherId' => '654321',
							'apiToken'    => '',
						),
					),
				),
			)
		);
		$this->assertSame( 200, $second->get_status() );

		$rows = $cache->pdo->query( 'SELECT key, value FROM config' )->fetchAll( \PDO::FETCH_KEY_PAIR );
		$this->assertSame(
			array(
				'enabled'     => true,
				'publisherId' => '654321',
				'apiToken'    => 'tok-1',
				'feedIds'     => array( '1001', '1002' ),
			),
			json_decode( (string) $rows['networks.awin'], true )
		);
		$this->assertSame( '0 * * * *', json_decode( (string) $rows['schedules'], true )['commissions'] );
		$this->assertArrayNotHasKey( 'networks.impact', $rows );
	}

	/**
	 * A missing cache: the settings are saved and the answer says why the daemon did not get them.
	 */
	public function test_missing_cache_is_reported_not_fatal(): void {
		$error = ( new ConfigWriter( $this->dir . '/none.sqlite' ) )->write( array( 'schedules' => '{}' ), '2026-11-21T08:00:00Z' );
		$this->assertIsString( $error );
		$this->assertStringContainsString( 'migrate', $error );
	}

	/**
	 * Cron: valid and invalid expressions, and the gap between runs.
	 */
	public function test_cron_expressions(): void {
		$this->assertNull( CronExpression::parse( '61 * * * *' ) );
		$this->assertNull( CronExpression::parse( '* * *' ) );
		$this->assertNull( CronExpression::parse( '*/0 * * * *' ) );
		$now = (int) strtotime( '2026-11-21T08:00:00Z' );
		$this->assertSame( 4 * 3600, CronExpression::parse( '15 */4 * * *' )?->longest_gap_seconds( $now ) );
		$this->assertSame( 86400, CronExpression::parse( '0 3 * * *' )?->longest_gap_seconds( $now ) );
		$this->assertSame( 30 * 60, CronExpression::parse( '*/30 * * * *' )?->longest_gap_seconds( $now ) );
	}

	/**
	 * Sync health flags a kind silent for more than twice its schedule, and only that one.
	 */
	public function test_sync_health_flags_a_silent_daemon(): void {
		$cache = $this->fixture();
		$now   = (int) strtotime( '2026-11-21T12:00:00Z' );
		DaemonSettings::store( DaemonSettings::defaults() );
		$runs = array(
			array( 'commissions', '2026-11-21T11:15:00Z' ),
			array( 'catalogue', '2026-11-20T12:00:00Z' ),
			array( 'programmes', '2026-11-21T03:00:00Z' ),
			array( 'links', '2026-11-21T10:30:00Z' ),
		);
		foreach ( $runs as list( $kind, $at ) ) {
			$cache->pdo->exec( "INSERT INTO sync_runs (network, kind, started_at, finished_at, status, error) VALUES ('awin', '$kind', '$at', '$at', 'failed', 'Awin refused the token')" );
		}
		$connection = new CacheConnection( $cache->path, new CacheStatusLog() );
		$report     = ( new SyncHealth( $connection, new SyncRunRepository( $connection ) ) )->report( $now );

		$this->assertSame( array( 'catalogue' ), array_column( $report['stale'], 'kind' ) );

		// A kind that never ran, on a daemon that started recently, is not yet late.
		$cache->pdo->exec( "DELETE FROM sync_runs WHERE kind = 'links'" );
		$cache->pdo->exec( "UPDATE sync_runs SET started_at = '2026-11-21T11:00:00Z'" );
		$this->assertSame( array(), ( new SyncHealth( $connection, new SyncRunRepository( $connection ) ) )->report( $now )['stale'] );
		$this->assertSame( array( 'links' ), array_column( ( new SyncHealth( $connection, new SyncRunRepository( $connection ) ) )->report( $now + 5 * 3600 )['stale'], 'kind' ) );
		$this->assertSame( 'Awin refused the token', $report['runs'][0]['error'] );
	}

	/**
	 * The admin sees sync runs in words and local time, never the stored machine words; an
	 * unknown kind or status from a newer daemon is shown as stored rather than hidden.
	 */
	public function test_sync_health_shows_runs_in_words_and_local_time(): void {
		$cache = $this->fixture();
		$kept  = array();
		foreach ( array( 'timezone_string', 'gmt_offset', 'date_format', 'time_format' ) as $name ) {
			$kept[ $name ] = get_option( $name );
		}
		update_option( 'timezone_string', 'Europe/Paris' );
		update_option( 'date_format', 'Y-m-d' );
		update_option( 'time_format', 'H:i' );
		try {
			$this->assert_runs_in_words( $cache );
		} finally {
			foreach ( $kept as $name => $value ) {
				update_option( $name, $value );
			}
		}
	}

	/**
	 * The assertions of test_sync_health_shows_runs_in_words_and_local_time.
	 *
	 * @param CacheFixture $cache The cache.
	 */
	private function assert_runs_in_words( CacheFixture $cache ): void {
		$cache->pdo->exec( "INSERT INTO sync_runs (network, kind, started_at, finished_at, status) VALUES ('tiktok', 'catalogue', '2026-11-21T11:15:00Z', '2026-11-21T11:16:00Z', 'failed'), ('awin', 'reports', '2026-11-21T09:00:00Z', NULL, 'paused')" );
		$connection = new CacheConnection( $cache->path, new CacheStatusLog() );
		$report     = ( new SyncHealth( $connection, new SyncRunRepository( $connection ) ) )->report( (int) strtotime( '2026-11-21T12:00:00Z' ) );
		$by_network = array_column( $report['runs'], null, 'network' );

		$this->assertSame( 'TikTok Shop', $by_network['tiktok']['network_label'] );
		$this->assertSame( __( 'Catalogue', 'afflux' ), $by_network['tiktok']['kind_label'] );
		$this->assertSame( 'failed', $by_network['tiktok']['status'] );
		$this->assertSame( _x( 'failed', 'sync run status', 'afflux' ), $by_network['tiktok']['status_label'] );
		$this->assertSame( '2026-11-21 12:15', $by_network['tiktok']['started_at_display'] );
		$this->assertSame( 'reports', $by_network['awin']['kind_label'] );
		$this->assertSame( 'paused', $by_network['awin']['status_label'] );
	}

	/**
	 * POSTs the body.
	 *
	 * @param array<string, mixed> $body Body.
	 */
	private function post( array $body ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'POST', '/afflux/v1/settings' );
		$request->set_header( 'Content-Type', 'application/json' );
		$request->set_body( (string) wp_json_encode( $body ) );
		return rest_do_request( $request );
	}
}
