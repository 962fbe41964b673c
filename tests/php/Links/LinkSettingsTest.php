<?php
/**
 * Tests for LinkSettings.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Links;

use Afflux\Links\LinkSettings;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The link settings' sanitizer.
 */
final class LinkSettingsTest extends AffluxTestCase {

	/**
	 * Defaults: direct links, prefix go, 90 days.
	 */
	public function test_defaults(): void {
		$this->assertSame(
			array(
				'link_mode'            => 'direct',
				'link_prefix'          => 'go',
				'click_retention_days' => 90,
			),
			LinkSettings::sanitize( null )
		);
	}

	/**
	 * Invalid values fall back to the default, valid ones are kept.
	 */
	public function test_sanitize_keeps_valid_values_only(): void {
		$clean = LinkSettings::sanitize(
			array(
				'link_mode'            => 'cloaked',
				'link_prefix'          => '/Recommande/',
				'click_retention_days' => '30',
				'unknown'              => 'x',
			)
		);
		$this->assertSame( 'cloaked', $clean['link_mode'] );
		$this->assertSame( 'recommande', $clean['link_prefix'] );
		$this->assertSame( 30, $clean['click_retention_days'] );
		$this->assertArrayNotHasKey( 'unknown', $clean );

		$bad = LinkSettings::sanitize(
			array(
				'link_mode'            => 'magic',
				'link_prefix'          => 'wp-admin',
				'click_retention_days' => 0,
			)
		);
		$this->assertSame( LinkSettings::defaults(), $bad );
		$this->assertSame( 'go', LinkSettings::sanitize( array( 'link_prefix' => '../etc' ) )['link_prefix'] );
	}
}
