<?php
/**
 * The earnings dashboard's figures: balances, a series, breakdowns, clicks and reconciliation.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Earnings;

use Afflux\Cache\SyncRunRepository;
use Afflux\Cache\TransactionRepository;
use Afflux\Links\SubId;

/**
 * Turns the cache's transactions and the plugin's clicks into what a publisher reads on a
 * network's dashboard, plus what no network shows: earnings per post and per block, read back
 * from the sub id each placement sends. Amounts stay integer minor units, per currency.
 *
 * @phpstan-type Balances array{currency: string, count: int, available: int, pending: int, declined: int, paid: int}
 */
final class EarningsReport {

	public const GROUPINGS = array( 'day', 'week', 'month' );

	/**
	 * Builds the report maker.
	 *
	 * @param TransactionRepository $transactions The transactions.
	 * @param SyncRunRepository     $runs         The sync runs, for the reconciliation line.
	 * @param ClickTotals           $clicks       The clicks.
	 */
	public function __construct(
		private readonly TransactionRepository $transactions,
		private readonly SyncRunRepository $runs,
		private readonly ClickTotals $clicks
	) {
	}

	/**
	 * The whole dashboard for [from, to].
	 *
	 * @param string      $from     First day, Y-m-d (UTC).
	 * @param string      $to       Last day, Y-m-d (UTC).
	 * @param string      $grouping day, week or month.
	 * @param string|null $network  Only this network.
	 * @return array<string, mixed>
	 */
	public function build( string $from, string $to, string $grouping, ?string $network = null ): array {
		$by_sub  = $this->transactions->sums( array( 'sub_id' ), $from, $to, $network );
		$clicks  = $this->clicks->by_placement( $from, $to );
		$by_post = $this->by_post( $by_sub, $clicks );

		return array(
			'range'          => array(
				'from'     => $from,
				'to'       => $to,
				'grouping' => $grouping,
				'network'  => $network,
			),
			'totals'         => $this->balances( $by_sub, static fn (): string => '' ),
			'series'         => $this->balances( $this->transactions->sums( array( $grouping ), $from, $to, $network ), static fn ( array $row ): string => (string) $row[ $grouping ] ),
			'by_network'     => $this->balances( $this->transactions->sums( array( 'network' ), $from, $to, $network ), static fn ( array $row ): string => (string) $row['network'] ),
			'by_merchant'    => $this->by_merchant( $from, $to, $network ),
			'by_post'        => $by_post['posts'],
			'by_block'       => $by_post['blocks'],
			'clicks'         => array_sum( array_column( $clicks, 'clicks' ) ),
			'reconciliation' => $this->reconciliation( $from, $to, $network ),
		);
	}

	/**
	 * One post's clicks and earnings over [from, to], for the editor's sidebar.
	 *
	 * @param int    $post_id The post.
	 * @param string $from    First day, Y-m-d.
	 * @param string $to      Last day, Y-m-d.
	 * @return array{post_id: int, clicks: int, totals: list<array<string, string|int>>, blocks: list<array<string, mixed>>}
	 */
	public function for_post( int $post_id, string $from, string $to ): array {
		$by_sub  = $this->transactions->sums( array( 'sub_id' ), $from, $to, null, $post_id );
		$clicks  = $this->clicks->by_placement( $from, $to, $post_id );
		$by_post = $this->by_post( $by_sub, $clicks );
		return array(
			'post_id' => $post_id,
			'clicks'  => array_sum( array_column( $clicks, 'clicks' ) ),
			'totals'  => $this->balances( $by_sub, static fn (): string => '' ),
			'blocks'  => $by_post['blocks'],
		);
	}

