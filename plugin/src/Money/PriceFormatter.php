<?php
/**
 * Formats prices stored in minor units for a locale.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Money;

/**
 * Minor units + ISO 4217 currency → a localised price string (fr_FR: "12,90 €", en_US: "€12.90").
 * The currency's number of decimals comes from ICU, so JPY has none and KWD three.
 */
final class PriceFormatter {

	/**
	 * Formatters by locale, as ICU formatters are costly to build and a page shows many prices.
	 *
	 * @var array<string, \NumberFormatter|null>
	 */
	private array $formatters = array();

	/**
	 * The currency each locale's formatter is set to.
	 *
	 * @var array<string, string>
	 */
	private array $currencies = array();

	/**
	 * The decimals of that currency, by locale.
	 *
	 * @var array<string, int>
	 */
	private array $decimals = array();

	/**
	 * The formatted price, or '' when there is no price or the currency code is not a valid
	 * code. Without the intl extension: "12,90 EUR" with the locale's separators.
	 *
	 * @param int|null    $minor    Amount in minor units (cents).
	 * @param string|null $currency ISO 4217 code, e.g. EUR.
	 * @param string|null $locale   WordPress locale (fr_FR); the current one when null.
	 */
	public function format( ?int $minor, ?string $currency, ?string $locale = null ): string {
		if ( null === $minor || null === $currency || 1 !== preg_match( '/^[A-Z]{3}$/', $currency ) ) {
			return '';
		}
		$locale    = $locale ?? determine_locale();
		$formatter = $this->formatter( $locale );
		if ( null === $formatter ) {
			return number_format_i18n( $this->to_major( $minor, 2 ), 2 ) . ' ' . $currency;
		}

		// A page's prices mostly share one currency: the formatter is switched only when it
		// changes, and format() on a formatter set to the currency is about three times faster
		// than formatCurrency(), which switches it for each call.
		if ( ( $this->currencies[ $locale ] ?? '' ) !== $currency ) {
			$formatter->setTextAttribute( \NumberFormatter::CURRENCY_CODE, $currency );
			$this->currencies[ $locale ] = $currency;
			$this->decimals[ $locale ]   = max( 0, (int) $formatter->getAttribute( \NumberFormatter::FRACTION_DIGITS ) );
		}
		$formatted = $formatter->format( $this->to_major( $minor, $this->decimals[ $locale ] ) );

		return false === $formatted ? '' : $formatted;
	}

	/**
	 * Minor units to a major amount: whole units and the fraction are split with integer
	 * arithmetic, so only the final (exactly representable for prices) division is a float.
	 *
	 * @param int $minor    Amount in minor units.
	 * @param int $decimals Decimals of the currency.
	 */
	private function to_major( int $minor, int $decimals ): float {
		if ( 0 === $decimals ) {
			return (float) $minor;
		}
		$scale = 10 ** $decimals;
		return intdiv( $minor, $scale ) + ( $minor % $scale ) / $scale;
	}

	/**
	 * A currency formatter for the locale, or null when intl is unavailable or rejects the locale.
	 *
	 * @param string $locale WordPress locale.
	 */
	private function formatter( string $locale ): ?\NumberFormatter {
		if ( ! array_key_exists( $locale, $this->formatters ) ) {
			$this->formatters[ $locale ] = null;
			if ( class_exists( \NumberFormatter::class ) ) {
				try {
					$this->formatters[ $locale ] = new \NumberFormatter( $locale, \NumberFormatter::CURRENCY );
				} catch ( \Throwable $error ) {
					// intl refused the locale: the plain fallback format is used.
					$this->formatters[ $locale ] = null;
				}
			}
		}
		return $this->formatters[ $locale ];
	}
}
