<?php
/**
 * Tests for replacing a file in one step.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Redirect\AtomicFile;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.WP.AlternativeFunctions -- test files in a temporary folder.

/**
 * The new contents replace the old under the same name, with the permissions asked for, and a
 * failed write leaves the old file and no temporary file behind.
 */
final class AtomicFileTest extends AffluxTestCase {

	/**
	 * A new file, then a replacement: the name now points at another file (the rename), holding
	 * the new contents with the permissions given.
	 */
	public function test_replaces_the_file_under_the_same_name(): void {
		$path = $this->dir . '/config.php';
		$this->assertTrue( AtomicFile::replace( $path, "<?php\nreturn 1;\n" ) );
		$first = (int) fileinode( $path );

		$this->assertTrue( AtomicFile::replace( $path, "<?php\nreturn 2;\n", 0640 ) );

		clearstatcache();
		$this->assertSame( "<?php\nreturn 2;\n", file_get_contents( $path ) );
		$this->assertNotSame( $first, (int) fileinode( $path ), 'written in place, not renamed over' );
		$this->assertSame( 0640, fileperms( $path ) & 0777 );
		$this->assertSame( array( 'config.php' ), $this->names() );
	}

	/**
	 * A folder that does not exist: false, and no warning reaches the page.
	 */
	public function test_a_failed_write_returns_false_and_leaves_nothing(): void {
		$replaced = $this->quietly( fn () => AtomicFile::replace( $this->dir . '/missing/config.php', 'x' ) );
		$this->assertFalse( $replaced );
		$this->assertSame( array(), $this->names() );
	}

	/**
	 * A rename that fails (the name is a folder): the old entry stays, the temporary file goes.
	 */
	public function test_a_failed_rename_keeps_the_old_entry_and_removes_the_temporary_file(): void {
		mkdir( $this->dir . '/taken.php' );
		$replaced = $this->quietly( fn () => AtomicFile::replace( $this->dir . '/taken.php', 'x' ) );
		$this->assertFalse( $replaced );
		$this->assertDirectoryExists( $this->dir . '/taken.php' );
		$this->assertSame( array( 'taken.php' ), $this->names() );
		rmdir( $this->dir . '/taken.php' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_rmdir -- test clean-up.
	}

	/**
	 * Runs $write under an error handler that, like PHP's own display of errors, honours the
	 * `@` operator (AffluxTestCase's throws on every warning, silenced or not) and still throws
	 * on any warning that is not silenced: such a warning would reach a reader's page.
	 *
	 * @param callable(): bool $write The write.
	 */
	private function quietly( callable $write ): bool {
		set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- tests only.
			static function ( int $severity, string $message, string $file, int $line ): bool {
				// Reads the level (the `@` operator lowers it), changes nothing.
				// phpcs:ignore WordPress.PHP.DevelopmentFunctions.prevent_path_disclosure_error_reporting, WordPress.PHP.DiscouragedPHPFunctions.runtime_configuration_error_reporting
				if ( 0 === ( error_reporting() & $severity ) ) {
					return true;
				}
				throw new \ErrorException( $message, 0, $severity, $file, $line );
			}
		);
		try {
			return $write();
		} finally {
			restore_error_handler();
		}
	}

	/**
	 * The folder's entries.
	 *
	 * @return list<string>
	 */
	private function names(): array {
		return array_values( array_diff( (array) scandir( $this->dir ), array( '.', '..' ) ) );
	}
}
