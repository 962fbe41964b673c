<?php
/**
 * Tests for UtmTemplate.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Links;

use Afflux\Links\UtmTemplate;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Expansion of the UTM template setting.
 */
final class UtmTemplateTest extends AffluxTestCase {

	/**
	 * The default template yields the four usual parameters.
	 */
	public function test_expands_the_default_template(): void {
		$this->assertSame(
			array(
				'utm_source'   => 'mon-blog.fr',
				'utm_medium'   => 'affiliate',
				'utm_campaign' => 'meilleurs-casques-2026',
				'utm_content'  => 'product-card',
			),
			( new UtmTemplate( Settings::DEFAULT_UTM_TEMPLATE ) )->expand(
				array(
					'site'      => 'mon-blog.fr',
					'post_slug' => 'meilleurs-casques-2026',
					'block'     => 'product-card',
				)
			)
		);
	}

	/**
	 * Every placeholder is filled, values stay raw (the builder encodes them).
	 */
	public function test_fills_every_placeholder_with_raw_values(): void {
		$this->assertSame(
			array(
				'utm_source' => 'mon-blog.fr',
				'utm_term'   => '42-product-card',
				'utm_id'     => 'awin:Boutique & Cie',
			),
			( new UtmTemplate( 'utm_source={site}&utm_term={post_id}-{block}&utm_id={network}:{merchant}' ) )->expand(
				array(
					'site'     => 'mon-blog.fr',
					'post_id'  => 42,
					'block'    => 'product-card',
					'network'  => 'awin',
					'merchant' => 'Boutique & Cie',
				)
			)
		);
	}

	/**
	 * A placeholder without a value becomes empty (the builder then drops the parameter);
	 * an unknown placeholder is kept as written; empty pairs are ignored.
	 */
	public function test_missing_values_become_empty_and_unknown_placeholders_stay(): void {
		$this->assertSame(
			array(
				'utm_campaign' => '',
				'utm_x'        => '{other}',
			),
			( new UtmTemplate( 'utm_campaign={post_slug}&&utm_x={other}&=nokey' ) )->expand( array() )
		);
	}

	/**
	 * A template is split once and expanded for many links: each expansion gets its own values,
	 * and a repeated key keeps its first place with its last value.
	 */
	public function test_one_template_expands_for_each_link(): void {
		$template = new UtmTemplate( ' utm_source = {site} &utm_content={block}&utm_source={network}&utm_medium=affiliate' );
		$this->assertSame(
			array(
				'utm_source'  => 'awin',
				'utm_content' => 'product-card',
				'utm_medium'  => 'affiliate',
			),
			$template->expand(
				array(
					'network' => 'awin',
					'block'   => 'product-card',
				)
			)
		);
		$this->assertSame(
			array(
				'utm_source'  => 'cj',
				'utm_content' => 'product-list',
				'utm_medium'  => 'affiliate',
			),
			$template->expand(
				array(
					'network' => 'cj',
					'block'   => 'product-list',
				)
			)
		);
	}

	/**
	 * The block's short name is the part after the namespace.
	 */
	public function test_block_short_name(): void {
		$this->assertSame( 'product-card', UtmTemplate::block_short_name( 'afflux/product-card' ) );
	}
}
