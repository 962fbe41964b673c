<?php
/**
 * Tests for PlacementHref: link mode and the per-block UTM template.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Links;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\Product;
use Afflux\Cache\ProductRepository;
use Afflux\Links\LinkSettings;
use Afflux\Links\PlacementHref;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The card's href, direct or cloaked.
 */
final class PlacementHrefTest extends AffluxTestCase {

	private const SITE_TEMPLATE = 'utm_source=site&utm_content={block}';

	/**
	 * The product of the test.
	 *
	 * @var Product
	 */
	private Product $product;

	/**
	 * A product with Awin's template.
	 */
	protected function set_up(): void {
		parent::set_up();
		delete_option( LinkSettings::OPTION );
		$cache = $this->fixture();
		$cache->add_programme();
		$cache->add_link_template();
		$id            = $cache->add_product( array( 'title' => 'Casque Été' ) );
		$this->product = ( new ProductRepository( new CacheConnection( $cache->path, new CacheStatusLog() ) ) )->find_many( array( $id ) )[ $id ];
	}

	/**
	 * Restores the option.
	 */
	protected function tear_down(): void {
		delete_option( LinkSettings::OPTION );
		parent::tear_down();
	}

	/**
	 * Direct mode: the network's URL with the site's UTM template.
	 */
	public function test_direct_mode_uses_the_site_template(): void {
		$url = (string) $this->href( array() );
		$this->assertStringStartsWith( 'https://www.awin1.com/cread.php?', $url );
		$this->assertStringContainsString( 'clickref=p5_abc123&', $url );
		$this->assertStringContainsString( rawurlencode( '?utm_source=site&utm_content=product-card' ), $url );
	}

	/**
	 * A block's utmTemplate attribute replaces the site's template.
	 */
	public function test_block_utm_template_overrides_the_site_template(): void {
		$url = (string) $this->href( array( 'utmTemplate' => 'utm_source=newsletter&utm_campaign={network}' ) );
		$this->assertStringContainsString( rawurlencode( '?utm_source=newsletter&utm_campaign=awin' ), $url );
		$this->assertStringNotContainsString( 'utm_content', $url );
	}

	/**
	 * An empty or non-string attribute falls back to the site's template.
	 */
	public function test_empty_block_template_falls_back(): void {
		$this->assertSame( $this->href( array() ), $this->href( array( 'utmTemplate' => '  ' ) ) );
		$this->assertSame( $this->href( array() ), $this->href( array( 'utmTemplate' => array( 'x' ) ) ) );
	}

	/**
	 * Cloaked mode: /{prefix}/{readable}-{sub id} on the site.
	 */
	public function test_cloaked_mode_links_to_the_prefix(): void {
		update_option(
			LinkSettings::OPTION,
			array(
				'link_mode'   => 'cloaked',
				'link_prefix' => 'vers',
			)
		);
		$this->assertSame( home_url( '/vers/casque-ete-p5_abc123' ), $this->href( array() ) );
	}

	/**
	 * The card's href for post 5, placement abc123.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private function href( array $attributes ): ?string {
		return ( new PlacementHref( new TrackingLinkBuilder() ) )->url( $this->product, $this->product->landing_url, 5, 'abc123', 'afflux/product-card', $attributes, self::SITE_TEMPLATE );
	}
}
