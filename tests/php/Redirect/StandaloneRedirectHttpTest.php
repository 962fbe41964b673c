<?php
/**
 * The no-WordPress entry point (plugin/go.php) through a real web server.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Clicks\ClickSchema;
use Afflux\Clicks\ClickSpoolDrain;
use Afflux\Links\CloakedSlug;
use Afflux\Links\SubId;
use Afflux\Redirect\StandaloneConfigWriter;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, Squiz.PHP.DisallowSizeFunctionsInLoops, WordPress.WP.AlternativeFunctions, WordPress.DB.RestrictedClasses.mysql__PDO -- a black-box HTTP test counting rows.

/**
 * Starts PHP's built-in server on 127.0.0.1 sending every request to plugin/go.php with the
 * configuration StandaloneConfigWriter wrote for the environment's WordPress, and compares it
 * with the in-WordPress path (AFFLUX_WP_HOST).
 */
final class StandaloneRedirectHttpTest extends AffluxTestCase {

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
	 * The post holding the card.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * The card's placement id, unique to this test.
	 *
	 * @var string
	 */
	private string $placement = '';

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
	 * A post with a card for the first product of the environment's cache.
	 */
	protected function set_up(): void {
		parent::set_up();
		ClickSchema::ensure();
		$cache = (string) getenv( 'AFFLUX_CACHE_PATH' );
		if ( '' === $cache || ! is_file( $cache ) ) {
			$this->markTestSkipped( 'No environment cache (AFFLUX_CACHE_PATH).' );
		}
		$pdo        = new \PDO( 'sqlite:' . $cache );
		$product_id = (int) $pdo->query( "SELECT p.id FROM products p JOIN link_templates t ON t.network = p.network AND t.programme_id = p.programme_id WHERE p.status = 'active' ORDER BY p.id LIMIT 1" )->fetchColumn();
		$this->assertGreaterThan( 0, $product_id, 'the environment cache has a product with a link template' );

		$this->placement = 's' . bin2hex( random_bytes( 5 ) );
		$this->post_id   = (int) wp_insert_post(
			array(
				'post_title'   => 'Standalone go',
				'post_name'    => 'standalone-go-' . $this->placement,
				'post_status'  => 'publish',
				// wp_insert_post() unslashes: the JSON's \u0026 must survive it.
				'post_content' => wp_slash(
					serialize_block(
						array(
							'blockName'    => 'afflux/product-card',
							'attrs'        => array(
								'productId'   => $product_id,
								'placementId' => $this->placement,
								'utmTemplate' => 'utm_source=bloc&utm_campaign={post_slug}&utm_content={block}',
							),
							'innerBlocks'  => array(),
							'innerHTML'    => '',
							'innerContent' => array(),
						)
					)
				),
			),
			true
		);
	}

