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
	 * One formatter serves a whole page and switches currency and locale only when they change:
	 * each price still gets its own currency's symbol and decimals, and the same text as ICU's
	 * formatCurrency() on a fresh formatter.
	 */
	public function test_switching_currency_and_locale_keeps_each_price_right(): void {
		$formatter = new PriceFormatter();
		$prices    = array(
			array( 1290, 'EUR', 'fr_FR' ),
			array( 1290, 'JPY', 'fr_FR' ),
			array( 1290, 'EUR', 'fr_FR' ),
			array( 123405, 'USD', 'en_US' ),
			array( 1290, 'KWD', 'en_US' ),
			array( 1290, 'EUR', 'en_US' ),
			array( 99, 'GBP', 'fr_FR' ),
			array( -1290, 'EUR', 'de_DE' ),
		);
		$seen      = array();
		foreach ( $prices as list( $minor, $currency, $locale ) ) {
			$fresh = new \NumberFormatter( $locale, \NumberFormatter::CURRENCY );
			$fresh->setTextAttribute( \NumberFormatter::CURRENCY_CODE, $currency );
			$decimals = (int) $fresh->getAttribute( \NumberFormatter::FRACTION_DIGITS );
			$expected = $fresh->formatCurrency( $minor / 10 ** $decimals, $currency );
			$actual   = $formatter->format( $minor, $currency, $locale );
			$this->assertSame( $expected, $actual, "$minor $currency in $locale" );
			$seen[] = $actual;
		}
		$this->assertSame( "12,90\u{00A0}€", $seen[2], 'euros again after yen keep their decimals' );
		$this->assertSame( 'KWD1.290', str_replace( "\u{00A0}", '', $seen[4] ), 'dinars have three decimals' );
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
