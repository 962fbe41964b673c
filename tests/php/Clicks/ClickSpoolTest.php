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
		$this->assertStringStartsWith( ClickSpool::GUARD . '[', $text, 'the file exits before anything is printed' );
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
	 * A writer that opened the spool before the drain renamed it, and writes only after the drain
	 * has read the batch: it sees the batch's mark on its own handle and writes the record again
	 * to the new spool, and the record is inserted once although two files hold it.
	 */
	public function test_record_written_after_the_drain_read_the_batch_is_written_again(): void {
		$this->capture()->record( $this->destination(), $this->reader( '192.0.2.1' ), true );
		$late   = $this->spool->open();
		$record = ClickSpool::record( ClickSpool::click_id(), ClickLog::row( $this->destination(), $this->reader( '192.0.2.2' ), '', time() ) );
		$this->assertNotNull( $late );
		$this->assertNotNull( $record );

		// The drain's steps, up to its read.
		$batches = $this->spool->claim( time() );
		$this->assertCount( 1, $batches );
		$this->assertCount( 1, $this->spool->lines( $batches[0] ), 'the drain read one record' );

		$this->assertNull( $this->spool->write( $late, $record ), 'the writer sees the mark' );
		$this->assertCount( 2, $this->spool->lines( $batches[0] ), 'its write landed in the batch, after the read' );
		$again = $this->spool->open();
		$this->assertNotNull( $again );
		$this->assertTrue( $this->spool->write( $again, $record ), 'written again to the new spool, which is not marked' );
		$this->assertCount( 1, $this->spool->lines( $this->dir . '/spool.php' ) );

		// A drain reading the batch again (it did not delete it) and the new spool: two rows, not three.
		$this->assertSame( 2, ( new ClickSpoolDrain( $this->spool ) )->drain() );
		$this->assertCount( 2, $this->rows() );
		$this->assertSame( 2, count( array_unique( array_column( $this->rows(), 'click_uid' ) ) ) );
	}

	/**
	 * A handle opened before the drain claimed the spool sees the mark (write() asks for the
	 * record again), and the next click opens the new spool.
	 */
	public function test_click_after_a_claim_goes_to_the_new_spool(): void {
		$this->capture()->record( $this->destination(), $this->reader( '192.0.2.1' ), true );
		$held = $this->spool->open();
		$this->assertNotNull( $held );
		$batches = $this->spool->claim( time() );
		$before  = (string) file_get_contents( $batches[0] );

		$record = ClickSpool::record( ClickSpool::click_id(), ClickLog::row( $this->destination(), $this->reader( '192.0.2.3' ), '', time() ) );
		$this->assertNotNull( $record );
		$this->assertNull( $this->spool->write( $held, $record ) );
		$this->assertTrue( $this->capture()->record( $this->destination(), $this->reader( '192.0.2.4' ), true ) );

		$this->assertStringStartsWith( $before, (string) file_get_contents( $batches[0] ) );
		$this->assertCount( 1, $this->spool->lines( $this->dir . '/spool.php' ), 'the next click went to the new spool' );
	}

	/**
	 * A record whose write was still under way when the drain read (no newline yet) is left for
	 * its writer to write again; a record cut short by a failed write does not hide the next one.
	 */
	public function test_unfinished_and_cut_short_records_are_left_out(): void {
		$kept   = ClickSpool::click_id();
		$first  = (string) ClickSpool::record( ClickSpool::click_id(), ClickLog::row( $this->destination(), $this->reader( '192.0.2.1' ), '', time() ) );
		$second = (string) ClickSpool::record( $kept, ClickLog::row( $this->destination(), $this->reader( '192.0.2.2' ), '', time() ) );
		$third  = (string) ClickSpool::record( ClickSpool::click_id(), ClickLog::row( $this->destination(), $this->reader( '192.0.2.3' ), '', time() ) );
		// The first record cut short, the second whole after it, the third not finished yet.
		file_put_contents( $this->dir . '/spool.php', substr( $first, 0, 40 ) . $second . substr( $third, 0, -1 ) );

		$this->assertSame( 1, ( new ClickSpoolDrain( $this->spool ) )->drain() );
		$this->assertSame( array( $kept ), array_column( $this->rows(), 'click_uid' ) );
	}

	/**
	 * A batch written by an earlier version (a header line, records without GUARD or id) is
	 * still drained, once, its records named by their place as before.
	 */
	public function test_batch_of_an_earlier_version_is_drained_once(): void {
		$row  = array_values( ClickLog::row( $this->destination(), $this->reader( '192.0.2.1' ), '', strtotime( '2026-03-10 12:00:00 UTC' ) ) );
		$line = (string) json_encode( $row );
		file_put_contents( $this->dir . '/batch-1773144000-0123456789ab.php', ClickSpool::LEGACY_HEADER . $line . "\n" . $line . "\n" );

		$this->assertSame( 2, ( new ClickSpoolDrain( $this->spool ) )->drain() );
		$this->assertSame( array( '1773144000-0123456789ab-1', '1773144000-0123456789ab-2' ), array_column( $this->rows(), 'click_uid' ) );
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
