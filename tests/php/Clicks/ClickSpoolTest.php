<?php
/**
 * Tests for the click spool, its drain and the day's salt file.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Clicks;

use Afflux\Clicks\ClickCapture;
use Afflux\Clicks\ClickLog;
use Afflux\Clicks\ClickRequest;
use Afflux\Clicks\ClickSchema;
use Afflux\Clicks\ClickSpool;
use Afflux\Clicks\ClickSpoolDrain;
use Afflux\Clicks\VisitorSalt;
use Afflux\Redirect\Destination;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.WP.AlternativeFunctions, WordPress.PHP.IniSet.Risky, WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- counting the plugin's own rows, handling the test's own files, logs and writer processes.

/**
 * Every spooled click reaches the table exactly once: across drains, after a crash half-way
 * through a drain, and while other processes keep appending during the drain.
 */
final class ClickSpoolTest extends AffluxTestCase {

	private const POST = 987654322;

	/**
	 * The spool, in the test's temporary folder.
	 *
	 * @var ClickSpool
	 */
	private ClickSpool $spool;

	/**
	 * A clean table for this test's post, and an empty spool.
	 */
	protected function set_up(): void {
		parent::set_up();
		ClickSchema::ensure();
		$this->clean();
		$this->spool = new ClickSpool( $this->dir );
	}

	/**
	 * Removes this test's rows.
	 */
	protected function tear_down(): void {
		$this->clean();
		parent::tear_down();
	}

