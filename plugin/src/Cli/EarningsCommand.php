<?php
/**
 * `wp afflux earnings [--from=] [--to=] [--by=network|post]`: balances over a range.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cli;

use Afflux\Earnings\EarningsReport;

/**
 * Prints the four balances per currency, then a breakdown, in minor units turned to decimals.
 */
final class EarningsCommand {

	/**
	 * Builds the command.
	 *
	 * @param EarningsReport $report The report maker.
	 */
	public function __construct( private readonly EarningsReport $report ) {
	}

	/**
	 * Runs it; returns the exit code.
	 *
	 * @param CliOutput $out  Where to print.
	 * @param string    $from First day, Y-m-d.
	 * @param string    $to   Last day, Y-m-d.
	 * @param string    $by   network or post.
	 */
	public function run( CliOutput $out, string $from, string $to, string $by = 'network' ): int {
		foreach ( array( $from, $to ) as $day ) {
			if ( 1 !== preg_match( '/^\d{4}-\d{2}-\d{2}$/', $day ) ) {
				/* translators: %s: the value given. */
				$out->line( sprintf( __( 'Error: "%s" is not a date (YYYY-MM-DD).', 'afflux' ), $day ) );
				return 1;
			}
		}
		$report = $this->report->build( $from, $to, 'month' );
		$out->table( array_map( array( $this, 'decimals' ), $report['totals'] ), array( 'currency', 'count', 'available', 'pending', 'declined', 'paid' ) );
		if ( 'post' === $by ) {
			$out->table( array_map( array( $this, 'decimals' ), $report['by_post'] ), array( 'post_id', 'title', 'currency', 'clicks', 'count', 'available', 'pending', 'declined', 'paid' ) );
		} else {
			$out->table( array_map( fn ( array $row ): array => $this->decimals( $row ) + array( 'network' => $row['key'] ), $report['by_network'] ), array( 'network', 'currency', 'count', 'available', 'pending', 'declined', 'paid' ) );
		}
		return 0;
	}

	/**
	 * The balances of a row as decimal strings (12.34).
	 *
	 * @param array<string, mixed> $row A report row.
	 * @return array<string, mixed>
	 */
	private function decimals( array $row ): array {
		foreach ( array( 'available', 'pending', 'declined', 'paid' ) as $key ) {
			$minor       = (int) ( $row[ $key ] ?? 0 );
			$row[ $key ] = ( $minor < 0 ? '-' : '' ) . intdiv( abs( $minor ), 100 ) . '.' . str_pad( (string) ( abs( $minor ) % 100 ), 2, '0', STR_PAD_LEFT );
		}
		return $row;
	}
}
