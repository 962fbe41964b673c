<?php
/**
 * Tests for the no-WordPress path's memo of link targets.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Redirect\Destination;
use Afflux\Redirect\LinkTargetMemo;
use Afflux\Redirect\RedirectResolver;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

// phpcs:disable WordPress.WP.AlternativeFunctions -- test files in a temporary folder.

/**
 * A kept target is used only while the cache file is exactly as it was when the target was
 * read; it is never written while the cache is being written to.
 */
final class LinkTargetMemoTest extends AffluxTestCase {

	/**
	 * The test cache.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The memo folder.
	 *
	 * @var string
	 */
	private string $memo_dir;

	/**
	 * The post holding the card.
	 *
	 * @var int
	 */
	private int $post_id = 0;

	/**
	 * A cache with a programme and a template, and a memo folder.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme( array( 'valid_domains' => '["boutique-exemple.fr"]' ) );
		$this->cache->add_link_template();
		$this->memo_dir = $this->dir . '/' . LinkTargetMemo::DIR;
	}

	/**
	 * Removes the post and the memo files.
	 */
	protected function tear_down(): void {
		if ( $this->post_id > 0 ) {
			wp_delete_post( $this->post_id, true );
		}
		array_map( 'unlink', (array) glob( $this->memo_dir . '/{,.}[!.]*', GLOB_BRACE ) );
		if ( is_dir( $this->memo_dir ) ) {
			rmdir( $this->memo_dir );
		}
		parent::tear_down();
	}

	/**
	 * A target read from a cache left alone is kept, and found again by the next request.
	 */
	public function test_a_target_read_from_a_settled_cache_is_kept_and_found(): void {
		$product = $this->cache->add_product();
		$target  = ( new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ) )->find( $product );
		$this->assertNotNull( $target );
		$this->age_cache();

		$memo = $this->memo( 10 );
		$this->assertNull( $memo->find( $product ) );
		$memo->remember( $target );
		$memo->write_pending();

		$this->assertFileExists( $memo->path( $product ) );
		$this->assertEquals( $target, $this->memo( 10 )->find( $product ) );
		$this->assertNull( $this->memo( 10 )->find( $product + 1 ) );
	}

	/**
	 * While the cache was changed within the last two seconds nothing is kept: a change in the
	 * same second could leave the cache's stamp as it was.
	 */
	public function test_nothing_is_kept_from_a_cache_just_written(): void {
		$product = $this->cache->add_product();
		$target  = ( new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ) )->find( $product );
		$this->assertNotNull( $target );

		$memo = $this->memo( 0 );
		$memo->remember( $target );
		$memo->write_pending();

		$this->assertFileDoesNotExist( $memo->path( $product ) );
	}

	/**
	 * A product the daemon marks gone after it was kept: the next click reads the cache again
	 * and falls back, recording why.
	 */
	public function test_a_change_to_the_cache_is_seen_by_the_next_click(): void {
		$product = $this->cache->add_product();
		$this->post( $product );
		$slug = 'p' . $this->post_id . '_memo1';
		$this->age_cache();

		$first = $this->resolver( $this->memo( 10 ) );
		$this->assertSame( Destination::OUTCOME_PRODUCT, $first['resolver']->resolve( $slug )?->outcome );
		$first['memo']->write_pending();
		$this->assertFileExists( $first['memo']->path( $product ) );
		$this->assertSame( Destination::OUTCOME_PRODUCT, $this->resolver( $this->memo( 10 ) )['resolver']->resolve( $slug )?->outcome, 'the kept copy answers while the cache is unchanged' );

		$this->cache->pdo->exec( "UPDATE products SET status = 'gone' WHERE id = " . $product );

		$this->assertSame( Destination::OUTCOME_MERCHANT_HOME, $this->resolver( $this->memo( 10 ) )['resolver']->resolve( $slug )?->outcome );
	}

	/**
	 * A file left by another shape of the memo is ignored, not trusted.
	 */
	public function test_a_file_of_another_shape_is_ignored(): void {
		$product = $this->cache->add_product();
		$memo    = $this->memo( 10 );
		mkdir( $this->memo_dir );
		file_put_contents( $memo->path( $product ), "<?php\nreturn array( 'stamp' => 'x', 'target' => array( 'nope' => 1 ) );\n" );

		$this->assertNull( $memo->find( $product ) );
	}

	/**
	 * The daily upkeep deletes files not rewritten for a while and keeps the others.
	 */
	public function test_files_not_rewritten_for_a_while_are_forgotten(): void {
		$old   = $this->cache->add_product();
		$fresh = $this->cache->add_product();
		$this->age_cache();
		$memo = $this->memo( 10 );
		foreach ( array( $old, $fresh ) as $product ) {
			$target = ( new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ) )->find( $product );
			$this->assertNotNull( $target );
			$memo->remember( $target );
		}
		$memo->write_pending();
		touch( $memo->path( $old ), time() - 8 * 86400 );

		$memo->forget_older_than( time() - 7 * 86400 );

		$this->assertFileDoesNotExist( $memo->path( $old ) );
		$this->assertFileExists( $memo->path( $fresh ) );
	}

	/**
	 * A memo as a request $seconds from now sees it (0: now).
	 *
	 * @param int $seconds Seconds ahead.
	 */
	private function memo( int $seconds ): LinkTargetMemo {
		return new LinkTargetMemo( $this->memo_dir, $this->cache->path, 0 === $seconds ? null : time() + $seconds );
	}

	/**
	 * Moves the cache file's time back a minute, so a change made now gets a later time than
	 * the one a memo is stamped with (as it does in production, where a memo is only written
	 * two seconds after the cache's last change).
	 */
	private function age_cache(): void {
		touch( $this->cache->path, time() - 60 );
		clearstatcache();
	}

	/**
	 * A resolver reading the test cache through a memo.
	 *
	 * @param LinkTargetMemo $memo The memo.
	 * @return array{resolver: RedirectResolver, memo: LinkTargetMemo}
	 */
	private function resolver( LinkTargetMemo $memo ): array {
		return array(
			'resolver' => new RedirectResolver(
				new LinkTargetRepository( new CacheConnection( $this->cache->path, new CacheStatusLog() ) ),
				new PlacementUrlBuilder( new TrackingLinkBuilder() ),
				'',
				null,
				null,
				$memo
			),
			'memo'     => $memo,
		);
	}

	/**
	 * A published post with a product card.
	 *
	 * @param int $product Product id.
	 */
	private function post( int $product ): void {
		$this->post_id = (int) wp_insert_post(
			array(
				'post_title'   => 'Memo post',
				'post_status'  => 'publish',
				'post_content' => serialize_block(
					array(
						'blockName'    => 'afflux/product-card',
						'attrs'        => array(
							'productId'   => $product,
							'placementId' => 'memo1',
						),
						'innerBlocks'  => array(),
						'innerHTML'    => '',
						'innerContent' => array(),
					)
				),
			),
			true
		);
	}
}
