<?php
/**
 * Tests for CacheNotice.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Admin;

use Afflux\Admin\CacheNotice;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The admin notice for an unavailable cache.
 */
final class CacheNoticeTest extends AffluxTestCase {

	/**
	 * Users created by the test.
	 *
	 * @var int[]
	 */
	private array $users = array();

	/**
	 * Logs out and removes users.
	 */
	protected function tear_down(): void {
		wp_set_current_user( 0 );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->users as $user ) {
			wp_delete_user( $user );
		}
		parent::tear_down();
	}

	/**
	 * Administrators see why and what to do.
	 */
	public function test_tells_administrators_why_and_what_to_do(): void {
		$this->log_in_as( 'administrator' );
		$notice = new CacheNotice( new CacheConnection( $this->dir . '/absent.sqlite', new CacheStatusLog() ) );

		$html = $this->capture( array( $notice, 'show' ) );

		$this->assertStringContainsString( 'notice-error', $html );
		$this->assertStringContainsString( 'afflux-daemon sync --once', $html );
		$this->assertStringContainsString( esc_html( $this->dir . '/absent.sqlite' ), $html );
	}

	/**
	 * Editors (no manage_options) see nothing; nor does anyone when the cache is healthy.
	 */
	public function test_silent_for_editors_and_for_a_healthy_cache(): void {
		$this->log_in_as( 'editor' );
		$this->assertSame( '', $this->capture( array( new CacheNotice( new CacheConnection( $this->dir . '/absent.sqlite', new CacheStatusLog() ) ), 'show' ) ) );

		$this->log_in_as( 'administrator' );
		$this->assertSame( '', $this->capture( array( new CacheNotice( new CacheConnection( $this->fixture()->path, new CacheStatusLog() ) ), 'show' ) ) );
	}

	/**
	 * Output of a callback.
	 *
	 * @param callable $callback Callback.
	 */
	private function capture( callable $callback ): string {
		ob_start();
		$callback();
		return (string) ob_get_clean();
	}

	/**
	 * Creates a user with $role and logs in as them.
	 *
	 * @param string $role Role.
	 */
	private function log_in_as( string $role ): void {
		$user = wp_insert_user(
			array(
				'user_login' => 'afflux-test-' . $role . '-' . bin2hex( random_bytes( 4 ) ),
				'user_pass'  => wp_generate_password(),
				'user_email' => bin2hex( random_bytes( 4 ) ) . '@example.com',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $user );
		$this->users[] = $user;
		wp_set_current_user( $user );
	}
}
