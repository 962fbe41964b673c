<?php
/**
 * The settings a render pass reads for every card, read once.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Links\LinkSettings;
use Afflux\Settings\Settings;

/**
 * The site settings every card, row and link of a post needs (UTM template, price maximum age,
 * unavailable display, link mode and prefix) and the locale its prices are formatted in, read
 * once per the_content pass instead of once per card: each read is a get_option() or
 * determine_locale() with their filters, and a post may hold a hundred placements.
 * PlacedProducts hands out the current pass's copy.
 *
 * @phpstan-import-type LinkSettingsValues from LinkSettings
 */
final class PassSettings {

	/**
	 * Builds the snapshot.
	 *
	 * @param int                $blog_id             The site it was read on.
	 * @param string             $utm_template        The utm_template setting.
	 * @param int                $price_max_age_hours The price_max_age_hours setting.
	 * @param string             $unavailable_display The unavailable_display setting.
	 * @param LinkSettingsValues $links               LinkSettings::all().
	 * @param string             $locale              determine_locale(), for the prices.
	 */
	public function __construct( // phpcs:ignore Squiz.Commenting.FunctionComment.IncorrectTypeHint -- $links is a PHPStan array shape.
		public readonly int $blog_id,
		public readonly string $utm_template,
		public readonly int $price_max_age_hours,
		public readonly string $unavailable_display,
		public readonly array $links,
		public readonly string $locale = ''
	) {
	}

	/**
	 * The settings as stored now.
	 *
	 * @param Settings $settings Site settings.
	 */
	public static function read( Settings $settings ): self {
		$all = $settings->all();
		return new self( get_current_blog_id(), $all['utm_template'], $all['price_max_age_hours'], $all['unavailable_display'], LinkSettings::all(), determine_locale() );
	}
}
