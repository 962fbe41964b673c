<?php
/**
 * Tests for GET /afflux/v1/links/broken and the finder behind it.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Rest;

use Afflux\Admin\LinksScreen;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Links\GonePlacements;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Administrators only; and the list holds exactly the placements whose product is gone.
 */
final class BrokenLinksRouteTest extends AffluxTestCase {

	/**
	 * Users and posts to delete.
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
	 * Deletes what the test made.
	 */
	protected function tear_down(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->users as $user ) {
			wp_delete_user( $user );
		}
		foreach ( $this->posts as $post ) {
			wp_delete_post( $post, true );
		}
		wp_set_current_user( 0 );
		parent::tear_down();
	}

	/**
	 * Anonymous: 401.
	 */
	public function test_anonymous_gets_401(): void {
		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->get()->get_status() );
	}

	/**
	 * A subscriber, and an editor (who can edit posts but not manage the site): 403.
	 */
	public function test_subscriber_and_editor_get_403(): void {
		wp_set_current_user( $this->user( 'subscriber' ) );
		$this->assertSame( 403, $this->get()->get_status() );
		wp_set_current_user( $this->user( 'editor' ) );
		$this->assertSame( 403, $this->get()->get_status() );
	}

	/**
	 * An administrator: 200 and a list.
	 */
	public function test_administrator_gets_the_list(): void {
		wp_set_current_user( $this->user( 'administrator' ) );
		$response = $this->get();

		$this->assertSame( 200, $response->get_status() );
		$this->assertIsArray( $response->get_data() );
	}

	/**
	 * A gone product's placement is listed (nested blocks too), an active one is not.
	 */
	public function test_lists_only_placements_of_gone_products(): void {
		$cache = $this->fixture();
		$cache->add_programme();
		$cache->add_link_template();
		$gone          = $cache->add_product(
			array(
				'status' => 'gone',
				'title'  => 'Casque disparu',
			)
		);
		$active        = $cache->add_product( array( 'product_key' => 'active' ) );
		$card          = static fn ( int $product, string $placement ): string => '<!-- wp:afflux/product-card {"productId":' . $product . ',"placementId":"' . $placement . '"} /-->';
		$post          = (int) wp_insert_post(
			array(
				'post_title'   => 'Broken links post',
				'post_status'  => 'draft',
				'post_content' => $card( $active, 'okok' ) . "\n<!-- wp:group -->\n<div class=\"wp-block-group\">" . $card( $gone, 'dead1' ) . "</div>\n<!-- /wp:group -->",
			)
		);
		$this->posts[] = $post;

		$broken = ( new GonePlacements( new LinkTargetRepository( new CacheConnection( $cache->path, new CacheStatusLog() ) ) ) )->all();
		$mine   = array_values( array_filter( $broken, static fn ( array $row ): bool => $row['post_id'] === $post ) );

		$this->assertCount( 1, $mine );
		$this->assertSame( 'dead1', $mine[0]['placement_id'] );
		$this->assertSame( $gone, $mine[0]['product_id'] );
		$this->assertSame( 'Casque disparu', $mine[0]['product_title'] );
		$this->assertSame( 'afflux/product-card', $mine[0]['block'] );
	}

	/**
	 * Afflux → Links lists the same placement for the site owner, escaped, with the network's
	 * name, a link to edit the post and the forms of the faster /go/ paths.
	 */
	public function test_links_screen_lists_gone_placements_escaped(): void {
		require_once ABSPATH . 'wp-admin/includes/template.php';
		wp_set_current_user( $this->user( 'administrator' ) );
		$cache = $this->fixture();
		$cache->add_programme();
		$cache->add_link_template();
		$gone          = $cache->add_product(
			array(
				'status' => 'gone',
				'title'  => 'Casque <script>alert(1)</script>',
			)
		);
		$post          = (int) wp_insert_post(
			array(
				'post_title'   => 'Post aux liens morts',
				'post_status'  => 'draft',
				'post_content' => '<!-- wp:afflux/product-card {"productId":' . $gone . ',"placementId":"dead2"} /-->',
			)
		);
		$this->posts[] = $post;
		$screen        = new LinksScreen( new GonePlacements( new LinkTargetRepository( new CacheConnection( $cache->path, new CacheStatusLog() ) ) ) );

		ob_start();
		$screen->render();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'Post aux liens morts</a>', $html );
		$this->assertStringContainsString( 'post=' . $post . '&#038;action=edit', $html );
		$this->assertStringContainsString( 'Casque &lt;script&gt;', $html );
		$this->assertStringNotContainsString( '<script>alert', $html );
		$this->assertStringContainsString( '<td>Awin</td>', $html );
		$this->assertStringContainsString( 'value="install_early"', $html );
	}

	/**
	 * The route's answer.
	 */
	private function get(): \WP_REST_Response {
		return rest_do_request( new \WP_REST_Request( 'GET', '/afflux/v1/links/broken' ) );
	}

	/**
	 * A new user with this role.
	 *
	 * @param string $role Role.
	 */
	private function user( string $role ): int {
		$user          = (int) wp_insert_user(
			array(
				'user_login' => 'afflux-broken-' . $role . '-' . bin2hex( random_bytes( 4 ) ),
				'user_pass'  => wp_generate_password(),
				'user_email' => bin2hex( random_bytes( 4 ) ) . '@example.com',
				'role'       => $role,
			)
		);
		$this->users[] = $user;
		return $user;
	}
}
