<?php
/**
 * Tests for the no-WordPress path's memo of resolved links.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Links\SubId;
use Afflux\Redirect\Destination;
use Afflux\Redirect\DestinationMemo;
use Afflux\Redirect\LinkTargetMemo;
use Afflux\Redirect\PlacementIndex;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Tests\Support\CacheFixture;

// phpcs:disable WordPress.WP.AlternativeFunctions -- test files in a temporary folder.

/**
 * A kept destination is used only while the cache, the post's placement index file and the
 * settings are exactly as they were when the link was resolved; anything else (a missing,
 * changed, corrupt or foreign file) means "resolve again", never a wrong redirect.
 */
final class DestinationMemoTest extends AffluxTestCase {

	private const POST = 4321;

	private const SLUG = 'casque-p4321_dm1';

	/**
	 * The test cache.
	 *
	 * @var CacheFixture
	 */
	private CacheFixture $cache;

	/**
	 * The placement index, in the test's folder.
	 *
	 * @var PlacementIndex
	 */
	private PlacementIndex $index;

	/**
	 * A cache left alone for a minute and an indexed post.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->cache = $this->fixture();
		$this->cache->add_programme();
		touch( $this->cache->path, time() - 60 );
		$this->index = new PlacementIndex( $this->dir . '/' . PlacementIndex::DIR );
		$this->assertTrue( $this->index->write( self::POST, 'casque', $this->product_card_block( 'dm1', 7 ) ) );
		clearstatcache();
	}

	/**
	 * Removes the memo and index files.
	 */
	protected function tear_down(): void {
		foreach ( array( LinkTargetMemo::DIR, PlacementIndex::DIR ) as $folder ) {
			array_map( 'unlink', (array) glob( $this->dir . '/' . $folder . '/{,.}[!.]*', GLOB_BRACE ) );
			if ( is_dir( $this->dir . '/' . $folder ) ) {
				rmdir( $this->dir . '/' . $folder );
			}
		}
		parent::tear_down();
	}

	/**
	 * A destination resolved from settled inputs is kept and answers the next click as it was.
	 */
	public function test_a_settled_link_is_kept_and_found_by_the_next_click(): void {
		$memo = $this->memo( 10 );
		$this->assertNull( $memo->find( self::SLUG, $this->sub_id() ) );
		$memo->remember( self::SLUG, $this->destination() );
		$memo->write_pending();

		$this->assertFileExists( $memo->path( self::SLUG ) );
		$this->assertEquals( $this->destination(), $this->found( self::SLUG ) );
		$this->assertNull( $this->found( 'p4321_dm1' ), 'another slug has its own memo' );
	}

	/**
	 * Nothing is kept while the cache or the post's index file changed within two seconds: a
	 * change in the same second could leave the stamp as it was.
	 */
	public function test_nothing_is_kept_from_inputs_just_written(): void {
		// The index file was written just now (set_up): its ctime cannot be moved back.
		$memo = new DestinationMemo( new LinkTargetMemo( $this->dir . '/' . LinkTargetMemo::DIR, $this->cache->path ), $this->index, $this->settings() );
		$memo->find( self::SLUG, $this->sub_id() );
		$memo->remember( self::SLUG, $this->destination() );
		$memo->write_pending();
		$this->assertFileDoesNotExist( $memo->path( self::SLUG ) );

		touch( $this->cache->path );
		clearstatcache();
		// The index file settled (ten seconds on), the cache changed a second before.
		$memo = new DestinationMemo( new LinkTargetMemo( $this->dir . '/' . LinkTargetMemo::DIR, $this->cache->path, time() + 1 ), $this->index, $this->settings(), time() + 10 );
		$memo->find( self::SLUG, $this->sub_id() );
		$memo->remember( self::SLUG, $this->destination() );
		$memo->write_pending();
		$this->assertFileDoesNotExist( $memo->path( self::SLUG ), 'a cache changed a second before' );
	}

	/**
	 * A destination remembered without a stamp taken before the link was resolved is not kept.
	 */
	public function test_a_destination_without_a_prior_stamp_is_not_kept(): void {
		$memo = $this->memo( 10 );
		$memo->remember( self::SLUG, $this->destination() );
		$memo->write_pending();

		$this->assertFileDoesNotExist( $memo->path( self::SLUG ) );
	}

	/**
	 * Saving the post again (its index file rewritten), the daemon committing to the cache or a
	 * settings change each make the kept destination unusable at once.
	 */
	public function test_any_changed_input_is_seen_by_the_next_click(): void {
		$this->keep();
		$this->assertNotNull( $this->found( self::SLUG ) );

		$this->assertTrue( $this->index->write( self::POST, 'casque', $this->product_card_block( 'dm1', 8 ) ) );
		clearstatcache();
		$this->assertNull( $this->found( self::SLUG ), 'the post was saved again' );

		$this->keep();
		$this->cache->pdo->exec( "UPDATE products SET status = 'gone'" );
		$this->cache->add_product();
		clearstatcache();
		$this->assertNull( $this->found( self::SLUG ), 'the cache was written to' );

		$this->keep();
		$other = new DestinationMemo( new LinkTargetMemo( $this->dir . '/' . LinkTargetMemo::DIR, $this->cache->path, time() + 10 ), $this->index, DestinationMemo::settings_stamp( 'https://blog.example', 'utm_source=autre' ), time() + 10 );
		$this->assertNull( $other->find( self::SLUG, $this->sub_id() ), 'the UTM template changed' );
		$this->assertNull( DestinationMemo::kept( $this->dir, $this->cache->path, DestinationMemo::settings_stamp( 'https://blog.example', 'utm_source=autre' ), self::SLUG ), 'the UTM template changed' );
		$this->assertNotNull( $this->found( self::SLUG ) );
	}

