<?php
/**
 * Purges the cached pages of posts whose products changed.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

use Afflux\Cache\ProductRepository;
use Afflux\Service;

/**
 * Every five minutes from WP-Cron (never during a reader's page view), asks the cache which
 * products' price or availability changed since the last check (one indexed query), finds the
 * posts that place them (one query on the placements table) and purges exactly those posts
 * (PagePurger), then fires afflux_product_changed( $product_id, $post_ids ) for each changed
 * product a post uses.
 *
 * The watermark is the latest changed_at seen, in the daemon's clock (WordPress's clock may
 * differ). The daemon stamps every row of a sync with the run's start time and writes in
 * batches, so a check can land between two batches of the same time: changes at exactly the
 * watermark are read again next time, and the products already purged at it are skipped.
 */
final class ChangedProductPurge implements Service {

	public const CRON_HOOK = 'afflux_purge_changed_products';

	public const CRON_SCHEDULE = 'afflux_every_five_minutes';

	/**
	 * Option holding the watermark: {at: changed_at, ids: product ids purged at that time}.
	 */
	public const STATE_OPTION = 'afflux_purge_watermark';

	/**
	 * Product ids per placements-table query.
	 */
	private const BATCH = 500;

	/**
	 * Builds the job.
	 *
	 * @param ProductRepository $products The cache.
	 * @param PlacementStore    $store    The placements table.
	 * @param PagePurger        $purger   Purges one post.
	 */
	public function __construct(
		private readonly ProductRepository $products,
		private readonly PlacementStore $store,
		private readonly PagePurger $purger
	) {
	}

	/**
	 * Hooks the five-minute schedule.
	 */
	public function init(): void {
		add_filter( 'cron_schedules', array( $this, 'add_schedule' ) ); // phpcs:ignore WordPress.WP.CronInterval -- readers should see a new price within minutes of the daemon's sync; a check with no change costs one indexed query.
		add_action( self::CRON_HOOK, array( $this, 'run' ) );
		add_action( 'init', array( $this, 'schedule' ) );
	}

	/**
	 * Adds the five-minute interval.
	 *
	 * @param mixed $schedules Known intervals (an array, unless another filter broke it).
	 * @return array<string, mixed>
	 */
	public function add_schedule( $schedules ): array {
		$schedules                        = is_array( $schedules ) ? $schedules : array();
		$schedules[ self::CRON_SCHEDULE ] = array(
			'interval' => 300,
			'display'  => __( 'Every five minutes (Afflux)', 'afflux' ),
		);
		return $schedules;
	}

	/**
	 * Schedules the job once.
	 */
	public function schedule(): void {
		if ( false === wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + 300, self::CRON_SCHEDULE, self::CRON_HOOK );
		}
	}

	/**
	 * One check: the posts purged, by id. The first check only records the watermark (there
	 * is nothing to compare with yet: two queries, once); an unreadable cache changes nothing.
	 *
	 * @return list<int>
	 */
	public function run(): array {
		$state = get_option( self::STATE_OPTION );
		if ( ! is_array( $state ) || ! isset( $state['at'] ) || ! is_string( $state['at'] ) ) {
			$latest = $this->products->latest_change();
			$at     = null === $latest ? null : $this->products->changed_since( $latest );
			if ( null !== $latest && null !== $at ) {
				$this->save_state( $latest, array_keys( $at ) );
			}
			return array();
		}

		$changed = $this->products->changed_since( $state['at'] );
		if ( null === $changed ) {
			return array();
		}
		$done = array_flip( array_map( 'intval', is_array( $state['ids'] ?? null ) ? $state['ids'] : array() ) );
		foreach ( $changed as $product_id => $changed_at ) {
			if ( $changed_at === $state['at'] && isset( $done[ $product_id ] ) ) {
				unset( $changed[ $product_id ] );
			}
		}
		if ( array() === $changed ) {
			return array();
		}

		$purged = array();
		foreach ( array_chunk( array_keys( $changed ), self::BATCH ) as $batch ) {
			foreach ( $this->store->posts_using( $batch ) as $product_id => $post_ids ) {
				foreach ( $post_ids as $post_id ) {
					if ( ! isset( $purged[ $post_id ] ) ) {
						$this->purger->purge( $post_id );
						$purged[ $post_id ] = $post_id;
					}
				}
				/**
				 * A product's price or availability changed and these posts, which place it,
				 * have just been purged.
				 *
				 * @param int   $product_id The cache's product id.
				 * @param int[] $post_ids   The posts placing it.
				 */
				do_action( 'afflux_product_changed', $product_id, $post_ids );
			}
		}

		$latest = max( $changed );
		$at     = $latest === $state['at'] ? array_keys( $done ) : array();
		foreach ( $changed as $product_id => $changed_at ) {
			if ( $changed_at === $latest ) {
				$at[] = $product_id;
			}
		}
		$this->save_state( $latest, $at );
		return array_values( $purged );
	}

	/**
	 * Stores the watermark.
	 *
	 * @param string $at  Latest changed_at seen.
	 * @param int[]  $ids Products already purged at that time.
	 */
	private function save_state( string $at, array $ids ): void {
		update_option(
			self::STATE_OPTION,
			array(
				'at'  => $at,
				'ids' => array_values( array_unique( $ids ) ),
			),
			false
		);
	}
}
