<?php
/**
 * Tests for ProductRepository.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Cache;

use Afflux\Tests\Support\AffluxTestCase;

/**
 * Reads from a cache built by the daemon's migrations.
 */
final class ProductRepositoryTest extends AffluxTestCase {

	/**
	 * The find_many() method reads product, best offer, programme and link template in one query.
	 */
	public function test_find_many_reads_every_product_in_one_query(): void {
		$cache = $this->fixture();
		$cache->add_programme();
		$cache->add_link_template();
		$first  = $cache->add_product();
		$second = $cache->add_product( array(), array( 'price_minor' => 4990 ) );
		$cache->add_offer(
			$second,
			array(
				'offer_key'     => 'cheaper',
				'merchant_name' => 'Autre boutique',
				'price_minor'   => 3990,
			)
		);
		$cache->add_offer(
			$second,
			array(
				'offer_key'    => 'cheapest-but-gone',
				'price_minor'  => 100,
				'availability' => 'out_of_stock',
			)
		);

		$repository = $this->repository( $cache->path );
		$products   = $repository->find_many( array( $first, $second, 999, $first ) );

		$this->assertSame( 1, $repository->query_count() );
		$this->assertSame( array( $first, $second ), array_keys( $products ) );
		$this->assertSame( 'Boutique Exemple', $products[ $first ]->programme_name );
		$this->assertSame( 'www.awin1.com', $products[ $first ]->tracking_host );
		$this->assertSame( 30, $products[ $first ]->cookie_days );
		$this->assertSame( 1250, $products[ $first ]->commission_max );
		$this->assertSame( 3990, $products[ $second ]->price_minor, 'the cheapest offer in stock wins' );
		$this->assertSame( 'Autre boutique', $products[ $second ]->merchant_name );
	}

	/**
	 * The ids are written into the statement, so only positive whole numbers get there:
	 * numeric strings are read as their number, anything else is left out, still in one query.
	 */
	public function test_find_many_keeps_only_positive_whole_ids(): void {
		$cache = $this->fixture();
		$cache->add_programme();
		$first  = $cache->add_product();
		$second = $cache->add_product();

		$repository = $this->repository( $cache->path );
		$products   = $repository->find_many( array( (string) $first, "$second) OR (1=1", '0', -$second, 'abc', null, $second ) );

		$this->assertSame( 1, $repository->query_count() );
		$this->assertSame( array( $first, $second ), array_keys( $products ) );
	}

	/**
	 * No ids, no query.
	 */
	public function test_find_many_without_ids_runs_no_query(): void {
		$repository = $this->repository( $this->fixture()->path );
		$this->assertSame( array(), $repository->find_many( array() ) );
		$this->assertSame( 0, $repository->query_count() );
	}

	/**
	 * Words typed without accents find accented titles (unicode61 remove_diacritics).
	 */
	public function test_search_without_accents_finds_accented_titles(): void {
		$cache = $this->fixture();
		$id    = $cache->add_product( array( 'title' => 'Crème brûlée à la vanille' ) );
		$cache->add_product( array( 'title' => 'Casque audio' ) );

		$found = $this->repository( $cache->path )->search( 'creme brul', 10 );

		$this->assertCount( 1, $found );
		$this->assertSame( $id, $found[0]->id );
	}

	/**
	 * The last word is a prefix, so results come while typing; gone products are left out.
	 */
	public function test_search_matches_the_last_word_as_a_prefix_and_skips_gone_products(): void {
		$cache = $this->fixture();
		$id    = $cache->add_product( array( 'title' => 'Casque Bluetooth' ) );
		$cache->add_product(
			array(
				'title'  => 'Casque filaire',
				'status' => 'gone',
			)
		);

		$found = $this->repository( $cache->path )->search( 'casq', 10 );

		$this->assertSame( array( $id ), array_map( static fn ( $product ) => $product->id, $found ) );
	}

	/**
	 * An empty query lists the most recently added products.
	 */
	public function test_empty_search_lists_recent_products(): void {
		$cache = $this->fixture();
		$cache->add_product();
		$second = $cache->add_product();
		$third  = $cache->add_product();

		$found = $this->repository( $cache->path )->search( '  ', 2 );

		$this->assertSame( array( $third, $second ), array_map( static fn ( $product ) => $product->id, $found ) );
	}

	/**
	 * FTS5 syntax typed by a person is plain text, never an error.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function hostile_queries(): array {
		return array(
			'lone quote'      => array( '"' ),
			'unbalanced'      => array( 'casque "audio' ),
			'star'            => array( '*' ),
			'star prefix'     => array( '*casque' ),
			'NEAR('           => array( 'NEAR(' ),
			'NEAR group'      => array( 'NEAR(casque audio, 2)' ),
			'minus'           => array( '-' ),
			'not'             => array( 'casque -audio' ),
			'boolean words'   => array( 'casque AND OR NOT' ),
			'column filter'   => array( 'title:casque' ),
			'caret'           => array( '^casque' ),
			'braces'          => array( '{title brand}: casque' ),
			'parentheses'     => array( '(((' ),
			'sql'             => array( "'; DROP TABLE products; --" ),
			'invalid utf8'    => array( "casque \xC3\x28" ),
			'only separators' => array( '+-*/"()' ),
		);
	}

	/**
	 * Hostile search input does not error and does not mark the cache as broken.
	 *
	 * @dataProvider hostile_queries
	 *
	 * @param string $query Hostile input.
	 */
	public function test_hostile_search_syntax_does_not_error( string $query ): void {
		$cache = $this->fixture();
		$cache->add_product( array( 'title' => 'Casque audio' ) );
		$repository = $this->repository( $cache->path );

		$repository->search( $query, 10 );

		$this->assertTrue( $repository->status()->is_ok(), $repository->status()->reason );
	}
}
