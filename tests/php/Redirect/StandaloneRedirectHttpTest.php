<?php
/**
 * The no-WordPress entry point (plugin/go.php) through a real web server.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Links\CloakedSlug;
use Afflux\Links\SubId;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\StandaloneConfigWriter;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, Squiz.PHP.DisallowSizeFunctionsInLoops, WordPress.WP.AlternativeFunctions, WordPress.DB.RestrictedClasses.mysql__PDO -- a black-box HTTP test counting rows.

/**
 * Starts PHP's built-in server on 127.0.0.1 sending every request to plugin/go.php with the
 * configuration StandaloneConfigWriter wrote for the environment's WordPress, and compares it
 * with the in-WordPress path (AFFLUX_WP_HOST).
 */
final class StandaloneRedirectHttpTest extends AffluxTestCase {

	use GoLinkFixture;

	/**
	 * The built-in server's address.
	 */
	private const HOST = '127.0.0.1:8968';

	/**
	 * The server's process (group) id.
	 *
	 * @var int
	 */
	private static int $server_pid = 0;

	/**
	 * Whether the configuration file existed before the tests.
	 *
	 * @var bool
	 */
	private static bool $config_existed = false;

	/**
	 * Writes the configuration and starts the server (stopped by its pid after the class).
	 */
	public static function set_up_before_class(): void {
		parent::set_up_before_class();
		self::$config_existed = StandaloneConfigWriter::exists();
		$written              = StandaloneConfigWriter::write();
		if ( true !== $written ) {
			self::fail( 'the configuration file could not be written: ' . $written->get_error_message() );
		}
		$command          = sprintf(
			'PHP_CLI_SERVER_WORKERS=4 AFFLUX_GO_CONFIG=%s exec setsid php -S %s %s > /dev/null 2>&1 & echo $!',
			escapeshellarg( StandaloneConfigWriter::path() ),
			self::HOST,
			escapeshellarg( __DIR__ . '/standalone-router.php' )
		);
		self::$server_pid = (int) shell_exec( $command ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_shell_exec -- starts the test's own server.
		$deadline         = microtime( true ) + 10;
		while ( true ) {
			$socket = @fsockopen( '127.0.0.1', 8968, $errno, $errstr, 0.2 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a readiness probe.
			if ( false !== $socket || microtime( true ) > $deadline ) {
				break;
			}
			usleep( 50000 );
		}
		if ( false === $socket ) {
			// PHPUnit skips tear_down_after_class() when this method fails: stop it here.
			posix_kill( -self::$server_pid, SIGTERM );
			self::fail( 'the built-in server did not start on ' . self::HOST );
		}
		fclose( $socket );
	}

	/**
	 * Stops the server by its process group and removes a configuration the tests wrote.
	 */
	public static function tear_down_after_class(): void {
		if ( self::$server_pid > 0 ) {
			posix_kill( -self::$server_pid, SIGTERM );
		}
		if ( ! self::$config_existed ) {
			StandaloneConfigWriter::remove();
		}
		parent::tear_down_after_class();
	}

	/**
	 * A post with a card for the first product of the environment's cache, with a UTM template.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->insert_card_post(
			'Standalone go',
			's',
			array( 'utmTemplate' => 'utm_source=bloc&utm_campaign={post_slug}&utm_content={block}' )
		);
	}

	/**
	 * The same 302 as the in-WordPress path, and the same click row (same visitor key: both
	 * read the one daily salt).
	 */
	public function test_redirects_like_the_wordpress_path_and_records_the_click(): void {
		$headers    = array( 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile', 'Referer: https://www.qwant.com/?q=casque' );
		$standalone = $this->request( $this->path(), 'GET', $headers, self::HOST );
		$wordpress  = $this->request( $this->path(), 'GET', $headers );

		$this->assertSame( 302, $standalone['status'] );
		$this->assertSame( $wordpress['headers']['location'] ?? 'none', $standalone['headers']['location'] ?? '' );
		$this->assertStringContainsString( 'clickref=p' . $this->post_id . '_' . $this->placement, $standalone['headers']['location'] );
		$this->assertStringContainsString( rawurlencode( 'utm_campaign=standalone-go-' . $this->placement ), $standalone['headers']['location'] );
		$this->assertStringContainsString( 'no-store', $standalone['headers']['cache-control'] ?? '' );
		$this->assertStringContainsString( 'noindex', $standalone['headers']['x-robots-tag'] ?? '' );
		$this->assertArrayNotHasKey( 'set-cookie', $standalone['headers'] );

		$rows = $this->click_rows( 2 );
		$this->assertCount( 2, $rows );
		$this->assertSame( array( 'www.qwant.com', 'www.qwant.com' ), array_column( $rows, 'referrer_host' ) );
		$this->assertSame( array( 'mobile', 'mobile' ), array_column( $rows, 'device' ) );
		$this->assertSame( array( '0', '0' ), array_column( $rows, 'is_bot' ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $rows[0]['visitor_key'] );
		$this->assertSame( $rows[0]['visitor_key'], $rows[1]['visitor_key'] );
		$this->assertSame( $rows[1]['product_id'], $rows[0]['product_id'] );
	}

	/**
	 * A link clicked before, whose memo is current, is answered by go.php's memo-hit lane
	 * (KeptLinkRedirect): the same response and the same click row as the in-WordPress path,
	 * which resolves the link, for every kind of request; and the memo stops answering once the
	 * post's index file changes.
	 *
	 * @dataProvider request_kinds
	 *
	 * @param string   $method  GET or HEAD.
	 * @param string[] $headers Request headers.
	 */
	public function test_a_kept_link_answers_and_records_like_the_wordpress_path( string $method, array $headers ): void {
		$wordpress = $this->request( $this->path(), $method, $headers );
		$resolved  = $this->click_rows( 1 )[0] ?? array();
		$this->assertSame( 302, $wordpress['status'] );

		$kept = $wordpress['headers']['location'] . '&kept=1';
		$file = $this->keep_link_memo( StandaloneConfigWriter::path(), $this->path(), $kept, $resolved );

		try {
			$lane = $this->request( $this->path(), $method, $headers, self::HOST );
			$this->assertSame( 302, $lane['status'] );
			$this->assertSame( $kept, $lane['headers']['location'] ?? '', 'answered from the memo' );
			$sent = array_flip( array( 'cache-control', 'x-robots-tag', 'referrer-policy', 'content-length' ) );
			$this->assertSame( array_intersect_key( $wordpress['headers'], $sent ), array_intersect_key( $lane['headers'], $sent ) );
			$this->assertCount( 4, array_intersect_key( $lane['headers'], $sent ) );
			$this->assertArrayNotHasKey( 'set-cookie', $lane['headers'] );

			$rows = $this->click_rows( 2 );
			$this->assertCount( 2, $rows );
			$this->assertSame( $this->click_facts( $rows[0] ), $this->click_facts( $rows[1] ) );

			// The post's index file changed (as a save rewrites it): the memo's stamp is stale.
			$this->assertTrue( touch( PlacementIndex::in( WP_CONTENT_DIR )->path( $this->post_id ), time() + 1 ) );
			$after = $this->request( $this->path(), $method, $headers, self::HOST );
			$this->assertSame( $wordpress['headers']['location'], $after['headers']['location'] ?? '' );
		} finally {
			unlink( $file );
		}
	}

	/**
	 * Requests whose click rows differ: device, referrer, each way of being counted as a bot.
	 *
	 * @return array<string, array{0: string, 1: string[]}>
	 */
	public function request_kinds(): array {
		return array(
			'tablet, from a search' => array( 'GET', array( 'User-Agent: Mozilla/5.0 (Linux; Android 14; SM-X710) Safari/537.36', 'Referer: https://www.ecosia.org/search?q=casque' ) ),
			'phone, no referrer'    => array( 'GET', array( 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148' ) ),
			'HEAD'                  => array( 'HEAD', array( 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' ) ),
			'known bot'             => array( 'GET', array( 'User-Agent: Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' ) ),
			'prefetch'              => array( 'GET', array( 'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36', 'Sec-Purpose: prefetch', 'Referer: https://blog.example/article/' ) ),
			'no user agent'         => array( 'GET', array() ),
		);
	}

	/**
	 * A HEAD request and a bot agent are redirected and recorded as bots.
	 */
	public function test_head_and_bots_are_flagged(): void {
		$this->request( $this->path(), 'HEAD', array( 'User-Agent: Mozilla/5.0' ), self::HOST );
		$this->request( $this->path(), 'GET', array( 'User-Agent: Googlebot/2.1' ), self::HOST );

		$this->assertSame( array( '1', '1' ), array_column( $this->click_rows( 2 ), 'is_bot' ) );
	}

	/**
	 * Unknown slugs and every open-redirect attempt GoHttpTest sends are handed to WordPress:
	 * the theme's 404, never a Location header, and no click row.
	 *
	 * @dataProvider hostile_and_traversal_paths
	 *
	 * @param string $path Path after /go/.
	 */
	public function test_hostile_paths_get_wordpress_404_and_no_redirect( string $path ): void {
		$response = $this->request( '/go/' . $path, 'GET', array( 'User-Agent: Mozilla/5.0' ), self::HOST );

		$this->assertSame( 404, $response['status'], $path );
		$this->assertArrayNotHasKey( 'location', $response['headers'] );
		$this->assertStringContainsString( 'wp-', $response['body'], 'the 404 page is rendered by WordPress' );
	}

	/**
	 * The attempts the in-WordPress safety test uses, plus one for this post's own prefix trick.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function hostile_and_traversal_paths(): array {
		return array_merge(
			$this->hostile_paths(),
			array(
				'dot segments' => array( 'p1_a/../../wp-config.php' ),
				'double slash' => array( '/p1_a' ),
			)
		);
	}

	/**
	 * 300 concurrent clicks through the standalone path give exactly 300 rows.
	 */
	public function test_concurrent_clicks_are_all_recorded(): void {
		$statuses = $this->concurrent( $this->path(), 300, 30, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0', self::HOST );

		$this->assertSame( array( 302 => 300 ), array_count_values( $statuses ) );
		$this->assertCount( 300, $this->click_rows( 300 ) );
	}

	/**
	 * This test's cloaked path.
	 */
	private function path(): string {
		return '/go/' . CloakedSlug::build( 'Casque autonome', new SubId( $this->post_id, $this->placement ) );
	}
}
