<?php
/**
 * Tests for Uninstall\WrittenFiles.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Uninstall;

use Afflux\Redirect\EarlyDropIn;
use Afflux\Tests\Support\AffluxTestCase;
use Afflux\Uninstall\WrittenFiles;

/**
 * Deleting the plugin removes the files its /go/ paths wrote, and nothing else.
 */
final class WrittenFilesTest extends AffluxTestCase {

	/**
	 * The spool, memo and index folders (dot files included), go.php's configuration and the
	 * must-use plugin go; a neighbour's files and the daemon's cache stay.
	 */
	public function test_removes_only_the_files_afflux_wrote(): void {
		$content = $this->dir . '/wp-content';
		$mu      = $content . '/mu-plugins';
		$written = array(
			'afflux-clicks/spool.php',
			'afflux-clicks/salt-2026-11-21.php',
			'afflux-clicks/.htaccess',
			'afflux-link-memo/12.php',
			'afflux-placements/7.php',
			'afflux-go-config.php',
			'afflux-early-config.php',
			'mu-plugins/afflux-early-go.php',
		);
		$kept    = array( 'mu-plugins/someone-else.php', 'uploads/photo.jpg', 'afflux-cache/cache.sqlite' );
		foreach ( array_merge( $written, $kept ) as $file ) {
			wp_mkdir_p( dirname( $content . '/' . $file ) );
			file_put_contents( $content . '/' . $file, '<?php // x' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test set-up.
		}
		// Afflux's own drop-in goes; another plugin's db.php (next test) stays.
		file_put_contents( $content . '/db.php', EarlyDropIn::source( AFFLUX_DIR, 'go' ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test set-up.
		$written[] = 'db.php';

		WrittenFiles::remove( $content, $mu );
		// A second run (nothing left) is quiet.
		WrittenFiles::remove( $content, $mu );

		foreach ( $written as $file ) {
			$this->assertFileDoesNotExist( $content . '/' . $file );
		}
		foreach ( array( 'afflux-clicks', 'afflux-link-memo', 'afflux-placements' ) as $folder ) {
			$this->assertDirectoryDoesNotExist( $content . '/' . $folder );
		}
		foreach ( $kept as $file ) {
			$this->assertFileExists( $content . '/' . $file );
		}
		$this->remove_tree( $content );
	}

	/**
	 * Another plugin's db.php drop-in (a query monitor, a database cluster) is never removed.
	 */
	public function test_keeps_another_plugins_db_drop_in(): void {
		$content = $this->dir . '/wp-content';
		wp_mkdir_p( $content );
		file_put_contents( $content . '/db.php', "<?php\n// Query Monitor's database drop-in.\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test set-up.

		WrittenFiles::remove( $content, $content . '/mu-plugins' );

		$this->assertFileExists( $content . '/db.php' );
		$this->remove_tree( $content );
	}

	/**
	 * Removes what the test made below the test folder (AffluxTestCase removes only its files).
	 *
	 * @param string $folder The folder.
	 */
	private function remove_tree( string $folder ): void {
		foreach ( (array) glob( $folder . '/{,.}*', GLOB_BRACE ) as $path ) {
			if ( ! is_string( $path ) || '.' === basename( $path ) || '..' === basename( $path ) ) {
				continue;
			}
			if ( is_dir( $path ) ) {
				$this->remove_tree( $path );
			} else {
				unlink( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- test clean-up.
			}
		}
		rmdir( $folder ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_rmdir -- test clean-up.
	}
}
