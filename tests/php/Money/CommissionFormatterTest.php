<?php
/**
 * Tests for CommissionFormatter.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Money;

use Afflux\Money\CommissionFormatter;
use Afflux\Money\PriceFormatter;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Commission ranges for people.
 */
final class CommissionFormatterTest extends AffluxTestCase {

	/**
	 * Percentages come from basis points; equal ends collapse to one value.
	 */
	public function test_formats_percentage_ranges(): void {
		$formatter = new CommissionFormatter( new PriceFormatter() );
		$this->assertSame( '5% – 12.5%', $formatter->format( 'percentage', 500, 1250, null, 'en_US' ) );
		$this->assertSame( "8\u{00A0}%", $formatter->format( 'percentage', 800, 800, null, 'fr_FR' ) );
		$this->assertSame( '8%', $formatter->format( 'percentage', null, 800, null, 'en_US' ) );
	}

	/**
	 * Fixed amounts are prices in the programme's currency.
	 */
	public function test_formats_fixed_amounts(): void {
		$this->assertSame( "2,00\u{00A0}€ – 5,00\u{00A0}€", ( new CommissionFormatter( new PriceFormatter() ) )->format( 'fixed', 200, 500, 'EUR', 'fr_FR' ) );
	}

	/**
	 * Nothing known, nothing shown.
	 */
	public function test_unknown_commission_is_empty(): void {
		$formatter = new CommissionFormatter( new PriceFormatter() );
		$this->assertSame( '', $formatter->format( null, null, null, null, 'fr_FR' ) );
		$this->assertSame( '', $formatter->format( 'fixed', 200, 500, null, 'fr_FR' ) );
	}
}