	/**
	 * Sums rows into balances per key and currency.
	 *
	 * @param list<array<string, string|int>>             $rows Rows with status, currency, count, commission_minor.
	 * @param callable(array<string, string|int>): string $key  The row's key ('' for one total).
	 * @return list<array<string, string|int>> Each: key (unless ''), currency, count and the four balances.
	 */
	private function balances( array $rows, callable $key ): array {
		/**
		 * Balances by key and currency.
		 *
		 * @var array<string, array<string, string|int>> $out
		 */
		$out = array();
		foreach ( $rows as $row ) {
			$id = $key( $row ) . '|' . $row['currency'];
			if ( ! isset( $out[ $id ] ) ) {
				$out[ $id ] = array( 'key' => $key( $row ) ) + $this->empty_balances( (string) $row['currency'] );
			}
			$bucket                = StatusBucket::of( (string) $row['status'] );
			$out[ $id ]['count']   = (int) $out[ $id ]['count'] + (int) $row['count'];
			$out[ $id ][ $bucket ] = (int) $out[ $id ][ $bucket ] + (int) $row['commission_minor'];
		}
		return array_values( $out );
	}

	/**
	 * Zero balances in a currency.
	 *
	 * @param string $currency ISO 4217 code.
	 * @return Balances
	 */
	private function empty_balances( string $currency ): array {
		return array(
			'currency'  => $currency,
			'count'     => 0,
			'available' => 0,
			'pending'   => 0,
			'declined'  => 0,
			'paid'      => 0,
		);
	}

	/**
	 * Balances per merchant, named from the programmes table.
	 *
	 * @param string      $from    First day.
	 * @param string      $to      Last day.
	 * @param string|null $network Only this network.
	 * @return list<array<string, string|int>>
	 */
	private function by_merchant( string $from, string $to, ?string $network ): array {
		$rows  = $this->transactions->sums( array( 'merchant', 'merchant_name' ), $from, $to, $network );
		$names = array();
		foreach ( $rows as $row ) {
			$names[ (string) $row['merchant'] ] = (string) $row['merchant_name'];
		}
		return array_map(
			static fn ( array $balance ): array => $balance + array( 'label' => $names[ (string) $balance['key'] ] ?? (string) $balance['key'] ),
			$this->balances( $rows, static fn ( array $row ): string => (string) $row['merchant'] )
		);
	}

	/**
	 * Balances per post and per block, with clicks, conversion rate and EPC. Sub ids that are not
	 * ours (links made outside Afflux) are gathered under post 0.
	 *
	 * @param list<array<string, string|int>>                              $by_sub Sums by sub id.
	 * @param list<array{post_id: int, placement_id: string, clicks: int}> $clicks Clicks per placement.
	 * @return array{posts: list<array<string, mixed>>, blocks: list<array<string, mixed>>}
	 */
	private function by_post( array $by_sub, array $clicks ): array {
		$post_rows  = array();
		$block_rows = array();
		foreach ( $by_sub as $row ) {
			$sub          = SubId::parse( (string) $row['sub_id'] );
			$post         = null === $sub ? 0 : $sub->post_id;
			$block        = null === $sub ? '' : $sub->placement_id;
			$post_rows[]  = array( 'post' => (string) $post ) + $row;
			$block_rows[] = array( 'block' => $post . '|' . $block ) + $row;
		}
		$post_clicks  = array();
		$block_clicks = array();
		foreach ( $clicks as $click ) {
			$post_clicks[ $click['post_id'] ]                                 = ( $post_clicks[ $click['post_id'] ] ?? 0 ) + $click['clicks'];
			$block_clicks[ $click['post_id'] . '|' . $click['placement_id'] ] = ( $block_clicks[ $click['post_id'] . '|' . $click['placement_id'] ] ?? 0 ) + $click['clicks'];
		}

		$posts = array();
		foreach ( $this->balances( $post_rows, static fn ( array $row ): string => (string) $row['post'] ) as $balance ) {
			$post_id = (int) $balance['key'];
			$posts[] = $this->with_rates( $balance, $post_clicks[ $post_id ] ?? 0 ) + $this->post_label( $post_id );
			unset( $post_clicks[ $post_id ] );
		}
		// Posts with clicks but no commission yet still belong in the table.
		foreach ( $post_clicks as $post_id => $count ) {
			$posts[] = $this->with_rates( array( 'key' => (string) $post_id ) + $this->empty_balances( '' ), $count ) + $this->post_label( (int) $post_id );
		}

		$blocks = array();
		foreach ( $this->balances( $block_rows, static fn ( array $row ): string => (string) $row['block'] ) as $balance ) {
			list( $post_id, $placement ) = explode( '|', (string) $balance['key'], 2 );
			$blocks[]                    = $this->with_rates( $balance, $block_clicks[ $balance['key'] ] ?? 0 ) + array( 'placement_id' => $placement ) + $this->post_label( (int) $post_id );
		}
		usort( $posts, static fn ( array $a, array $b ): int => ( $b['available'] + $b['pending'] + $b['paid'] ) <=> ( $a['available'] + $a['pending'] + $a['paid'] ) );
		return array(
			'posts'  => $posts,
			'blocks' => $blocks,
		);
	}

