<?php
/**
 * The /go/ redirect through the environment's real web server.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Clicks\ClickSchema;
use Afflux\Clicks\ClickSpoolDrain;
use Afflux\Links\CloakedSlug;
use Afflux\Links\SubId;
use Afflux\Redirect\EarlyOptions;
use Afflux\Redirect\PlacementIndex;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.WP.AlternativeFunctions, WordPress.DB.RestrictedClasses.mysql__PDO -- a black-box HTTP test counting rows.

/**
 * Sends real HTTP requests to the running environment (AFFLUX_WP_HOST), whose cache the
 * daemon synced from the sandbox network, and counts the rows the clicks left.
 */
class GoHttpTest extends AffluxTestCase {

	/**
	 * The post holding the card.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * The card's placement id, unique to this test run.
	 *
	 * @var string
	 */
	private string $placement = '';

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

		$this->placement = 't' . bin2hex( random_bytes( 5 ) );
		$this->post_id   = (int) wp_insert_post(
			array(
				'post_title'   => 'Go HTTP',
				'post_status'  => 'publish',
				'post_content' => serialize_block(
					array(
						'blockName'    => 'afflux/product-card',
						'attrs'        => array(
							'productId'   => $product_id,
							'placementId' => $this->placement,
						),
						'innerBlocks'  => array(),
						'innerHTML'    => '',
						'innerContent' => array(),
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
	 * A reader's click: 302 to the network with no-store and noindex, and one click row.
	 */
	public function test_go_answers_302_and_records_the_click(): void {
		$response = $this->request( $this->path(), 'GET', array( 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile', 'Referer: https://www.google.fr/search?q=casque' ) );

		$this->assertSame( 302, $response['status'] );
		$this->assertMatchesRegularExpression( '#^https?://[^/]+/.*clickref=p' . $this->post_id . '_' . $this->placement . '#', $response['headers']['location'] ?? '' );
		$this->assertStringContainsString( 'no-store', $response['headers']['cache-control'] ?? '' );
		$this->assertStringContainsString( 'noindex', $response['headers']['x-robots-tag'] ?? '' );
		$this->assertArrayNotHasKey( 'set-cookie', $response['headers'] );

		$row = $this->click_rows( 1 )[0] ?? array();
		$this->assertSame( 'www.google.fr', $row['referrer_host'] ?? null );
		$this->assertSame( 'mobile', $row['device'] );
		$this->assertSame( '0', $row['is_bot'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $row['visitor_key'] );
	}

	/**
	 * HEAD, prefetch and bot agents are redirected but flagged as bots.
	 */
	public function test_bots_prefetch_and_head_are_flagged(): void {
		$this->request( $this->path(), 'HEAD', array( 'User-Agent: Mozilla/5.0' ) );
		$this->request( $this->path(), 'GET', array( 'User-Agent: Mozilla/5.0', 'Sec-Purpose: prefetch' ) );
		$this->request( $this->path(), 'GET', array( 'User-Agent: Googlebot/2.1 (+http://www.google.com/bot.html)' ) );

		$rows = $this->click_rows( 3 );
		$this->assertCount( 3, $rows );
		$this->assertSame( array( '1', '1', '1' ), array_column( $rows, 'is_bot' ) );
	}

	/**
	 * Unknown slugs, open-redirect attempts and SQL in slugs: a 404, never a redirect.
	 *
	 * @dataProvider hostile_paths
	 *
	 * @param string $path Path after /go/.
	 */
	public function test_hostile_paths_get_a_404_and_no_redirect( string $path ): void {
		$response = $this->request( '/go/' . $path, 'GET', array( 'User-Agent: Mozilla/5.0' ) );

		$this->assertSame( 404, $response['status'], $path );
		$this->assertArrayNotHasKey( 'location', $response['headers'] );
	}

	/**
	 * Paths under /go/ that are not ours.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function hostile_paths(): array {
		return array(
			'unknown slug'       => array( 'casque-p1_nothere' ),
			'encoded url'        => array( 'https%3A%2F%2Fevil.example%2F' ),
			'protocol relative'  => array( '/evil.example' ),
			'backslashes'        => array( '%5C%5Cevil.example' ),
			'crlf'               => array( 'p1_a%0D%0ALocation:%20https://evil.example' ),
			'unicode dot'        => array( 'evil%E3%80%82example' ),
			'sql quote'          => array( 'p1_a%27%20OR%20%271%27=%271' ),
			'sql comment'        => array( 'p1_a;--' ),
			'query cannot steer' => array( 'x?url=https://evil.example' ),
		);
	}

	/**
	 * With its options autoloaded (EarlyOptions) and the post in the placement index, the early
	 * check sends MariaDB nothing beyond WordPress's own start: the connection's set-up (two SET
	 * NAMES, the SQL mode read and set), the autoloaded options, and the protocol's database
	 * selection and quit, which MariaDB's Questions counter also counts: 7. Before, the three
	 * options and the post's row were four more.
	 */
	public function test_the_early_check_sends_no_statement_of_its_own(): void {
		global $wpdb;
		EarlyOptions::ensure();
		$this->assertFileExists( PlacementIndex::in( WP_CONTENT_DIR )->path( $this->post_id ), 'saving the post indexed it' );
		$path = $this->path();
		$this->assertSame( 302, $this->request( $path, 'GET', array( 'User-Agent: Mozilla/5.0 Firefox/120.0' ) )['status'] );

		$questions = static fn (): int => (int) $wpdb->get_var( "SHOW GLOBAL STATUS LIKE 'Questions'", 1 );
		// The counter is the server's: anything else talking to MariaDB meanwhile (a request of
		// an earlier test finishing) only adds to it, so the least of three redirects is kept.
		// The counter read itself counts: measured with nothing in between first.
		$sent = PHP_INT_MAX;
		for ( $try = 0; $try < 3; $try++ ) {
			$idle  = -$questions() + $questions();
			$start = $questions();
			$this->assertSame( 302, $this->request( $path, 'GET', array( 'User-Agent: Mozilla/5.0 Firefox/120.0' ) )['status'] );
			$sent = min( $sent, $questions() - $start - $idle );
		}

		$this->assertLessThanOrEqual( $this->statements_per_redirect(), $sent, 'statements MariaDB received for one redirect' );
		$this->assertCount( 4, $this->click_rows( 4 ), 'each redirect recorded its click' );
	}

	/**
	 * 1000 concurrent clicks (50 at a time) plus 100 bot clicks give exactly 1000 human rows
	 * and 100 bot rows: none lost, bots excluded by rule.
	 */
	public function test_thousand_concurrent_clicks_are_all_recorded(): void {
		$statuses = $this->concurrent( $this->path(), 1000, 50, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0' );
		$statuses = array_merge( $statuses, $this->concurrent( $this->path(), 100, 50, 'curl/8.0' ) );
		$this->assertSame( array( 302 => 1100 ), array_count_values( $statuses ) );

		$rows   = $this->click_rows( 1100 );
		$counts = array_count_values( array_column( $rows, 'is_bot' ) );
		$this->assertSame( 1000, $counts['0'] ?? 0 );
		$this->assertSame( 100, $counts['1'] ?? 0 );
	}

	/**
	 * The most statements one redirect may send MariaDB: WordPress's own start (see above).
	 */
	protected function statements_per_redirect(): int {
		return 7;
	}

	/**
	 * This test's cloaked path.
	 */
	protected function path(): string {
		return '/go/' . CloakedSlug::build( 'Casque de test', new SubId( $this->post_id, $this->placement ) );
	}

	/**
	 * The click rows of this test's post. Clicks are spooled after the response is sent and
	 * reach the table when the spool is drained, so drain and poll until $expected rows are
	 * there or 15 s have passed (a lost click fails the caller's count, it is never waited for
	 * forever; a duplicated one fails it too).
	 *
	 * @param int $expected Rows the caller expects.
	 * @return list<array<string, string>>
	 */
	protected function click_rows( int $expected ): array {
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
	 * @param string   $path    Path.
	 * @param string   $method  GET or HEAD.
	 * @param string[] $headers Request headers.
	 * @return array{status: int, headers: array<string, string>}
	 */
	protected function request( string $path, string $method, array $headers ): array {
		$handle  = curl_init( 'http://' . getenv( 'AFFLUX_WP_HOST' ) . $path );
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
		curl_exec( $handle );
		$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		curl_close( $handle );
		return array(
			'status'  => $status,
			'headers' => $answers,
		);
	}

	/**
	 * $total GET requests with at most $parallel in flight; their status codes.
	 *
	 * @param string $path     Path.
	 * @param int    $total    Requests.
	 * @param int    $parallel Concurrency.
	 * @param string $agent    User agent.
	 * @return list<int>
	 */
	private function concurrent( string $path, int $total, int $parallel, string $agent ): array {
		$multi    = curl_multi_init();
		$statuses = array();
		$started  = 0;
		$running  = 0;
		$finished = 0;
		$add      = static function () use ( $multi, $path, $agent, &$started ): void {
			$handle = curl_init( 'http://' . getenv( 'AFFLUX_WP_HOST' ) . $path );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_FOLLOWLOCATION => false,
					CURLOPT_HTTPHEADER     => array( 'User-Agent: ' . $agent, 'Accept: text/html' ),
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
			$finished = count( $statuses );
		} while ( $running > 0 || $finished < $total );
		curl_multi_close( $multi );
		return $statuses;
	}
}
