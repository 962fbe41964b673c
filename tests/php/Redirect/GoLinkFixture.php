<?php
/**
 * What the /go/ HTTP tests share: a post with a card for a product of the environment's
 * cache, its click rows, the paths under /go/ that are not ours, and an HTTP client that
 * never follows redirects.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Clicks\ClickSchema;
use Afflux\Clicks\ClickSpoolDrain;
use Afflux\Links\SubId;
use Afflux\Redirect\Destination;
use Afflux\Redirect\DestinationMemo;
use Afflux\Redirect\LinkTargetMemo;
use Afflux\Redirect\PhpDataFile;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\StandaloneConfig;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, Squiz.PHP.DisallowSizeFunctionsInLoops, WordPress.WP.AlternativeFunctions, WordPress.DB.RestrictedClasses.mysql__PDO -- a black-box HTTP test counting rows.

/**
 * Used by GoHttpTest (and so EarlyDropInHttpTest) and StandaloneRedirectHttpTest, which send
 * the same clicks to different entry points.
 */
trait GoLinkFixture {

	/**
	 * The post holding the card.
	 *
	 * @var int
	 */
	protected int $post_id = 0;

	/**
	 * The card's placement id, unique to this test.
	 *
	 * @var string
	 */
	protected string $placement = '';

	/**
	 * Publishes a post with a card for the first product of the environment's cache that has a
	 * link template (skips the test without a cache). Its slug is its title's followed by the
	 * placement id, so it is unique to the test too.
	 *
	 * @param string                $title  Post title.
	 * @param string                $prefix First letter of the placement id.
	 * @param array<string, string> $attrs  Card attributes besides the product and placement.
	 */
	protected function insert_card_post( string $title, string $prefix, array $attrs = array() ): void {
		ClickSchema::ensure();
		$cache = (string) getenv( 'AFFLUX_CACHE_PATH' );
		if ( '' === $cache || ! is_file( $cache ) ) {
			$this->markTestSkipped( 'No environment cache (AFFLUX_CACHE_PATH).' );
		}
		$pdo        = new \PDO( 'sqlite:' . $cache );
		$product_id = (int) $pdo->query( "SELECT p.id FROM products p JOIN link_templates t ON t.network = p.network AND t.programme_id = p.programme_id WHERE p.status = 'active' ORDER BY p.id LIMIT 1" )->fetchColumn();
		$this->assertGreaterThan( 0, $product_id, 'the environment cache has a product with a link template' );

		$this->placement = $prefix . bin2hex( random_bytes( 5 ) );
		$this->post_id   = (int) wp_insert_post(
			array(
				'post_title'   => $title,
				'post_name'    => sanitize_title( $title ) . '-' . $this->placement,
				'post_status'  => 'publish',
				// wp_insert_post() unslashes: a JSON \u0026 in the attributes must survive it.
				'post_content' => wp_slash(
					serialize_block(
						array(
							'blockName'    => 'afflux/product-card',
							'attrs'        => array(
								'productId'   => $product_id,
								'placementId' => $this->placement,
							) + $attrs,
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
	 * Keeps a link's memo as go.php keeps it once its inputs have settled (as a click ten seconds
	 * from now would), sending readers to $url: a marked URL tells an answer from the memo.
	 *
	 * @param string                $config_file The no-WordPress configuration the answering path reads.
	 * @param string                $path        The link's path (/go/{slug}).
	 * @param string                $url         Where the memo sends readers.
	 * @param array<string, string> $row         The click row of a resolved click (product, network, outcome).
	 * @return string The memo file (the caller deletes it).
	 */
	protected function keep_link_memo( string $config_file, string $path, string $url, array $row ): string {
		$config = StandaloneConfig::from_array( (array) PhpDataFile::read( $config_file ) );
		$this->assertNotNull( $config );
		$slug  = substr( $path, strlen( '/go/' ) );
		$later = time() + 10;
		$memo  = new DestinationMemo( new LinkTargetMemo( $config->content_dir . '/' . LinkTargetMemo::DIR, $config->cache_path, $later ), PlacementIndex::in( $config->content_dir ), DestinationMemo::settings_stamp( $config->home_url, $config->utm_template, $this->go_build() ), $later );
		$this->assertNull( $memo->find( $slug, new SubId( $this->post_id, $this->placement ) ) );
		$memo->remember( $slug, new Destination( $url, $this->post_id, $this->placement, (int) $row['product_id'], $row['network'], $row['outcome'] ) );
		$memo->write_pending();
		$this->assertFileExists( $memo->path( $slug ) );
		return $memo->path( $slug );
	}

	/**
	 * What a click row says about the click: every column but its id, time and click id (two
	 * clicks made alike by two paths must agree on the rest).
	 *
	 * @param array<string, string> $row A click row.
	 * @return array<string, string>
	 */
	protected function click_facts( array $row ): array {
		return array_diff_key( $row, array_flip( array( 'id', 'clicked_at', 'click_uid' ) ) );
	}

	/**
	 * The build of the classes plugin/go.php and the drop-in load (part of a memo's stamp): the
	 * bundle's, or 'src' when the bundle was not built.
	 */
	private function go_build(): string {
		$bundle = dirname( __DIR__, 3 ) . '/plugin/go-classes.php';
		return is_file( $bundle ) && 1 === preg_match( "/GO_CLASSES_BUILD = '([0-9a-f]{16})'/", (string) file_get_contents( $bundle ), $match ) ? $match[1] : 'src';
	}

	/**
	 * Paths under /go/ that are not ours: unknown slugs, open-redirect attempts, SQL in slugs.
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
	 * @param string      $path    Path.
	 * @param string      $method  GET or HEAD.
	 * @param string[]    $headers Request headers.
	 * @param string|null $host    host:port; the environment's WordPress (AFFLUX_WP_HOST) when null.
	 * @return array{status: int, headers: array<string, string>, body: string}
	 */
	protected function request( string $path, string $method, array $headers, ?string $host = null ): array {
		$handle  = curl_init( 'http://' . ( $host ?? getenv( 'AFFLUX_WP_HOST' ) ) . $path );
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
	 * $total GET requests with at most $parallel in flight; their status codes.
	 *
	 * @param string      $path     Path.
	 * @param int         $total    Requests.
	 * @param int         $parallel Concurrency.
	 * @param string      $agent    User agent.
	 * @param string|null $host     host:port; the environment's WordPress (AFFLUX_WP_HOST) when null.
	 * @return list<int>
	 */
	protected function concurrent( string $path, int $total, int $parallel, string $agent, ?string $host = null ): array {
		$url      = 'http://' . ( $host ?? getenv( 'AFFLUX_WP_HOST' ) ) . $path;
		$multi    = curl_multi_init();
		$statuses = array();
		$started  = 0;
		$add      = static function () use ( $multi, $url, $agent, &$started ): void {
			$handle = curl_init( $url );
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
		} while ( $running > 0 || count( $statuses ) < $total );
		curl_multi_close( $multi );
		return $statuses;
	}
}
