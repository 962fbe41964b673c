<?php
/**
 * The /go/ redirect through the environment's real web server.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

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

	use GoLinkFixture;

	/**
	 * A post with a card for the first product of the environment's cache.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->insert_card_post( 'Go HTTP', 't' );
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
}