	/**
	 * A trashed or deleted post has no index file: its links are resolved (and 404) again, and a
	 * post read from the database (no file) is never kept, as nothing would tell its change.
	 */
	public function test_a_post_without_an_index_file_is_never_answered_from_the_memo(): void {
		$this->keep();
		$this->index->delete( self::POST );
		clearstatcache();
		$this->assertNull( $this->found( self::SLUG ) );

		$memo = $this->memo( 10 );
		$memo->find( self::SLUG, $this->sub_id() );
		$memo->remember( self::SLUG, $this->destination() );
		unlink( $memo->path( self::SLUG ) );
		$memo->write_pending();
		$this->assertFileDoesNotExist( $memo->path( self::SLUG ) );
	}

	/**
	 * A corrupt file, a file of another shape, one naming another slug (a case-insensitive file
	 * system) or another placement than the slug's is ignored, not trusted.
	 *
	 * @dataProvider foreign_files
	 *
	 * @param string $source What the file holds, with {stamp} for the current stamp.
	 */
	public function test_a_file_that_is_not_this_links_memo_is_ignored( string $source ): void {
		$this->keep();
		$path  = $this->memo( 10 )->path( self::SLUG );
		$stamp = ( require $path )['stamp'];
		file_put_contents( $path, str_replace( '{stamp}', var_export( $stamp, true ), $source ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- a PHP literal.

		$this->assertNull( $this->found( self::SLUG ) );
	}

	/**
	 * Files go.php must not trust.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function foreign_files(): array {
		$to = "'post_id' => 4321, 'placement_id' => 'dm1', 'product_id' => 7, 'network' => 'awin', 'outcome' => 'product'";
		return array(
			'not an array'         => array( "<?php\nreturn 'https://evil.example/';\n" ),
			'no stamp'             => array( "<?php\nreturn array( 'slug' => 'casque-p4321_dm1', 'to' => array( 'url' => 'https://evil.example/', $to ) );\n" ),
			'another shape'        => array( "<?php\nreturn array( 'stamp' => {stamp}, 'slug' => 'casque-p4321_dm1', 'to' => array( 'nope' => 1 ) );\n" ),
			'another slug'         => array( "<?php\nreturn array( 'stamp' => {stamp}, 'slug' => 'CASQUE-p4321_dm1', 'to' => array( 'url' => 'https://evil.example/', $to ) );\n" ),
			'another placement'    => array( "<?php\nreturn array( 'stamp' => {stamp}, 'slug' => 'casque-p4321_dm1', 'to' => array( 'url' => 'https://evil.example/', 'post_id' => 4321, 'placement_id' => 'zz9', 'product_id' => 7, 'network' => 'awin', 'outcome' => 'product' ) );\n" ),
			'an older stamp'       => array( "<?php\nreturn array( 'stamp' => 'x' . {stamp}, 'slug' => 'casque-p4321_dm1', 'to' => array( 'url' => 'https://evil.example/', $to ) );\n" ),
			'empty (a torn write)' => array( '' ),
		);
	}

	/**
	 * The daily upkeep deletes link memos not rewritten for a week, and leaves product memos
	 * (LinkTargetMemo's, in the same folder) to their own rule.
	 */
	public function test_memos_not_rewritten_for_a_while_are_forgotten(): void {
		$this->keep();
		$memo    = $this->memo( 10 );
		$product = $this->dir . '/' . LinkTargetMemo::DIR . '/7.php';
		file_put_contents( $product, "<?php\nreturn array();\n" );
		touch( $memo->path( self::SLUG ), time() - 8 * 86400 );
		touch( $product, time() - 8 * 86400 );

		$memo->forget_older_than( time() - 7 * 86400 );

		$this->assertFileDoesNotExist( $memo->path( self::SLUG ) );
		$this->assertFileExists( $product );
	}

	/**
	 * Resolves (as a click would) and keeps the destination, as a request ten seconds from now.
	 */
	private function keep(): void {
		$memo = $this->memo( 10 );
		$memo->find( self::SLUG, $this->sub_id() );
		$memo->remember( self::SLUG, $this->destination() );
		$memo->write_pending();
		$this->assertFileExists( $memo->path( self::SLUG ) );
	}

	/**
	 * What the next click is answered with: find() (a click that may go on to resolve the link)
	 * and kept() (the memo-hit lane of StandaloneRedirect) must always agree.
	 *
	 * @param string $slug The slug clicked.
	 */
	private function found( string $slug ): ?Destination {
		$found = $this->memo( 10 )->find( $slug, $this->sub_id() );
		$this->assertEquals( $found, DestinationMemo::kept( $this->dir, $this->cache->path, $this->settings(), $slug ), 'kept() answers as find() does' );
		return $found;
	}

	/**
	 * The memo as a request $seconds from now sees it.
	 *
	 * @param int $seconds Seconds ahead.
	 */
	private function memo( int $seconds ): DestinationMemo {
		$now = time() + $seconds;
		return new DestinationMemo( new LinkTargetMemo( $this->dir . '/' . LinkTargetMemo::DIR, $this->cache->path, $now ), $this->index, $this->settings(), $now );
	}

	/**
	 * The settings' stamp of the test site.
	 */
	private function settings(): string {
		return DestinationMemo::settings_stamp( 'https://blog.example', 'utm_source=blog' );
	}

	/**
	 * The slug's sub id.
	 */
	private function sub_id(): SubId {
		return new SubId( self::POST, 'dm1' );
	}

	/**
	 * What the link resolves to.
	 */
	private function destination(): Destination {
		return new Destination( 'https://track.example/?p=7&clickref=p4321_dm1', self::POST, 'dm1', 7, 'awin', Destination::OUTCOME_PRODUCT );
	}
}