	/**
	 * Spooled clicks reach the table with every column, and a second drain adds nothing.
	 */
	public function test_drain_moves_each_spooled_click_once(): void {
		$now = strtotime( '2026-03-10 12:00:00 UTC' );
		$this->assertTrue( $this->capture()->record( $this->destination(), $this->reader( '192.0.2.1' ), true, $now ) );
		$this->assertTrue( $this->capture()->record( $this->destination(), $this->reader( '192.0.2.1' ), true, $now ) );
		$this->assertTrue( $this->capture()->record( $this->destination(), $this->bot(), true, $now ) );
		$this->assertSame( array(), $this->rows(), 'nothing reaches the table before the drain' );

		$this->assertSame( 3, ( new ClickSpoolDrain( $this->spool ) )->drain( $now ) );
		$this->assertSame( 0, ( new ClickSpoolDrain( $this->spool ) )->drain( $now ) );

		$rows = $this->rows();
		$this->assertCount( 3, $rows );
		$this->assertSame( '2026-03-10 12:00:00', $rows[0]['clicked_at'] );
		$this->assertSame( array( 'abc', 'abc', 'abc' ), array_column( $rows, 'placement_id' ) );
		$this->assertSame( array( '0', '0', '1' ), array_column( $rows, 'is_bot' ) );
		$this->assertSame( array( 'www.qwant.com', 'www.qwant.com', '' ), array_column( $rows, 'referrer_host' ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $rows[0]['visitor_key'] );
		$this->assertSame( $rows[0]['visitor_key'], $rows[1]['visitor_key'], 'one reader, one key within the day' );
		$this->assertSame( '', $rows[2]['visitor_key'], 'bots are not keyed' );
		$this->assertFalse( $this->spool->has_waiting() );
	}

	/**
	 * No address and no agent are written to the spool, only the hashed key.
	 */
	public function test_spool_holds_no_address_or_agent(): void {
		$this->capture()->record( $this->destination(), $this->reader( '198.51.100.77' ), true );

		$text = (string) file_get_contents( $this->dir . '/spool.php' );
		$this->assertStringStartsWith( ClickSpool::HEADER, $text );
		$this->assertStringNotContainsString( '198.51.100.77', $text );
		$this->assertStringNotContainsString( 'Firefox', $text );
	}

	/**
	 * A drain that died after inserting but before deleting its batch: the next drain inserts
	 * nothing twice.
	 */
	public function test_batch_drained_again_after_a_crash_adds_nothing(): void {
		for ( $i = 0; $i < 5; $i++ ) {
			$this->capture()->record( $this->destination(), $this->reader( '192.0.2.' . $i ), true );
		}
		$batches = $this->spool->claim( time() );
		$this->assertCount( 1, $batches );
		$copy = (string) file_get_contents( $batches[0] );

		$this->assertSame( 5, ( new ClickSpoolDrain( $this->spool ) )->drain() );
		file_put_contents( $batches[0], $copy );
		$this->capture()->record( $this->destination(), $this->reader( '192.0.2.9' ), true );

		$this->assertSame( 1, ( new ClickSpoolDrain( $this->spool ) )->drain(), 'only the new click' );
		$this->assertCount( 6, $this->rows() );
		$this->assertFalse( $this->spool->has_waiting() );
	}

	/**
	 * A line that is not a click row is skipped; the lines around it are kept.
	 */
	public function test_malformed_line_is_skipped_and_the_rest_kept(): void {
		$this->capture()->record( $this->destination(), $this->reader( '192.0.2.1' ), true );
		file_put_contents( $this->dir . '/spool.php', "[\"2026-03-10 12:00:00\",\"1 OR 1=1\"]\nnot json\n", FILE_APPEND );
		$this->capture()->record( $this->destination(), $this->reader( '192.0.2.2' ), true );

		$logged = ini_set( 'error_log', $this->dir . '/php-errors.log' );
		try {
			$this->assertSame( 2, ( new ClickSpoolDrain( $this->spool ) )->drain() );
		} finally {
			ini_set( 'error_log', (string) $logged );
		}
		$this->assertCount( 2, $this->rows() );
		$this->assertMatchesRegularExpression( '/batch-[0-9]{10}-[0-9a-f]{12}\.php line 2 is not a click row/', (string) file_get_contents( $this->dir . '/php-errors.log' ) );
	}

	/**
	 * Eight processes append 250 clicks each while the test drains over and over: exactly
	 * 2000 rows in the end, none lost to the rename, none twice.
	 */
	public function test_clicks_appended_during_drains_are_all_kept_once(): void {
		$writers = array();
		for ( $i = 0; $i < 8; $i++ ) {
			$writers[] = proc_open(
				array( PHP_BINARY, '-r', self::WRITER, dirname( __DIR__, 3 ) . '/plugin/autoload.php', $this->dir, (string) self::POST, '250' ),
				array(),
				$pipes
			);
		}
		$drain = new ClickSpoolDrain( $this->spool );
		$exits = array();
		$left  = count( $writers );
		while ( $left > 0 ) {
			$drain->drain();
			foreach ( array_diff_key( $writers, $exits ) as $index => $process ) {
				$status = proc_get_status( $process );
				if ( ! $status['running'] ) {
					$exits[ $index ] = $status['exitcode'];
					proc_close( $process );
					--$left;
				}
			}
		}
		$this->assertSame( array_fill( 0, 8, 0 ), array_values( $exits ), 'every writer appended all its clicks' );
		$drain->drain();

		global $wpdb;
		$counts = $wpdb->get_row( $wpdb->prepare( 'SELECT COUNT(*) AS n, COUNT(DISTINCT click_uid) AS uids, COUNT(DISTINCT referrer_host) AS hosts FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d', self::POST ), ARRAY_A );
		$this->assertSame(
			array(
				'n'     => '2000',
				'uids'  => '2000',
				'hosts' => '2000',
			),
			$counts
		);
	}

	/**
	 * A writer that opened the spool before the drain renamed it, and got its lock only after
	 * the drain let go, sees the batch's mark on its own handle and appends to the new spool:
	 * the batch the drain read is left as it was read.
	 */
	public function test_writer_holding_a_renamed_spool_starts_over_on_the_new_one(): void {
		$this->capture()->record( $this->destination(), $this->reader( '192.0.2.1' ), true );
		$spool = $this->dir . '/spool.php';
		$inode = (int) fileinode( $spool );
		// The test plays the drain holding the lock, so the writer blocks after opening the spool.
		$held = fopen( $spool, 'rb' );
		$this->assertNotFalse( $held );
		$this->assertTrue( flock( $held, LOCK_EX ) );
		$writer = proc_open(
			array( PHP_BINARY, '-r', self::WRITER, dirname( __DIR__, 3 ) . '/plugin/autoload.php', $this->dir, (string) self::POST, '1' ),
			array(),
			$pipes
		);
		$this->assertIsResource( $writer );
		try {
			$this->wait_for_blocked_lock( $inode );
			$batches = $this->spool->claim( time() );
			$this->assertCount( 1, $batches );
			$this->assertSame( $inode, (int) fileinode( $batches[0] ), 'the spool the writer holds became the batch' );
			// What the drain reads once it holds the lock (the test holds it: no second lock here).
			$read = (string) file_get_contents( $batches[0] );
		} finally {
			flock( $held, LOCK_UN );
			fclose( $held );
			$status = proc_get_status( $writer );
			while ( $status['running'] ) {
				usleep( 1000 );
				$status = proc_get_status( $writer );
			}
			proc_close( $writer );
		}
		clearstatcache();
		$this->assertSame( 0, $status['exitcode'], 'the writer appended its click' );
		$this->assertSame( $read, (string) file_get_contents( $batches[0] ), 'nothing was appended to the batch' );
		$this->assertCount( 1, $this->spool->lines( $batches[0] ) );
		$this->assertNotSame( $inode, (int) fileinode( $spool ) );
		$this->assertCount( 1, $this->spool->lines( $spool ), 'the click is in the new spool' );
		$this->assertSame( 2, ( new ClickSpoolDrain( $this->spool ) )->drain() );
	}

	/**
	 * Waits (up to 10 s) until another process waits for a lock on the file of this inode.
	 *
	 * @param int $inode The file's inode.
	 */
	private function wait_for_blocked_lock( int $inode ): void {
		$deadline = microtime( true ) + 10;
		while ( microtime( true ) < $deadline ) {
			// A waiting request is listed as "N: -> FLOCK ADVISORY READ pid maj:min:inode 0 EOF".
			if ( 1 === preg_match( '/->\s+FLOCK\s+\S+\s+\S+\s+[0-9]+\s+[0-9a-f]+:[0-9a-f]+:' . $inode . '\s/', (string) file_get_contents( '/proc/locks' ) ) ) {
				return;
			}
			usleep( 1000 );
		}
		$this->fail( 'the writer never waited for the spool lock' );
	}

	/**
	 * A folder that cannot be written: the click goes to the database directly.
	 */
	public function test_unwritable_folder_falls_back_to_the_database(): void {
		file_put_contents( $this->dir . '/not-a-folder', '' );
		$capture = new ClickCapture( new ClickSpool( $this->dir . '/not-a-folder' ), ClickLog::record( ... ) );

		$this->assertTrue( $capture->record( $this->destination(), $this->reader( '192.0.2.1' ), true ) );

		$rows = $this->rows();
		$this->assertCount( 1, $rows );
		$this->assertNull( $rows[0]['click_uid'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $rows[0]['visitor_key'] );
	}

	/**
	 * One salt per day for every request, another the next day, old ones deleted.
	 */
	public function test_salt_file_is_shared_within_a_day_and_rotates(): void {
		$salts  = new VisitorSalt( $this->spool );
		$monday = $salts->for_day( '2026-03-09' );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $monday );
		$this->assertSame( $monday, ( new VisitorSalt( new ClickSpool( $this->dir ) ) )->for_day( '2026-03-09' ) );
		$tuesday = $salts->for_day( '2026-03-10' );
		$this->assertNotSame( $monday, $tuesday );

		$salts->delete_all_but( '2026-03-10' );

		$this->assertFileDoesNotExist( $this->dir . '/salt-2026-03-09.php' );
		$this->assertSame( $tuesday, $salts->for_day( '2026-03-10' ) );
		$this->assertSame( '', $salts->for_day( '../x' ) );
	}

	/**
	 * The appender the writer processes run: plugin autoloader, folder, post id, count.
	 */
	private const WRITER = <<<'PHP'
require $argv[1];
$spool = new Afflux\Clicks\ClickSpool( $argv[2] );
for ( $i = 0; $i < (int) $argv[4]; $i++ ) {
	$row = array( 'clicked_at' => gmdate( 'Y-m-d H:i:s' ), 'post_id' => (int) $argv[3], 'placement_id' => 'abc', 'product_id' => 7, 'network' => 'awin', 'outcome' => 'product', 'referrer_host' => getmypid() . '-' . $i . '.example', 'device' => 'desktop', 'is_bot' => 0, 'visitor_key' => '' );
	if ( ! $spool->append( $row ) ) {
		exit( 1 );
	}
}
PHP;

	/**
	 * A capture into the test's spool, falling back to the database.
	 */
	private function capture(): ClickCapture {
		return new ClickCapture( $this->spool, ClickLog::record( ... ) );
	}

	/**
	 * A reader's request.
	 *
	 * @param string $ip Remote address.
	 */
	private function reader( string $ip ): ClickRequest {
		return ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
				'HTTP_REFERER'    => 'https://www.qwant.com/?q=casque',
				'REMOTE_ADDR'     => $ip,
			)
		);
	}

	/**
	 * A crawler's request.
	 */
	private function bot(): ClickRequest {
		return ClickRequest::from_server(
			array(
				'REQUEST_METHOD'  => 'GET',
				'HTTP_USER_AGENT' => 'AhrefsBot/7.0',
				'REMOTE_ADDR'     => '192.0.2.200',
			)
		);
	}

	/**
	 * A destination on this test's post.
	 */
	private function destination(): Destination {
		return new Destination( 'https://www.awin1.com/x', self::POST, 'abc', 7, 'awin', Destination::OUTCOME_PRODUCT );
	}

	/**
	 * This test's rows, in insertion order.
	 *
	 * @return list<array<string, string|null>>
	 */
	private function rows(): array {
		global $wpdb;
		return $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d ORDER BY id', self::POST ), ARRAY_A );
	}

	/**
	 * Deletes this test's rows.
	 */
	private function clean(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . ClickSchema::clicks_table() . ' WHERE post_id = %d', self::POST ) );
	}
}
