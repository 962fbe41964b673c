<?php
/**
 * Who may call the admin REST routes, and that no credential ever leaves the server.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Admin;

use Afflux\Settings\DaemonSettings;
use Afflux\Settings\Settings;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

/**
 * Every route under afflux/v1, for every role: the site owner's routes answer anonymous 401,
 * subscriber/author/editor 403, administrator 200; the editor's picker routes are open from
 * authors up; a post's earnings follow edit_post. A route added without a case here fails
 * test_every_registered_route_has_a_permission_case.
 */
final class AdminRoutesPermissionTest extends AffluxTestCase {

	private const ADMIN_ONLY = array(
		'anonymous'     => 401,
		'subscriber'    => 403,
		'author'        => 403,
		'editor'        => 403,
		'administrator' => 200,
	);

	private const WRITERS = array(
		'anonymous'     => 401,
		'subscriber'    => 403,
		'author'        => 200,
		'editor'        => 200,
		'administrator' => 200,
	);

	// A post owned by the administrator: editors may edit it, authors may not.
	private const POST_EDITORS = array(
		'anonymous'     => 401,
		'subscriber'    => 403,
		'author'        => 403,
		'editor'        => 200,
		'administrator' => 200,
	);

	// WordPress's own index of the namespace: public, it lists routes and no data.
	private const EVERYONE = array(
		'anonymous'     => 200,
		'subscriber'    => 200,
		'author'        => 200,
		'editor'        => 200,
		'administrator' => 200,
	);

	/**
	 * One case per method of each registered route: "METHOD route regex" => the request to send
	 * ({product} and {post} are filled in by the test) and the expected status per role.
	 */
	private const ROUTES = array(
		'GET /afflux/v1'                             => array( '/afflux/v1', array(), self::EVERYONE ),
		'GET /afflux/v1/products'                    => array( '/afflux/v1/products', array( 'search' => 'casque' ), self::WRITERS ),
		'GET /afflux/v1/products/(?P<id>\\d+)'       => array( '/afflux/v1/products/{product}', array(), self::WRITERS ),
		'GET /afflux/v1/products/(?P<id>\\d+)/landing-page' => array( '/afflux/v1/products/{product}/landing-page', array( 'url' => 'https://boutique-exemple.fr/guide' ), self::WRITERS ),
		'GET /afflux/v1/merchants'                   => array( '/afflux/v1/merchants', array(), self::WRITERS ),
		'GET /afflux/v1/banners'                     => array(
			'/afflux/v1/banners',
			array(
				'network'      => 'awin',
				'programme_id' => '1001',
			),
			self::WRITERS,
		),
		'GET /afflux/v1/links/broken'                => array( '/afflux/v1/links/broken', array(), self::ADMIN_ONLY ),
		'GET /afflux/v1/settings'                    => array( '/afflux/v1/settings', array(), self::ADMIN_ONLY ),
		'POST /afflux/v1/settings'                   => array( '/afflux/v1/settings', array( 'schedules' => array( 'commissions' => '15 */4 * * *' ) ), self::ADMIN_ONLY ),
		'PUT /afflux/v1/settings'                    => array( '/afflux/v1/settings', array( 'schedules' => array( 'commissions' => '15 */4 * * *' ) ), self::ADMIN_ONLY ),
		'PATCH /afflux/v1/settings'                  => array( '/afflux/v1/settings', array( 'schedules' => array( 'commissions' => '15 */4 * * *' ) ), self::ADMIN_ONLY ),
		'GET /afflux/v1/settings/cache-check'        => array( '/afflux/v1/settings/cache-check', array( 'path' => '/tmp/none.sqlite' ), self::ADMIN_ONLY ),
		'GET /afflux/v1/sync-health'                 => array( '/afflux/v1/sync-health', array(), self::ADMIN_ONLY ),
		'GET /afflux/v1/earnings'                    => array( '/afflux/v1/earnings', array(), self::ADMIN_ONLY ),
		'GET /afflux/v1/earnings/posts/(?P<id>\\d+)' => array( '/afflux/v1/earnings/posts/{post}', array(), self::POST_EDITORS ),
	);

	/**
	 * The cache the routes read during a test (a fixture, so saving settings never hands test
	 * credentials to the environment's real daemon).
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * A product of the fixture cache.
	 *
	 * @var int
	 */
	private int $product = 0;

