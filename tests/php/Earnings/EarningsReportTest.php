<?php
/**
 * Tests for the earnings report, read from transactions written as the daemon writes them.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Earnings;

use Afflux\Admin\EarningsCsvExport;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\SyncRunRepository;
use Afflux\Cache\TransactionRepository;
use Afflux\Cli\CliOutput;
use Afflux\Cli\EarningsCommand;
use Afflux\Earnings\ClickTotals;
use Afflux\Earnings\EarningsReport;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * Balances per status to the cent, per post and block through the sub id, the range filter,
 * the reconciliation line, the CSV and the WP-CLI command.
 */
final class EarningsReportTest extends AffluxTestCase {

	/**
	 * The cache.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * Next transaction id.
	 *
	 * @var int
	 */
	private int $next = 1;

	/**
	 * A cache with a programme and a few transactions.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->add( 'pending', 1234, 'p41_abc', '2026-11-02T10:00:00Z' );
		$this->add( 'approved', 1001, 'p41_abc', '2026-11-03T10:00:00Z' );
		$this->add( 'approved', 99, 'p41_def', '2026-11-10T10:00:00Z' );
		$this->add( 'paid', 5000, 'p42', '2026-11-11T10:00:00Z' );
		$this->add( 'declined', 700, 'p42', '2026-11-12T10:00:00Z' );
		$this->add( 'reversed', 300, 'elsewhere', '2026-11-12T11:00:00Z' );
		$this->add( 'on_hold', 11, null, '2026-11-13T10:00:00Z' );
		// Outside the range: must not count.
		$this->add( 'approved', 100000, 'p41_abc', '2026-10-31T23:59:59Z' );
		$this->cache->pdo->exec( "INSERT INTO sync_runs (network, kind, started_at, finished_at, status, items_seen, items_written) VALUES ('awin', 'commissions', '2026-11-20T08:00:00Z', '2026-11-20T08:01:00Z', 'ok', 8, 8)" );
	}

	/**
	 * Totals by balance equal the inserted amounts to the cent.
	 */
	public function test_totals_by_status_to_the_cent(): void {
		$totals = $this->report()->build( '2026-11-01', '2026-11-30', 'day' )['totals'];

		$this->assertCount( 1, $totals );
		$this->assertSame( 'EUR', $totals[0]['currency'] );
		$this->assertSame( 7, $totals[0]['count'] );
		$this->assertSame( 1001 + 99, $totals[0]['available'] );
		$this->assertSame( 1234 + 11, $totals[0]['pending'] );
		$this->assertSame( 700 + 300, $totals[0]['declined'] );
		$this->assertSame( 5000, $totals[0]['paid'] );
	}

	/**
	 * The sub id credits the post and the block; foreign sub ids go to post 0.
	 */
	public function test_sub_ids_credit_posts_and_blocks(): void {
		$report = $this->report()->build( '2026-11-01', '2026-11-30', 'day' );
		$posts  = array_column( $report['by_post'], null, 'post_id' );

		$this->assertSame( 1001 + 99, $posts[41]['available'] );
		$this->assertSame( 1234, $posts[41]['pending'] );
		$this->assertSame( 5000, $posts[42]['paid'] );
		$this->assertSame( 300 + 0, $posts[0]['declined'] );
		$this->assertSame( 11, $posts[0]['pending'] );

		$blocks = array();
		foreach ( $report['by_block'] as $row ) {
			$blocks[ $row['post_id'] . '/' . $row['placement_id'] ] = $row;
		}
		$this->assertSame( 1001, $blocks['41/abc']['available'] );
		$this->assertSame( 99, $blocks['41/def']['available'] );
	}

	/**
	 * Weeks start on Monday; months group by calendar month.
	 */
	public function test_series_by_week_and_month(): void {
		$weeks = array_column( $this->report()->build( '2026-11-01', '2026-11-30', 'week' )['series'], null, 'key' );
		// 2026-11-02 is a Monday: the 2nd and the 3rd share its week, the 10th to the 13th the next.
		$this->assertSame( array( '2026-11-02', '2026-11-09' ), array_keys( $weeks ) );
		$this->assertSame( 1234, $weeks['2026-11-02']['pending'] );
		$this->assertSame( 1001, $weeks['2026-11-02']['available'] );
		$this->assertSame( 99, $weeks['2026-11-09']['available'] );

		$months = $this->report()->build( '2026-10-01', '2026-11-30', 'month' )['series'];
		$this->assertSame( array( '2026-10', '2026-11' ), array_column( $months, 'key' ) );
	}

