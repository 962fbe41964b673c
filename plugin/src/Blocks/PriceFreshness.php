<?php
/**
 * Whether a price is recent enough to show, and how old it is in words.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Product;
use Afflux\Settings\Settings;

/**
 * A price is shown only when it was checked within the maximum age (setting), and then with its
 * age ("price checked 3 hours ago"): a reader should never take a week-old price for today's.
 */
final class PriceFreshness {

	private const HOUR = 3600;

	/**
	 * Site settings (maximum age).
	 *
	 * @var Settings
	 */
	private Settings $settings;

	/**
	 * The current Unix time, injectable for tests.
	 *
	 * @var \Closure(): int
	 */
	private \Closure $clock;

	/**
	 * Unix times of the ISO 8601 strings seen in this request; null when unreadable.
	 *
	 * @var array<string, int|null>
	 */
	private array $parsed = array();

	/**
	 * Labels already built in this request, by check time and current time: most products of a
	 * page share a sync time, so a page with fifty prices translates the label once or twice.
	 *
	 * @var array<string, string>
	 */
	private array $labels = array();

	/**
	 * Builds the rule.
	 *
	 * @param Settings               $settings Site settings.
	 * @param (\Closure(): int)|null $clock  The current Unix time; time() when null.
	 */
	public function __construct( Settings $settings, ?\Closure $clock = null ) {
		$this->settings = $settings;
		$this->clock    = $clock ?? static fn (): int => time();
	}

	/**
	 * Seconds since the product's price was last known to be right; null when unknown.
	 *
	 * @param Product $product The product.
	 */
	public function age( Product $product ): ?int {
		$iso = $product->price_checked_at();
		// Most products of a page share a sync time: parse each distinct one once.
		if ( ! array_key_exists( $iso, $this->parsed ) ) {
			$checked              = strtotime( $iso );
			$this->parsed[ $iso ] = false === $checked ? null : $checked;
		}
		$checked = $this->parsed[ $iso ];
		return null === $checked ? null : max( 0, ( $this->clock )() - $checked );
	}

	/**
	 * Whether the price may be shown.
	 *
	 * @param Product  $product       The product.
	 * @param int|null $max_age_hours The price_max_age_hours setting when the caller has read
	 *                                it already (PassSettings); read here when null.
	 */
	public function is_fresh( Product $product, ?int $max_age_hours = null ): bool {
		$age = $this->age( $product );
		return null !== $age && $age <= ( $max_age_hours ?? $this->settings->price_max_age_hours() ) * self::HOUR;
	}

	/**
	 * "price checked 3 hours ago", translated; '' when the age is unknown.
	 *
	 * @param Product     $product The product.
	 * @param string|null $locale  The locale translations follow (a pass's determine_locale(),
	 *                             read once); asked here when null.
	 */
	public function label( Product $product, ?string $locale = null ): string {
		$age = $this->age( $product );
		if ( null === $age ) {
			return '';
		}
		$now = ( $this->clock )();
		$key = $product->price_checked_at() . '|' . $now . '|' . ( $locale ?? determine_locale() );
		if ( ! isset( $this->labels[ $key ] ) ) {
			$this->labels[ $key ] = sprintf(
				/* translators: %s: how long ago, e.g. "3 hours" (from human_time_diff()). */
				__( 'price checked %s ago', 'afflux' ),
				human_time_diff( $now - $age, $now )
			);
		}
		return $this->labels[ $key ];
	}
}
