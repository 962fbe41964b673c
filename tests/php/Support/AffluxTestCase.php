<?php
/**
 * Base class for Afflux tests.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Support;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\Cache\SchemaVersion;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Turns every PHP warning or notice into a failure, gives each test a temporary folder and
 * restores the options Afflux writes.
 */
abstract class AffluxTestCase extends TestCase {

	/**
	 * This test's temporary folder.
	 *
	 * @var string
	 */
	protected string $dir;

	/**
	 * Sets up the folder and the strict error handler.
	 */
	protected function set_up(): void {
		parent::set_up();
		$this->dir = CacheFixture::temp_dir();
		delete_option( CacheStatusLog::OPTION );
		// A warning on the front end is a bug here, even one PHPUnit would only report.
		set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- tests only.
			static function ( int $severity, string $message, string $file, int $line ): bool {
				throw new \ErrorException( $message, 0, $severity, $file, $line );
			},
			E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED
		);
	}

	/**
	 * Restores the handler and removes the folder.
	 */
	protected function tear_down(): void {
		restore_error_handler();
		delete_option( CacheStatusLog::OPTION );
		foreach ( (array) glob( $this->dir . '/{,.}*', GLOB_BRACE ) as $file ) {
			if ( is_string( $file ) && is_file( $file ) ) {
				unlink( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- test clean-up.
			}
		}
		rmdir( $this->dir ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_rmdir -- test clean-up.
		parent::tear_down();
	}

	/**
	 * A new migrated cache in this test's folder.
	 *
	 * @param int $version PRAGMA user_version.
	 */
	protected function fixture( int $version = SchemaVersion::EXPECTED ): CacheFixture {
		return new CacheFixture( $this->dir . '/cache.sqlite', $version );
	}

	/**
	 * A repository reading the file at $path.
	 *
	 * @param string $path            Cache file.
	 * @param int    $busy_timeout_ms Lock wait.
	 */
	protected function repository( string $path, int $busy_timeout_ms = 50 ): ProductRepository {
		return new ProductRepository( new CacheConnection( $path, new CacheStatusLog(), $busy_timeout_ms ) );
	}

	/**
	 * Lines Afflux wrote to the PHP error log since $offset bytes.
	 *
	 * @param int $offset Size of the log before the code under test ran.
	 * @return string[]
	 */
	protected function log_lines_since( int $offset ): array {
		clearstatcache();
		$log = (string) file_get_contents( AFFLUX_TEST_ERROR_LOG, false, null, $offset ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local file.
		return array_values( array_filter( explode( "\n", $log ), static fn ( string $line ): bool => str_contains( $line, 'Afflux:' ) ) );
	}

	/**
	 * Current size of the PHP error log.
	 */
	protected function log_size(): int {
		clearstatcache();
		return (int) filesize( AFFLUX_TEST_ERROR_LOG );
	}

	/**
	 * A product card block as the editor saves it: its product and placement only.
	 *
	 * @param string $placement_id Placement id.
	 * @param int    $product_id   Product id.
	 */
	protected function product_card_block( string $placement_id, int $product_id ): string {
		return serialize_block(
			array(
				'blockName'    => 'afflux/product-card',
				'attrs'        => array(
					'productId'   => $product_id,
					'placementId' => $placement_id,
				),
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			)
		);
	}
}