	/**
	 * One post's figures hold only that post's sub ids (p4 must not match p41).
	 */
	public function test_post_figures_hold_only_that_post(): void {
		$this->add( 'approved', 777, 'p4_x', '2026-11-05T10:00:00Z' );
		$post = $this->report()->for_post( 4, '2026-11-01', '2026-11-30' );
		$this->assertSame( 777, $post['totals'][0]['available'] );
		$this->assertSame( 1, $post['totals'][0]['count'] );
	}

	/**
	 * The reconciliation line gives our count and the last sync window, and says the network's
	 * own count is not stored.
	 */
	public function test_reconciliation_line(): void {
		$line = $this->report()->build( '2026-11-01', '2026-11-30', 'day' )['reconciliation'][0];
		$this->assertSame( 'awin', $line['network'] );
		$this->assertSame( 7, $line['count'] );
		$this->assertSame( 1234 + 1001 + 99 + 5000 + 700 + 300 + 11, $line['total'] );
		$this->assertSame( 8, $line['last_run']['items_seen'] );
		$this->assertStringContainsString( '2026-11-20T08:00:00Z', $line['note'] );
	}

	/**
	 * The CSV has one row per transaction of the range, post and block split out, and defuses
	 * a formula in a network's text.
	 */
	public function test_csv_export(): void {
		$this->cache->pdo->exec( "UPDATE programmes SET name = '=HYPERLINK(\"x\")'" );
		$csv  = ( new EarningsCsvExport( new TransactionRepository( $this->connection() ) ) )->csv( '2026-11-01', '2026-11-30' );
		$rows = array_map( 'str_getcsv', array_filter( explode( "\n", $csv ) ) );

		$this->assertCount( 8, $rows );
		$first = array_combine( $rows[0], $rows[1] );
		$this->assertSame( '12.34', $first['commission'] );
		$this->assertSame( '41', $first['post_id'] );
		$this->assertSame( 'abc', $first['block'] );
		$this->assertSame( "'=HYPERLINK(\"x\")", $first['merchant'] );
	}

	/**
	 * `wp afflux earnings`, run against a recording sink: decimals per balance.
	 */
	public function test_cli_earnings_prints_balances(): void {
		$out  = new class() implements CliOutput {
			/**
			 * Tables printed.
			 *
			 * @var list<array<array<string, mixed>>>
			 */
			public array $tables = array();
			/**
			 * Lines printed.
			 *
			 * @var list<string>
			 */
			public array $lines = array();
			/**
			 * Records a line.
			 *
			 * @param string $text Line.
			 */
			public function line( string $text ): void {
				$this->lines[] = $text;
			}
			/**
			 * Records a table.
			 *
			 * @param array<array<string, mixed>> $rows    Rows.
			 * @param string[]                    $columns Columns.
			 */
			public function table( array $rows, array $columns ): void {
				$this->tables[] = $rows;
			}
			/**
			 * Records a success.
			 *
			 * @param string $text Message.
			 */
			public function success( string $text ): void {
				$this->lines[] = $text;
			}
		};
		$code = ( new EarningsCommand( $this->report() ) )->run( $out, '2026-11-01', '2026-11-30' );

		$this->assertSame( 0, $code );
		$this->assertSame( '11.00', $out->tables[0][0]['available'] );
		$this->assertSame( '50.00', $out->tables[0][0]['paid'] );
		$this->assertSame( 'awin', $out->tables[1][0]['network'] );
		$this->assertSame( 1, ( new EarningsCommand( $this->report() ) )->run( $out, 'yesterday', '2026-11-30' ) );
	}

	/**
	 * A read connection to the fixture.
	 */
	private function connection(): CacheConnection {
		return new CacheConnection( $this->cache->path, new CacheStatusLog() );
	}

	/**
	 * The report over the fixture.
	 */
	private function report(): EarningsReport {
		$connection = $this->connection();
		return new EarningsReport( new TransactionRepository( $connection ), new SyncRunRepository( $connection ), new ClickTotals() );
	}

	/**
	 * Inserts a transaction as the daemon would.
	 *
	 * @param string      $status     Normalised status.
	 * @param int         $commission Commission in cents.
	 * @param string|null $sub_id     Sub id.
	 * @param string      $at         Transaction time.
	 */
	private function add( string $status, int $commission, ?string $sub_id, string $at ): void {
		$statement = $this->cache->pdo->prepare(
			"INSERT INTO transactions (network, transaction_id, programme_id, status, network_status, sale_minor, commission_minor, currency, sub_id, transaction_at, first_seen_at, updated_at)
			 VALUES ('awin', ?, '1001', ?, ?, ?, ?, 'EUR', ?, ?, ?, ?)"
		);
		$statement->execute( array( (string) $this->next++, $status, $status, $commission * 10, $commission, $sub_id, $at, $at, $at ) );
	}
}
