<?php
/**
 * The earnings dashboard's CSV export: every transaction of the chosen range.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Cache\TransactionRepository;
use Afflux\Earnings\StatusBucket;
use Afflux\Links\SubId;
use Afflux\Service;

/**
 * A download through admin-post.php (nonce and manage_options checked): one row per
 * transaction, with its post and block read from the sub id and the amount in major units.
 */
final class EarningsCsvExport implements Service {

	public const ACTION = 'afflux_earnings_csv';

	/**
	 * Builds the export.
	 *
	 * @param TransactionRepository $transactions The transactions.
	 */
	public function __construct( private readonly TransactionRepository $transactions ) {
	}

	/**
	 * Hooks the download.
	 */
	public function init(): void {
		add_action( 'admin_post_' . self::ACTION, array( $this, 'download' ) );
	}

	/**
	 * Sends the file.
	 */
	public function download(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to export the Afflux earnings.', 'afflux' ), 403 );
		}
		check_admin_referer( self::ACTION );
		$from = isset( $_GET['from'] ) ? sanitize_text_field( wp_unslash( $_GET['from'] ) ) : '';
		$to   = isset( $_GET['to'] ) ? sanitize_text_field( wp_unslash( $_GET['to'] ) ) : '';
		if ( 1 !== preg_match( '/^\d{4}-\d{2}-\d{2}$/', $from ) || 1 !== preg_match( '/^\d{4}-\d{2}-\d{2}$/', $to ) ) {
			wp_die( esc_html__( 'Choose a start and an end date (YYYY-MM-DD) to export.', 'afflux' ), 400 );
		}
		nocache_headers();
		header( 'Content-Type: text/csv; charset=utf-8' );
		header( 'Content-Disposition: attachment; filename="afflux-earnings-' . $from . '-' . $to . '.csv"' );
		// phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a CSV file, not HTML.
		echo $this->csv( $from, $to );
		exit;
	}

	/**
	 * The CSV text.
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 */
	public function csv( string $from, string $to ): string {
		$out = fopen( 'php://temp', 'r+' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fopen -- an in-memory stream for fputcsv.
		if ( false === $out ) {
			return '';
		}
		fputcsv( $out, array( 'network', 'transaction_id', 'merchant', 'status', 'balance', 'network_status', 'transaction_at', 'validated_at', 'paid_at', 'currency', 'sale', 'commission', 'sub_id', 'post_id', 'block' ) );
		foreach ( $this->transactions->rows( $from, $to ) as $row ) {
			$sub = SubId::parse( (string) $row['sub_id'] );
			fputcsv(
				$out,
				array(
					$row['network'],
					$row['transaction_id'],
					$this->cell( (string) $row['merchant'] ),
					$row['status'],
					StatusBucket::of( (string) $row['status'] ),
					$this->cell( (string) $row['network_status'] ),
					$row['transaction_at'],
					$row['validated_at'],
					$row['paid_at'],
					$row['currency'],
					null === $row['sale_minor'] ? '' : $this->major( (int) $row['sale_minor'] ),
					$this->major( (int) $row['commission_minor'] ),
					$this->cell( (string) $row['sub_id'] ),
					null === $sub ? '' : $sub->post_id,
					null === $sub ? '' : $sub->placement_id,
				)
			);
		}
		rewind( $out );
		$csv = (string) stream_get_contents( $out );
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- a php://temp stream.
		return $csv;
	}

	/**
	 * Minor units to a decimal string with two decimals (the networks' currencies here).
	 *
	 * @param int $minor Amount in minor units.
	 */
	private function major( int $minor ): string {
		return ( $minor < 0 ? '-' : '' ) . intdiv( abs( $minor ), 100 ) . '.' . str_pad( (string) ( abs( $minor ) % 100 ), 2, '0', STR_PAD_LEFT );
	}

	/**
	 * A network's text, defused so a spreadsheet never runs it as a formula.
	 *
	 * @param string $text Text from a network.
	 */
	private function cell( string $text ): string {
		return '' !== $text && str_contains( '=+-@', $text[0] ) ? "'" . $text : $text;
	}
}
