<?php
/**
 * Tests for the deep-link landing page rule.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\DeepLinks;

use Afflux\Cache\Product;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Landing pages are accepted only on the programme's valid domains and their sub-domains.
 */
final class LandingPagePolicyTest extends AffluxTestCase {

	/**
	 * Cases: URL, whether accepted.
	 *
	 * @return array<string, array{0: string, 1: bool}>
	 */
	public function urls(): array {
		return array(
			'the domain itself'              => array( 'https://boutique-exemple.fr/noel', true ),
			'a sub-domain'                   => array( 'https://promo.boutique-exemple.fr/x?y=1', true ),
			'upper-case host'                => array( 'https://WWW.Boutique-Exemple.FR/', true ),
			'another domain ending the same' => array( 'https://faux-boutique-exemple.fr/', false ),
			'the domain in the path'         => array( 'https://evil.example/boutique-exemple.fr', false ),
			'javascript URL'                 => array( 'javascript:alert(1)//boutique-exemple.fr', false ),
			'no scheme'                      => array( 'boutique-exemple.fr/x', false ),
			'user info pointing elsewhere'   => array( 'https://boutique-exemple.fr@evil.example/', false ),
		);
	}

	/**
	 * See urls().
	 *
	 * @dataProvider urls
	 *
	 * @param string $url      Landing page.
	 * @param bool   $accepted Expected verdict.
	 */
	public function test_accepts_only_valid_domains( string $url, bool $accepted ): void {
		$refusal = ( new LandingPagePolicy() )->refusal( $this->product( true ), $url );
		$this->assertSame( $accepted, null === $refusal, (string) $refusal );
	}

	/**
	 * A programme without deep links refuses every landing page, and says so by name.
	 */
	public function test_programme_without_deep_links_refuses_with_its_name(): void {
		$refusal = ( new LandingPagePolicy() )->refusal( $this->product( false ), 'https://boutique-exemple.fr/' );
		$this->assertIsString( $refusal );
		$this->assertStringContainsString( 'Boutique Exemple', $refusal );
	}

	/**
	 * A refused landing page falls back to the product's page.
	 */
	public function test_refused_landing_page_falls_back_to_the_product_page(): void {
		$policy = new LandingPagePolicy();
		$this->assertSame( 'https://www.boutique-exemple.fr/p/1', $policy->landing_url( $this->product( true ), 'https://evil.example/' ) );
		$this->assertSame( 'https://boutique-exemple.fr/noel', $policy->landing_url( $this->product( true ), ' https://boutique-exemple.fr/noel ' ) );
	}

	/**
	 * A product of programme Boutique Exemple (valid domain boutique-exemple.fr).
	 *
	 * @param bool $deeplink_enabled Whether the programme accepts deep links.
	 */
	private function product( bool $deeplink_enabled ): Product {
		return Product::from_row(
			array(
				'id'               => 1,
				'network'          => 'awin',
				'programme_id'     => '1001',
				'title'            => 'Casque',
				'landing_url'      => 'https://www.boutique-exemple.fr/p/1',
				'programme_name'   => 'Boutique Exemple',
				'valid_domains'    => '["boutique-exemple.fr"]',
				'deeplink_enabled' => $deeplink_enabled ? 1 : 0,
			)
		);
	}
}
