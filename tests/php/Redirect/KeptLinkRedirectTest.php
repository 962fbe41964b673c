<?php
/**
 * Tests for go.php's memo-hit lane when the click spool cannot be written.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Clicks\ClickSchema;
use Afflux\Clicks\ClickSpool;
use Afflux\Links\SubId;
use Afflux\Redirect\Destination;
use Afflux\Redirect\DestinationMemo;
use Afflux\Redirect\LinkTargetMemo;
use Afflux\Redirect\PhpDataFile;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\StandaloneConfigWriter;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.WP.AlternativeFunctions, WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- the plugin's own rows, the test's own files and the lane's own process.

/**
 * KeptLinkRedirect answers a kept link and exits, so each click runs in a PHP process of its
 * own, fed the configuration array and server variables go.php would give it. With
 * wp-content's click folder unwritable, the click must reach the table directly (none lost);
 * with a configuration that cannot connect either, the loss must be logged.
 */
final class KeptLinkRedirectTest extends AffluxTestCase {

	private const POST = 4322;

	private const SLUG = 'casque-p4322_kl1';

	private const HOME = 'https://blog.example';

	private const UTM = 'utm_source=blog';

	/**
	 * A settled cache, an indexed post, its link's memo, and a click folder that is a file.
	 */
	protected function set_up(): void {
		parent::set_up();
		ClickSchema::ensure();
		$cache = $this->fixture();
		touch( $cache->path, time() - 60 );
		$index = PlacementIndex::in( $this->dir );
		$this->assertTrue( $index->write( self::POST, 'casque', $this->product_card_block( 'kl1', 7 ) ) );
		clearstatcache();

		// As a click ten seconds from now keeps it, stamped with the source build: the lane's
		// process loads the classes from src/ (no go-classes.php).
		$later = time() + 10;
		$memo  = new DestinationMemo( new LinkTargetMemo( LinkTargetMemo::dir_in( $this->dir ), $cache->path, $later ), $index, DestinationMemo::settings_stamp( self::HOME, self::UTM, 'src' ), $later );
		$this->assertNull( $memo->find( self::SLUG, new SubId( self::POST, 'kl1' ) ) );
		$memo->remember( self::SLUG, new Destination( 'https://track.example/?p=7&clickref=p4322_kl1', self::POST, 'kl1', 7, 'awin', Destination::OUTCOME_PRODUCT ) );
		$memo->write_pending();
		$this->assertFileExists( $memo->path( self::SLUG ) );

		// A file where the click folder should be: neither the spool nor the salt can be written.
		file_put_contents( $this->dir . '/' . ClickSpool::DIR, '' );
		$this->clean();
	}

	/**
	 * Deletes this test's rows and files.
	 */
	protected function tear_down(): void {
		$this->clean();
		foreach ( array( LinkTargetMemo::DIR, PlacementIndex::DIR ) as $folder ) {
			array_map( 'unlink', (array) glob( $this->dir . '/' . $folder . '/{,.}[!.]*', GLOB_BRACE ) );
			if ( is_dir( $this->dir . '/' . $folder ) ) {
				rmdir( $this->dir . '/' . $folder );
			}
		}
		parent::tear_down();
	}

	/**
	 * The spool cannot be written: the kept link is still answered, and its click is written
	 * to the table directly, keyed with the database's salt, with the memo's facts.
	 */
	public function test_click_goes_to_the_database_when_the_spool_cannot_be_written(): void {
		$run = $this->click( $this->config() );

		$this->assertSame( '', $run['stdout'], 'answered and exited before go.php would go on' );
		$this->assertSame( '', $run['stderr'] );
		$rows = $this->rows();
		$this->assertCount( 1, $rows );
		$this->assertNull( $rows[0]['click_uid'], 'not from a spool' );
		$this->assertSame( array( '7', 'awin', 'kl1', 'www.qwant.com', 'desktop', '0' ), array( $rows[0]['product_id'], $rows[0]['network'], $rows[0]['placement_id'], $rows[0]['referrer_host'], $rows[0]['device'], $rows[0]['is_bot'] ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', (string) $rows[0]['visitor_key'] );
	}

	/**
	 * Neither the spool nor a valid configuration: the reader is still answered, and the lost
	 * click is logged for the admin instead of passing silently.
	 */
	public function test_a_click_that_cannot_be_recorded_is_logged(): void {
		$config = $this->config();
		unset( $config['db'] );

		$run = $this->click( $config );

		$this->assertSame( '', $run['stdout'] );
		$this->assertStringContainsString( 'Afflux: a click could not be recorded', $run['stderr'] );
		$this->assertCount( 0, $this->rows() );
	}

	/**
	 * The test site's go.php configuration: the environment's database, the test's folder,
	 * cache and settings.
	 *
	 * @return array<string, mixed>
	 */
	private function config(): array {
		$values = StandaloneConfigWriter::values();
		$this->assertIsArray( $values );
		return array(
			'cache_path'   => $this->dir . '/cache.sqlite',
			'content_dir'  => $this->dir,
			'home_url'     => self::HOME,
			'utm_template' => self::UTM,
			'link_prefix'  => 'go',
			'consent_api'  => false,
		) + $values;
	}

	/**
	 * Runs KeptLinkRedirect::answer() for a reader's click on the link, in a process of its own.
	 *
	 * @param array<string, mixed> $config The configuration array.
	 * @return array{stdout: string, stderr: string}
	 */
	private function click( array $config ): array {
		$config_file = $this->dir . '/go-config.php';
		$this->assertTrue( PhpDataFile::write( $config_file, $config ) );
		$code    = 'require $argv[1]; \Afflux\Redirect\KeptLinkRedirect::answer( require $argv[2], array( "REQUEST_METHOD" => "GET", "REQUEST_URI" => "/go/' . self::SLUG . '", "HTTP_USER_AGENT" => "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "HTTP_REFERER" => "https://www.qwant.com/?q=casque", "REMOTE_ADDR" => "192.0.2.7" ) ); echo "not answered";';
		$process = proc_open(
			array( PHP_BINARY, '-d', 'error_log=', '-d', 'display_errors=stderr', '-r', $code, dirname( __DIR__, 3 ) . '/plugin/autoload.php', $config_file ),
			array(
				1 => array( 'pipe', 'w' ),
				2 => array( 'pipe', 'w' ),
			),
			$pipes
		);
		$this->assertIsResource( $process );
		$stdout = (string) stream_get_contents( $pipes[1] );
		$stderr = (string) stream_get_contents( $pipes[2] );
		proc_close( $process );
		return array(
			'stdout' => $stdout,
			'stderr' => $stderr,
		);
	}

	/**
	 * This test's click rows.
	 *
	 * @return list<array<string, string|null>>
	 */
	private function rows(): array {
		global $wpdb;
		return $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d ORDER BY id', self::POST ), ARRAY_A );
	}

	/**
	 * Deletes this test's click rows.
	 */
	private function clean(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d', self::POST ) );
	}
}
