<?php
/**
 * Tests for the picker's filters and sort orders in ProductRepository::search().
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Cache;

use Afflux\Cache\ProductSearchFilters;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * Searches a small cache with two merchants of two networks.
 */
final class ProductSearchTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * Product ids by name.
	 *
	 * @var array<string, int>
	 */
	private array $ids = array();

	/**
	 * Awin 1001 pays 5–12.5 %, Awin 1002 a fixed 4 €, Effiliation 9 pays 20 %.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->cache->add_programme(
			array(
				'programme_id'    => '1002',
				'name'            => 'Autre boutique',
				'commission_type' => 'fixed',
				'commission_min'  => 400,
				'commission_max'  => 400,
			)
		);
		$this->cache->add_programme(
			array(
				'network'        => 'effiliation',
				'programme_id'   => '9',
				'name'           => 'Effi shop',
				'commission_max' => 2000,
			)
		);
		// Commission on one sale: 12.5 % of 100 € = 12.50 €; 4 €; 20 % of 10 € = 2 €.
		$this->ids['cher']    = $this->cache->add_product( array( 'title' => 'Casque cher' ), array( 'price_minor' => 10000 ) );
		$this->ids['fixe']    = $this->cache->add_product(
			array(
				'title'        => 'Casque fixe',
				'programme_id' => '1002',
			),
			array( 'price_minor' => 5000 )
		);
		$this->ids['effi']    = $this->cache->add_product(
			array(
				'title'        => 'Casque effi',
				'network'      => 'effiliation',
				'programme_id' => '9',
			),
			array( 'price_minor' => 1000 )
		);
		$this->ids['rupture'] = $this->cache->add_product(
			array( 'title' => 'Casque rupture' ),
			array(
				'price_minor'  => 500,
				'availability' => 'out_of_stock',
			)
		);
		$this->ids['parti']   = $this->cache->add_product(
			array(
				'title'  => 'Casque parti',
				'status' => 'gone',
			)
		);
	}

	/**
	 * The ids a search returns, in order.
	 *
	 * @param string               $query   Words.
	 * @param ProductSearchFilters $filters Filters.
	 * @return int[]
	 */
	private function ids_for( string $query, ProductSearchFilters $filters ): array {
		return array_map( static fn ( $product ): int => $product->id, $this->repository( $this->cache->path )->search( $query, 10, $filters ) );
	}

	/**
	 * Network filter.
	 */
	public function test_filters_by_network(): void {
		$this->assertSame( array( $this->ids['effi'] ), $this->ids_for( 'casque', new ProductSearchFilters( 'effiliation' ) ) );
	}

	/**
	 * Merchant (programme) filter, gone products excluded.
	 */
	public function test_filters_by_merchant(): void {
		$this->assertEqualsCanonicalizing(
			array( $this->ids['cher'], $this->ids['rupture'] ),
			$this->ids_for( 'casque', new ProductSearchFilters( 'awin', '1001' ) )
		);
	}

	/**
	 * In-stock filter drops the out-of-stock product, with or without search words.
	 */
	public function test_filters_in_stock(): void {
		$filters = new ProductSearchFilters( '', '', true );
		$this->assertNotContains( $this->ids['rupture'], $this->ids_for( 'casque', $filters ) );
		$this->assertNotContains( $this->ids['rupture'], $this->ids_for( '', $filters ) );
		$this->assertCount( 3, $this->ids_for( '', $filters ) );
	}

	/**
	 * Price sort: cheapest first.
	 */
	public function test_sorts_by_price(): void {
		$this->assertSame(
			array( $this->ids['rupture'], $this->ids['effi'], $this->ids['fixe'], $this->ids['cher'] ),
			$this->ids_for( 'casque', new ProductSearchFilters( '', '', false, ProductSearchFilters::SORT_PRICE ) )
		);
	}

	/**
	 * Commission sort: highest commission on one sale first, percentages and fixed amounts compared.
	 */
	public function test_sorts_by_commission_on_one_sale(): void {
		$ids = $this->ids_for( '', new ProductSearchFilters( '', '', true, ProductSearchFilters::SORT_COMMISSION ) );
		$this->assertSame( array( $this->ids['cher'], $this->ids['fixe'], $this->ids['effi'] ), $ids );
	}

	/**
	 * Merchants for the filter come from the programmes table.
	 */
	public function test_lists_programmes_by_network_and_name(): void {
		$names = array_map( static fn ( array $programme ): string => $programme['network'] . '/' . $programme['name'], $this->repository( $this->cache->path )->programmes() );
		$this->assertSame( array( 'awin/Autre boutique', 'awin/Boutique Exemple', 'effiliation/Effi shop' ), $names );
	}

	/**
	 * A catalogue sync later than the offer's check is the price's freshness.
	 */
	public function test_price_checked_at_is_the_later_of_offer_check_and_catalogue_sync(): void {
		$this->cache->pdo->exec( "INSERT INTO sync_runs (network, kind, started_at, finished_at, status) VALUES ('awin', 'catalogue', '2026-11-22T01:00:00Z', '2026-11-22T01:10:00Z', 'ok')" );
		$this->cache->pdo->exec( "INSERT INTO sync_runs (network, kind, started_at, finished_at, status) VALUES ('awin', 'catalogue', '2026-11-23T01:00:00Z', '2026-11-23T01:10:00Z', 'failed')" );
		$found = $this->repository( $this->cache->path )->find_many( array( $this->ids['cher'], $this->ids['effi'] ) );

		$this->assertSame( '2026-11-22T01:10:00Z', $found[ $this->ids['cher'] ]->price_checked_at() );
		$this->assertSame( '2026-11-21T08:00:00Z', $found[ $this->ids['effi'] ]->price_checked_at() );
	}
}
