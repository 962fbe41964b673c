<?php
/**
 * Formats a programme's commission range for people.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Money;

/**
 * A commission range as the blogger reads it: "5 % – 12,5 %" for percentages (stored in basis
 * points), "2,00 € – 5,00 €" for fixed amounts (stored in minor units).
 */
final class CommissionFormatter {

	/**
	 * Formats fixed amounts.
	 *
	 * @var PriceFormatter
	 */
	private PriceFormatter $prices;

	/**
	 * Builds the formatter.
	 *
	 * @param PriceFormatter $prices Formats fixed amounts.
	 */
	public function __construct( PriceFormatter $prices ) {
		$this->prices = $prices;
	}

	/**
	 * The range, a single value when both ends are equal or one is unknown, '' when nothing is known.
	 *
	 * @param string|null $type     percentage | fixed | null.
	 * @param int|null    $min      Lower end: basis points or minor units.
	 * @param int|null    $max      Upper end: basis points or minor units.
	 * @param string|null $currency Currency of fixed amounts.
	 * @param string|null $locale   WordPress locale; the current one when null.
	 */
	public function format( ?string $type, ?int $min, ?int $max, ?string $currency, ?string $locale = null ): string {
		$locale = $locale ?? determine_locale();
		$ends   = array();
		foreach ( array_unique( array_filter( array( $min, $max ), 'is_int' ) ) as $end ) {
			$ends[] = 'percentage' === $type ? $this->percent( $end, $locale ) : ( 'fixed' === $type ? $this->prices->format( $end, $currency, $locale ) : '' );
		}
		$ends = array_values( array_filter( $ends, static fn ( string $end ): bool => '' !== $end ) );

		if ( count( $ends ) < 2 ) {
			return $ends[0] ?? '';
		}
		return sprintf(
			/* translators: a commission range. 1: lower end, 2: upper end, both already formatted (e.g. "5 %", "12,5 %"). */
			_x( '%1$s – %2$s', 'commission range', 'afflux' ),
			$ends[0],
			$ends[1]
		);
	}

	/**
	 * Basis points as a localised percentage: 1250 → "12,5 %" (fr_FR), "12.5%" (en_US).
	 *
	 * @param int    $basis_points Basis points.
	 * @param string $locale       WordPress locale.
	 */
	private function percent( int $basis_points, string $locale ): string {
		if ( class_exists( \NumberFormatter::class ) ) {
			try {
				$formatter = new \NumberFormatter( $locale, \NumberFormatter::PERCENT );
				$formatter->setAttribute( \NumberFormatter::MAX_FRACTION_DIGITS, 2 );
				$formatted = $formatter->format( $basis_points / 10000 );
				if ( false !== $formatted ) {
					return $formatted;
				}
			} catch ( \Throwable $error ) {
				// intl refused the locale: fall through to the plain format.
				unset( $error );
			}
		}
		return number_format_i18n( $basis_points / 100, 2 ) . ' %';
	}
}
