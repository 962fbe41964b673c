<?php
/**
 * Tests for Product::from_row().
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Cache;

use Afflux\Cache\Product;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * A cache row becomes a product with every column typed, whatever the row holds.
 */
final class ProductTest extends AffluxTestCase {

	/**
	 * Columns as SQLite returns them: integers, text, NULLs; the offer's own check time wins,
	 * and the programme's domains are read lower-case.
	 */
	public function test_types_every_column(): void {
		$product = Product::from_row(
			array(
				'id'                  => 7,
				'network'             => 'awin',
				'programme_id'        => 1001,
				'title'               => 'Casque « sans fil »',
				'brand'               => null,
				'image_url'           => 'https://img.example/7.jpg',
				'status'              => 'active',
				'checked_at'          => '2026-01-01T00:00:00Z',
				'offer_checked_at'    => '2026-01-02T00:00:00Z',
				'merchant_name'       => 'Boutique',
				'landing_url'         => 'https://www.boutique.fr/7',
				'tracking_url'        => '',
				'price_minor'         => 4990,
				'currency'            => 'EUR',
				'availability'        => '',
				'promo_code'          => null,
				'commission_min'      => '150',
				'commission_max'      => 'beaucoup',
				'valid_domains'       => '[" Boutique.FR ", 3, ""]',
				'deeplink_enabled'    => 1,
				'catalogue_synced_at' => '2026-01-03T00:00:00Z',
			)
		);

		$this->assertSame( 7, $product->id );
		$this->assertSame( '1001', $product->programme_id );
		$this->assertSame( '', $product->brand );
		$this->assertSame( '2026-01-02T00:00:00Z', $product->checked_at );
		$this->assertNull( $product->tracking_url, 'an empty text column is null' );
		$this->assertSame( 4990, $product->price_minor );
		$this->assertSame( 'unknown', $product->availability );
		$this->assertNull( $product->promo_code );
		$this->assertSame( 150, $product->commission_min );
		$this->assertNull( $product->commission_max, 'not a number' );
		$this->assertNull( $product->cookie_days, 'absent' );
		$this->assertSame( array( 'boutique.fr' ), $product->valid_domains );
		$this->assertTrue( $product->deeplink_enabled );
		$this->assertSame( '2026-01-03T00:00:00Z', $product->price_checked_at() );
	}

	/**
	 * A value that is neither scalar nor NULL (a hand-built row) counts as absent, without a
	 * warning or a type error.
	 */
	public function test_a_value_that_is_not_scalar_counts_as_absent(): void {
		$product = Product::from_row(
			array(
				'id'               => 8,
				'title'            => array( 'Casque' ),
				'checked_at'       => '2026-01-01T00:00:00Z',
				'offer_checked_at' => new \stdClass(),
				'price_minor'      => array( 1 ),
				'currency'         => new \stdClass(),
				'availability'     => array( 'in_stock' ),
				'valid_domains'    => array( 'boutique.fr' ),
			)
		);

		$this->assertSame( '', $product->title );
		$this->assertSame( '2026-01-01T00:00:00Z', $product->checked_at );
		$this->assertNull( $product->price_minor );
		$this->assertNull( $product->currency );
		$this->assertSame( 'unknown', $product->availability );
		$this->assertSame( array(), $product->valid_domains );
	}
}