	/**
	 * Adds clicks, conversion rate (transactions per click) and EPC (earned minor units per
	 * click, declined money left out).
	 *
	 * @param array<string, string|int> $balance Balances.
	 * @param int                       $clicks  Clicks.
	 * @return array<string, mixed>
	 */
	private function with_rates( array $balance, int $clicks ): array {
		$earned = (int) $balance['available'] + (int) $balance['pending'] + (int) $balance['paid'];
		return $balance + array(
			'clicks'          => $clicks,
			'conversion_rate' => $clicks > 0 ? round( (int) $balance['count'] / $clicks, 4 ) : null,
			'epc_minor'       => $clicks > 0 ? round( $earned / $clicks, 2 ) : null,
		);
	}

	/**
	 * The post's title and edit link; post 0 stands for sub ids Afflux did not make.
	 *
	 * @param int $post_id Post id.
	 * @return array{post_id: int, title: string, edit_url: string}
	 */
	private function post_label( int $post_id ): array {
		if ( 0 === $post_id ) {
			return array(
				'post_id'  => 0,
				'title'    => __( 'Links not made by Afflux (no post)', 'afflux' ),
				'edit_url' => '',
			);
		}
		$post = get_post( $post_id );
		$post = $post instanceof \WP_Post ? $post : null;
		return array(
			'post_id'  => $post_id,
			/* translators: %d: a post id whose post no longer exists. */
			'title'    => null === $post ? sprintf( __( 'Deleted post #%d', 'afflux' ), $post_id ) : html_entity_decode( get_the_title( $post ), ENT_QUOTES ),
			'edit_url' => null === $post ? '' : (string) get_edit_post_link( $post_id, 'raw' ),
		);
	}

	/**
	 * Per network: what our cache holds for the range, and what the last commissions sync saw.
	 * The daemon stores no total reported by the network per window yet, so the line says so.
	 *
	 * @param string      $from    First day.
	 * @param string      $to      Last day.
	 * @param string|null $network Only this network.
	 * @return list<array<string, mixed>>
	 */
	private function reconciliation( string $from, string $to, ?string $network ): array {
		$ours  = $this->balances( $this->transactions->sums( array( 'network' ), $from, $to, $network ), static fn ( array $row ): string => (string) $row['network'] );
		$runs  = $this->runs->latest_commission_runs();
		$lines = array();
		foreach ( $ours as $balance ) {
			$run     = $runs[ (string) $balance['key'] ] ?? null;
			$lines[] = array(
				'network'  => (string) $balance['key'],
				'currency' => $balance['currency'],
				'count'    => $balance['count'],
				'total'    => (int) $balance['available'] + (int) $balance['pending'] + (int) $balance['paid'] + (int) $balance['declined'],
				'last_run' => $run,
				'note'     => null === $run
					? __( 'No commissions sync has been recorded: these transactions were imported or synced by an older daemon.', 'afflux' )
					: sprintf(
						/* translators: 1: number of transactions, 2: date and time a sync started, 3: date and time it finished. */
						__( 'The network\'s own count for this range is not stored by the daemon yet. Its last commissions sync (%2$s to %3$s) returned %1$d transactions.', 'afflux' ),
						$run['items_seen'],
						$run['started_at'],
						$run['finished_at'] ?? '—'
					),
			);
		}
		return $lines;
	}
}
