<?php
/**
 * Tests for the picker's REST routes: search filters, merchants and landing-page checks.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Rest;

use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * The routes as the running plugin registers them, called in-process as an editor.
 */
final class PickerRoutesTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * A product of the programme that allows deep links.
	 *
	 * @var int
	 */
	private int $product = 0;

	/**
	 * The editor created by the test.
	 *
	 * @var int
	 */
	private int $user = 0;

	/**
	 * A cache with one programme allowing deep links to boutique-exemple.fr; logged in as editor.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme( array( 'valid_domains' => '["boutique-exemple.fr"]' ) );
		$this->cache->add_link_template();
		$this->product = $this->cache->add_product( array( 'title' => 'Casque en stock' ) );
		$this->cache->add_product( array( 'title' => 'Casque en rupture' ), array( 'availability' => 'out_of_stock' ) );
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );

		$user = wp_insert_user(
			array(
				'user_login' => 'afflux-test-editor-' . bin2hex( random_bytes( 4 ) ),
				'user_pass'  => wp_generate_password(),
				'user_email' => bin2hex( random_bytes( 4 ) ) . '@example.com',
				'role'       => 'editor',
			)
		);
		$this->assertIsInt( $user );
		$this->user = $user;
		wp_set_current_user( $user );
	}

	/**
	 * Logs out and removes the user and the settings override.
	 */
	protected function tear_down(): void {
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		wp_set_current_user( 0 );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $this->user );
		parent::tear_down();
	}

	/**
	 * The settings the plugin sees during the test.
	 *
	 * @return array<string, string>
	 */
	public function settings_for_test(): array {
		return array( 'cache_path' => $this->cache->path );
	}

	/**
	 * The in-stock filter and the freshness field reach the editor.
	 */
	public function test_search_filters_in_stock_and_reports_freshness(): void {
		$response = $this->get(
			'/afflux/v1/products',
			array(
				'search'   => 'casque',
				'in_stock' => 'true',
				'orderby'  => 'price',
			)
		);

		$this->assertSame( 200, $response->get_status() );
		$data = $response->get_data();
		$this->assertCount( 1, $data );
		$this->assertSame( 'Casque en stock', $data[0]['title'] );
		$this->assertSame( '2026-11-21T08:00:00Z', $data[0]['price_checked_at'] );
		$this->assertSame( array( 'boutique-exemple.fr' ), $data[0]['valid_domains'] );
		$this->assertTrue( $data[0]['deeplink_enabled'] );
	}

	/**
	 * Invalid filter values are refused with the parameter named.
	 *
	 * @return array<string, array{0: array<string, string>, 1: string}>
	 */
	public function invalid_args(): array {
		return array(
			'unknown sort'           => array( array( 'orderby' => 'random()' ), 'orderby' ),
			'network with SQL'       => array( array( 'network' => "awin' OR 1=1" ), 'network' ),
			'merchant with a space'  => array( array( 'merchant' => '1 2' ), 'merchant' ),
			'in_stock not a boolean' => array( array( 'in_stock' => 'maybe' ), 'in_stock' ),
		);
	}

	/**
	 * See invalid_args().
	 *
	 * @dataProvider invalid_args
	 *
	 * @param array<string, string> $params Query parameters.
	 * @param string                $field  The parameter the error must name.
	 */
	public function test_invalid_filters_are_rejected( array $params, string $field ): void {
		$response = $this->get( '/afflux/v1/products', $params );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'rest_invalid_param', $response->get_data()['code'] );
		$this->assertArrayHasKey( $field, $response->get_data()['data']['params'] );
	}

	/**
	 * Merchants list the programmes.
	 */
	public function test_merchants_lists_programmes(): void {
		$response = $this->get( '/afflux/v1/merchants' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame(
			array(
				array(
					'network'      => 'awin',
					'programme_id' => '1001',
					'name'         => 'Boutique Exemple',
				),
			),
			$response->get_data()
		);
	}

	/**
	 * An allowed landing page comes back as is.
	 */
	public function test_landing_page_on_a_valid_domain_is_accepted(): void {
		$response = $this->get( '/afflux/v1/products/' . $this->product . '/landing-page', array( 'url' => 'https://www.boutique-exemple.fr/noel' ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'https://www.boutique-exemple.fr/noel', $response->get_data()['url'] );
	}

	/**
	 * Another domain is refused with a 400 naming the allowed domains and the url field.
	 */
	public function test_landing_page_elsewhere_is_refused_in_plain_words(): void {
		$response = $this->get( '/afflux/v1/products/' . $this->product . '/landing-page', array( 'url' => 'https://evil.example/' ) );
		$this->assertSame( 400, $response->get_status() );
		$data = $response->get_data();
		$this->assertSame( 'afflux_landing_page_refused', $data['code'] );
		$this->assertStringContainsString( 'boutique-exemple.fr', $data['message'] );
		$this->assertArrayHasKey( 'url', $data['data']['params'] );
	}

	/**
	 * Anonymous visitors cannot use the new routes.
	 */
	public function test_anonymous_requests_are_unauthorized(): void {
		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->get( '/afflux/v1/merchants' )->get_status() );
		$this->assertSame( 401, $this->get( '/afflux/v1/products/' . $this->product . '/landing-page', array( 'url' => 'https://boutique-exemple.fr/' ) )->get_status() );
	}

	/**
	 * Runs a GET request in-process.
	 *
	 * @param string               $route  Route.
	 * @param array<string, mixed> $params Query parameters.
	 */
	private function get( string $route, array $params = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', $route );
		$request->set_query_params( $params );
		return rest_do_request( $request );
	}
}
