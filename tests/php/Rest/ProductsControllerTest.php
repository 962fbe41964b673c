<?php
/**
 * Tests for the afflux/v1/products REST routes.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Rest;

use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * The routes as the running plugin registers them, called in-process with rest_do_request(),
 * the plugin's cache path pointed at a test cache.
 */
final class ProductsControllerTest extends AffluxTestCase {

	/**
	 * The cache of the test.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The cache path the plugin reads during the test.
	 *
	 * @var string
	 */
	private string $cache_path;

	/**
	 * Users created by the test.
	 *
	 * @var int[]
	 */
	private array $users = array();

	/**
	 * A cache with two products; the plugin's settings point to it.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		$this->cache->add_link_template();
		$this->cache->add_product( array( 'title' => 'Crème hydratante' ) );
		$this->cache->add_product( array( 'title' => 'Casque audio' ), array( 'price_minor' => 4990 ) );
		$this->cache_path = $this->cache->path;
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
	}

	/**
	 * Logs out, removes the users and the settings override.
	 */
	protected function tear_down(): void {
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		wp_set_current_user( 0 );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->users as $user ) {
			wp_delete_user( $user );
		}
		parent::tear_down();
	}

	/**
	 * The settings the plugin sees during the test.
	 *
	 * @return array<string, string>
	 */
	public function settings_for_test(): array {
		return array( 'cache_path' => $this->cache_path );
	}

	/**
	 * Anonymous visitors get 401.
	 */
	public function test_anonymous_request_is_unauthorized(): void {
		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->get( '/afflux/v1/products' )->get_status() );
		$this->assertSame( 401, $this->get( '/afflux/v1/products/1' )->get_status() );
	}

	/**
	 * Subscribers cannot edit posts, so get 403.
	 */
	public function test_subscriber_is_forbidden(): void {
		$this->log_in_as( 'subscriber' );
		$response = $this->get( '/afflux/v1/products' );
		$this->assertSame( 403, $response->get_status() );
		$this->assertSame( 'afflux_rest_forbidden', $response->get_data()['code'] );
	}

	/**
	 * Authors and editors search the catalogue.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function writers(): array {
		return array(
			'author' => array( 'author' ),
			'editor' => array( 'editor' ),
		);
	}

	/**
	 * See writers().
	 *
	 * @dataProvider writers
	 *
	 * @param string $role Role of the user.
	 */
	public function test_writer_gets_search_results( string $role ): void {
		$this->log_in_as( $role );

		$response = $this->get( '/afflux/v1/products', array( 'search' => 'creme' ) );

		$this->assertSame( 200, $response->get_status() );
		$data = $response->get_data();
		$this->assertCount( 1, $data );
		$this->assertSame( 'Crème hydratante', $data[0]['title'] );
		$this->assertSame( 1290, $data[0]['price_minor'] );
		$this->assertSame( 'EUR', $data[0]['currency'] );
		$this->assertSame( "12,90\u{00A0}€", $data[0]['price_formatted'] );
		$this->assertSame( 'Boutique Exemple', $data[0]['programme'] );
		$this->assertSame(
			array(
				'type'     => 'percentage',
				'min'      => 500,
				'max'      => 1250,
				'currency' => 'EUR',
			),
			$data[0]['commission_range']
		);
		$this->assertSame( "5\u{00A0}% – 12,5\u{00A0}%", $data[0]['commission'] );
		$this->assertSame( 30, $data[0]['cookie_days'] );
		$this->assertSame( 45, $data[0]['validation_days'] );
		foreach ( array( 'id', 'brand', 'merchant', 'availability', 'image_url', 'network', 'checked_at' ) as $field ) {
			$this->assertArrayHasKey( $field, $data[0] );
		}
	}

	/**
	 * An empty search lists the newest products, up to per_page.
	 */
	public function test_empty_search_lists_recent_products(): void {
		$this->log_in_as( 'editor' );
		$data = $this->get( '/afflux/v1/products', array( 'per_page' => 1 ) )->get_data();
		$this->assertSame( array( 'Casque audio' ), array_column( $data, 'title' ) );
	}

	/**
	 * The per_page parameter is validated: 1 to 50.
	 */
	public function test_per_page_out_of_range_is_rejected(): void {
		$this->log_in_as( 'editor' );
		$this->assertSame( 400, $this->get( '/afflux/v1/products', array( 'per_page' => 51 ) )->get_status() );
		$this->assertSame( 400, $this->get( '/afflux/v1/products', array( 'per_page' => 0 ) )->get_status() );
		$this->assertSame( 400, $this->get( '/afflux/v1/products', array( 'per_page' => 'many' ) )->get_status() );
	}

	/**
	 * One product by id; an unknown id is 404.
	 */
	public function test_single_product(): void {
		$this->log_in_as( 'author' );
		$response = $this->get( '/afflux/v1/products/2' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'Casque audio', $response->get_data()['title'] );
		$this->assertSame( 404, $this->get( '/afflux/v1/products/999' )->get_status() );
	}

	/**
	 * An unreadable cache answers 503 with the reason in plain words.
	 */
	public function test_unavailable_cache_answers_503(): void {
		$this->log_in_as( 'editor' );
		$this->cache_path = $this->dir . '/missing.sqlite';

		$response = $this->get( '/afflux/v1/products', array( 'search' => 'casque' ) );

		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( 'afflux_cache_unavailable', $response->get_data()['code'] );
		$this->assertNotSame( '', $response->get_data()['message'] );
		$this->assertStringNotContainsString( $this->dir, $response->get_data()['message'], 'no server path for editors' );
	}

	/**
	 * GET request through the REST server.
	 *
	 * @param string               $route  Route.
	 * @param array<string, mixed> $params Query parameters.
	 */
	private function get( string $route, array $params = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', $route );
		$request->set_query_params( $params );
		return rest_do_request( $request );
	}

	/**
	 * Creates a user with $role and logs in as them.
	 *
	 * @param string $role Role.
	 */
	private function log_in_as( string $role ): void {
		$user = wp_insert_user(
			array(
				'user_login' => 'afflux-test-' . $role . '-' . bin2hex( random_bytes( 4 ) ),
				'user_pass'  => wp_generate_password(),
				'user_email' => bin2hex( random_bytes( 4 ) ) . '@example.com',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $user );
		$this->users[] = $user;
		wp_set_current_user( $user );
	}
}
