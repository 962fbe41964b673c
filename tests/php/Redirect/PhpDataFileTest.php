<?php
/**
 * Tests for reading generated PHP data files.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Redirect\PhpDataFile;
use Afflux\Tests\Support\AffluxTestCase;

// phpcs:disable WordPress.WP.AlternativeFunctions -- test files in a temporary folder.

/**
 * What a file returns, and false (with no warning: the test's error handler throws on any) for
 * a file that does not exist or a folder.
 */
final class PhpDataFileTest extends AffluxTestCase {

	/**
	 * A file's returned value, whatever its type.
	 */
	public function test_returns_what_the_file_returns(): void {
		file_put_contents( $this->dir . '/data.php', "<?php\nreturn array( 'a' => 1 );\n" );
		file_put_contents( $this->dir . '/salt.php', "<?php\nreturn 'abc';\n" );

		$this->assertSame( array( 'a' => 1 ), PhpDataFile::read( $this->dir . '/data.php' ) );
		$this->assertSame( 'abc', PhpDataFile::read( $this->dir . '/salt.php' ) );
	}

	/**
	 * A missing file or a folder reads as false, quietly.
	 */
	public function test_a_missing_file_reads_as_false_without_a_warning(): void {
		$this->assertFalse( PhpDataFile::read( $this->dir . '/missing.php' ) );
		$this->assertFalse( PhpDataFile::read( $this->dir . '/no-folder/missing.php' ) );
		$this->assertFalse( PhpDataFile::read( $this->dir ) );
	}

	/**
	 * What write() stores, read() returns, with the comment and permissions asked for (a failed
	 * write is AtomicFileTest's).
	 */
	public function test_written_file_reads_back(): void {
		$value = array(
			'stamp' => "1|x'y",
			'to'    => array( 'url' => 'https://example.com/?a=1&b=2' ),
		);
		$this->assertTrue( PhpDataFile::write( $this->dir . '/memo.php', $value, 0640, "// A comment.\n" ) );

		$this->assertSame( $value, PhpDataFile::read( $this->dir . '/memo.php' ) );
		$this->assertStringStartsWith( "<?php\n// A comment.\nreturn ", (string) file_get_contents( $this->dir . '/memo.php' ) );
		$this->assertSame( 0640, fileperms( $this->dir . '/memo.php' ) & 0777 );
	}
}
