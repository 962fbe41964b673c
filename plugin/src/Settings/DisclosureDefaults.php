<?php
/**
 * The disclosure sentence in French and in English, whatever the site's language.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Settings;

/**
 * Ready texts the settings screen offers, so a French site can switch to English (or back)
 * without translating by hand. Kept literal on purpose: each is the text in its own language.
 */
final class DisclosureDefaults {

	public const FRENCH = 'Cet article contient des liens affiliés : nous pouvons percevoir une commission si vous achetez par leur intermédiaire, sans surcoût pour vous.';

	public const ENGLISH = 'This post contains affiliate links: we may earn a commission if you buy through them, at no extra cost to you.';

	/**
	 * Both texts, keyed by language.
	 *
	 * @return array{fr: string, en: string}
	 */
	public static function all(): array {
		return array(
			'fr' => self::FRENCH,
			'en' => self::ENGLISH,
		);
	}
}