	/**
	 * Users to delete.
	 *
	 * @var int[]
	 */
	private array $users = array();

	/**
	 * Posts to delete.
	 *
	 * @var int[]
	 */
	private array $posts = array();

	/**
	 * Stored options to restore.
	 *
	 * @var array<string, mixed>
	 */
	private array $saved = array();

	/**
	 * Keeps the options the tests change.
	 */
	protected function set_up(): void {
		parent::set_up();
		foreach ( array( Settings::OPTION, DaemonSettings::OPTION, 'afflux_links' ) as $option ) {
			$this->saved[ $option ] = get_option( $option, null );
		}
		$this->cache = $this->fixture();
		$this->cache->add_programme( array( 'valid_domains' => '["boutique-exemple.fr"]' ) );
		$this->cache->add_link_template();
		$this->product = $this->cache->add_product( array( 'title' => 'Casque en stock' ) );
		add_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
	}

	/**
	 * The settings the plugin sees during a test: the fixture cache.
	 *
	 * @return array<string, string>
	 */
	public function settings_for_test(): array {
		return array( 'cache_path' => $this->cache->path );
	}

	/**
	 * Deletes what the test made and restores the options.
	 */
	protected function tear_down(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->users as $user ) {
			wp_delete_user( $user );
		}
		foreach ( $this->posts as $post ) {
			wp_delete_post( $post, true );
		}
		foreach ( $this->saved as $option => $value ) {
			null === $value ? delete_option( $option ) : update_option( $option, $value );
		}
		wp_set_current_user( 0 );
		remove_filter( 'pre_option_' . Settings::OPTION, array( $this, 'settings_for_test' ) );
		$this->cache->close();
		parent::tear_down();
	}

	/**
	 * Every route case, for every role.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function provide_roles_and_routes(): array {
		$cases = array();
		foreach ( self::ROUTES as $route => $case ) {
			foreach ( array_keys( $case[2] ) as $role ) {
				$cases[ "$role on $route" ] = array( $role, $route );
			}
		}
		return $cases;
	}

	/**
	 * The expected status per role.
	 *
	 * @dataProvider provide_roles_and_routes
	 *
	 * @param string $role  Role, or anonymous.
	 * @param string $route A key of ROUTES.
	 */
	public function test_routes_answer_by_role( string $role, string $route ): void {
		$post = (int) wp_insert_post(
			array(
				'post_title'  => 'Earnings post',
				'post_status' => 'publish',
				'post_author' => $this->user( 'administrator' ),
			)
		);

		$this->posts[]                    = $post;
		list( $method )                   = explode( ' ', $route, 2 );
		list( $path, $params, $expected ) = self::ROUTES[ $route ];

		wp_set_current_user( 'anonymous' === $role ? 0 : $this->user( $role ) );
		$request = new \WP_REST_Request( $method, str_replace( array( '{product}', '{post}' ), array( (string) $this->product, (string) $post ), $path ) );
		if ( 'GET' === $method ) {
			$request->set_query_params( $params );
		} else {
			$request->set_body_params( $params );
		}
		$response = rest_do_request( $request );
		$this->assertSame( $expected[ $role ], $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
	}

	/**
	 * Every method of every route under afflux/v1 has a case above, so a new route cannot ship
	 * without its permission check being tested.
	 */
	public function test_every_registered_route_has_a_permission_case(): void {
		$registered = array();
		foreach ( rest_get_server()->get_routes( 'afflux/v1' ) as $route => $endpoints ) {
			foreach ( $endpoints as $endpoint ) {
				foreach ( array_keys( array_filter( (array) $endpoint['methods'] ) ) as $method ) {
					$registered[] = $method . ' ' . $route;
				}
			}
		}
		$this->assertContains( 'GET /afflux/v1/settings', $registered );
		$this->assertSame( array(), array_values( array_diff( $registered, array_keys( self::ROUTES ) ) ), 'Routes without a permission case in ROUTES.' );
		$this->assertSame( array(), array_values( array_diff( array_keys( self::ROUTES ), $registered ) ), 'Cases for routes that are no longer registered.' );
	}

	/**
	 * POST /settings: also closed to everyone but administrators.
	 */
	public function test_saving_settings_is_for_administrators_only(): void {
		foreach ( array(
			'anonymous' => 401,
			'editor'    => 403,
		) as $role => $status ) {
			wp_set_current_user( 'anonymous' === $role ? 0 : $this->user( $role ) );
			$request = new \WP_REST_Request( 'POST', '/afflux/v1/settings' );
			$request->set_body_params( array( 'links' => array( 'link_prefix' => 'buy' ) ) );
			$this->assertSame( $status, rest_do_request( $request )->get_status(), $role );
		}
	}

	/**
	 * The post route: anonymous 401, subscriber 403, an author for their own post 200 and for
	 * someone else's 403, editor and administrator 200.
	 */
	public function test_post_earnings_follow_edit_post(): void {
		$author        = $this->user( 'author' );
		$other         = $this->user( 'author' );
		$post          = (int) wp_insert_post(
			array(
				'post_title'  => 'Earnings post',
				'post_status' => 'publish',
				'post_author' => $author,
			)
		);
		$this->posts[] = $post;
		$route         = '/afflux/v1/earnings/posts/' . $post;

		$expected = array(
			array( 0, 401 ),
			array( $this->user( 'subscriber' ), 403 ),
			array( $other, 403 ),
			array( $author, 200 ),
			array( $this->user( 'editor' ), 200 ),
			array( $this->user( 'administrator' ), 200 ),
		);
		foreach ( $expected as list( $user, $status ) ) {
			wp_set_current_user( $user );
			$this->assertSame( $status, $this->get( $route )->get_status(), 'user ' . $user );
		}
	}

	/**
	 * A saved token is reported as set, never returned, and is not in any answer.
	 */
	public function test_credentials_never_appear_in_answers(): void {
		wp_set_current_user( $this->user( 'administrator' ) );
		$request = new \WP_REST_Request( 'POST', '/afflux/v1/settings' );
		$request->set_body_params(
			array(
				'networks' => array(
					'awin' => array(
						'enabled' => true,
						'values'  => array(
							'publisherId' => '123456',
							'apiToken'    => 'tok-SECRET-4242',
						),
					),
				),
			)
		);
		$saved = rest_do_request( $request );
		$this->assertSame( 200, $saved->get_status() );
		$this->assertTrue( $saved->get_data()['daemon_handoff']['written'] );
		$read = $this->get( '/afflux/v1/settings' );

		foreach ( array( $saved, $read, $this->get( '/afflux/v1/sync-health' ), $this->get( '/afflux/v1/earnings' ) ) as $response ) {
			$this->assertStringNotContainsString( 'tok-SECRET-4242', (string) wp_json_encode( $response->get_data() ) );
		}
		$fields = array_column( $read->get_data()['networks']['awin']['fields'], null, 'key' );
		$this->assertTrue( $fields['apiToken']['set'] );
		$this->assertSame( '', $fields['apiToken']['value'] );
		$this->assertSame( '123456', $fields['publisherId']['value'] );
		$this->assertSame( 'tok-SECRET-4242', DaemonSettings::all()['networks']['awin']['values']['apiToken'] );
	}

	/**
	 * The credentials' option is never autoloaded.
	 */
	public function test_credentials_option_is_not_autoloaded(): void {
		global $wpdb;
		DaemonSettings::store( DaemonSettings::defaults() );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- reading the autoload flag has no API in 6.1.
		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", DaemonSettings::OPTION ) );
		$this->assertSame( 'no', $autoload );
	}

	/**
	 * GET a route.
	 *
	 * @param string $route Path with optional query.
	 */
	private function get( string $route ): \WP_REST_Response {
		$parts   = explode( '?', $route, 2 );
		$request = new \WP_REST_Request( 'GET', $parts[0] );
		if ( isset( $parts[1] ) ) {
			parse_str( $parts[1], $query );
			$request->set_query_params( $query );
		}
		return rest_do_request( $request );
	}

	/**
	 * A new user with a role.
	 *
	 * @param string $role Role.
	 */
	private function user( string $role ): int {
		$id            = (int) wp_insert_user(
			array(
				'user_login' => 'afflux_' . $role . '_' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => $role,
			)
		);
		$this->users[] = $id;
		return $id;
	}
}