	/**
	 * Deletes the post and its clicks.
	 */
	protected function tear_down(): void {
		global $wpdb;
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
			$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d', $this->post_id ) );
		}
		parent::tear_down();
	}

	/**
	 * The same 302 as the in-WordPress path, and the same click row (same visitor key: both
	 * read the one daily salt).
	 */
	public function test_redirects_like_the_wordpress_path_and_records_the_click(): void {
		$headers    = array( 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile', 'Referer: https://www.qwant.com/?q=casque' );
		$standalone = $this->request( self::HOST, $this->path(), 'GET', $headers );
		$wordpress  = $this->request( (string) getenv( 'AFFLUX_WP_HOST' ), $this->path(), 'GET', $headers );

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
	 * A HEAD request and a bot agent are redirected and recorded as bots.
	 */
	public function test_head_and_bots_are_flagged(): void {
		$this->request( self::HOST, $this->path(), 'HEAD', array( 'User-Agent: Mozilla/5.0' ) );
		$this->request( self::HOST, $this->path(), 'GET', array( 'User-Agent: Googlebot/2.1' ) );

		$this->assertSame( array( '1', '1' ), array_column( $this->click_rows( 2 ), 'is_bot' ) );
	}

	/**
	 * Unknown slugs and every open-redirect attempt of GoHttpTest are handed to WordPress:
	 * the theme's 404, never a Location header, and no click row.
	 *
	 * @dataProvider hostile_paths
	 *
	 * @param string $path Path after /go/.
	 */
	public function test_hostile_paths_get_wordpress_404_and_no_redirect( string $path ): void {
		$response = $this->request( self::HOST, '/go/' . $path, 'GET', array( 'User-Agent: Mozilla/5.0' ) );

		$this->assertSame( 404, $response['status'], $path );
		$this->assertArrayNotHasKey( 'location', $response['headers'] );
		$this->assertStringContainsString( 'wp-', $response['body'], 'the 404 page is rendered by WordPress' );
	}

	/**
	 * The attempts the in-WordPress safety test uses, plus one for this post's own prefix trick.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function hostile_paths(): array {
		return array_merge(
			( new GoHttpTest( 'hostile_paths' ) )->hostile_paths(),
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
		$statuses = $this->concurrent( $this->path(), 300, 30 );

		$this->assertSame( array( 302 => 300 ), array_count_values( $statuses ) );
		$this->assertCount( 300, $this->click_rows( 300 ) );
	}

	/**
	 * This test's cloaked path.
	 */
	private function path(): string {
		return '/go/' . CloakedSlug::build( 'Casque autonome', new SubId( $this->post_id, $this->placement ) );
	}

	/**
	 * The click rows of this test's post, drained from the spool and polled until $expected
	 * are there or 15 s passed (clicks are spooled after the response; a lost click fails the
	 * caller's count).
	 *
	 * @param int $expected Rows the caller expects.
	 * @return list<array<string, string>>
	 */
	private function click_rows( int $expected ): array {
		global $wpdb;
		$table    = ClickSchema::clicks_table();
		$drain    = new ClickSpoolDrain();
		$deadline = microtime( true ) + 15;
		while ( true ) {
			$drain->drain();
			$count = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE post_id = %d", $this->post_id ) );
			if ( $count >= $expected || microtime( true ) > $deadline ) {
				break;
			}
			usleep( 20000 );
		}
		return $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE post_id = %d ORDER BY id", $this->post_id ), ARRAY_A );
	}

	/**
	 * One request without following redirects.
	 *
	 * @param string   $host    host:port.
	 * @param string   $path    Path.
	 * @param string   $method  GET or HEAD.
	 * @param string[] $headers Request headers.
	 * @return array{status: int, headers: array<string, string>, body: string}
	 */
	private function request( string $host, string $path, string $method, array $headers ): array {
		$handle  = curl_init( 'http://' . $host . $path );
		$answers = array();
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_NOBODY         => 'HEAD' === $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_FOLLOWLOCATION => false,
				CURLOPT_HTTPHEADER     => $headers,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_PATH_AS_IS     => true,
				CURLOPT_HEADERFUNCTION => static function ( $curl, string $line ) use ( &$answers ): int {
					$parts = explode( ':', $line, 2 );
					if ( 2 === count( $parts ) ) {
						$answers[ strtolower( trim( $parts[0] ) ) ] = trim( $parts[1] );
					}
					return strlen( $line );
				},
			)
		);
		$body   = curl_exec( $handle );
		$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		curl_close( $handle );
		return array(
			'status'  => $status,
			'headers' => $answers,
			'body'    => is_string( $body ) ? $body : '',
		);
	}

	/**
	 * $total GET requests to the standalone server, $parallel in flight; their status codes.
	 *
	 * @param string $path     Path.
	 * @param int    $total    Requests.
	 * @param int    $parallel Concurrency.
	 * @return list<int>
	 */
	private function concurrent( string $path, int $total, int $parallel ): array {
		$multi    = curl_multi_init();
		$statuses = array();
		$started  = 0;
		$add      = static function () use ( $multi, $path, &$started ): void {
			$handle = curl_init( 'http://' . self::HOST . $path );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_FOLLOWLOCATION => false,
					CURLOPT_HTTPHEADER     => array( 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0', 'Accept: text/html' ),
					CURLOPT_TIMEOUT        => 60,
				)
			);
			curl_multi_add_handle( $multi, $handle );
			++$started;
		};
		while ( $started < min( $parallel, $total ) ) {
			$add();
		}
		do {
			curl_multi_exec( $multi, $running );
			curl_multi_select( $multi, 0.5 );
			while ( false !== ( $done = curl_multi_info_read( $multi ) ) ) { // phpcs:ignore Generic.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition, WordPress.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition -- the curl_multi idiom.
				$statuses[] = (int) curl_getinfo( $done['handle'], CURLINFO_RESPONSE_CODE );
				curl_multi_remove_handle( $multi, $done['handle'] );
				curl_close( $done['handle'] );
				if ( $started < $total ) {
					$add();
				}
			}
		} while ( $running > 0 || count( $statuses ) < $total );
		curl_multi_close( $multi );
		return $statuses;
	}
}
