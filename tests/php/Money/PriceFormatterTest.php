<?php
/**
 * Tests for PriceFormatter.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Money;

use Afflux\Money\PriceFormatter;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Prices in minor units, formatted per locale.
 */
final class PriceFormatterTest extends AffluxTestCase {

	/**
	 * French: decimal comma, no-break space before the euro sign (ICU's U+00A0).
	 */
	public function test_formats_euros_for_fr_fr(): void {
		$this->assertSame( "12,90\u{00A0}€", ( new PriceFormatter() )->format( 1290, 'EUR', 'fr_FR' ) );
	}

	/**
	 * US English: symbol first, decimal point.
	 */
	public function test_formats_for_en_us(): void {
		$formatter = new PriceFormatter();
		$this->assertSame( '€12.90', $formatter->format( 1290, 'EUR', 'en_US' ) );
		$this->assertSame( '$1,234.05', $formatter->format( 123405, 'USD', 'en_US' ) );
	}

	/**
	 * The currency's own number of decimals applies: yen have none.
	 */
	public function test_uses_the_currency_decimals(): void {
		$this->assertSame( '¥1,290', ( new PriceFormatter() )->format( 1290, 'JPY', 'en_US' ) );
	}

	/**
	 * No price, or a currency that is not an ISO code, gives an empty string.
	 */
	public function test_returns_empty_without_a_usable_price(): void {
		$formatter = new PriceFormatter();
		$this->assertSame( '', $formatter->format( null, 'EUR', 'fr_FR' ) );
		$this->assertSame( '', $formatter->format( 1290, null, 'fr_FR' ) );
		$this->assertSame( '', $formatter->format( 1290, '<b>', 'fr_FR' ) );
	}
}
