<?php
/**
 * Tests for plugin/class-map.php, the autoloader's generated map.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Redirect\AutoloadClassMap;
use Afflux\Redirect\StandaloneClasses;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The map holds paths only, so an entry is either right or harmful (a class moved or deleted),
 * and a class it lacks is merely loaded the slower PSR-4 way: every entry must name the class
 * its file declares, and the classes the /go/ paths load must be listed. A class added since
 * the map was written does not fail here; `npm run build:go` (part of `npm run build`) lists it.
 */
final class AutoloadClassMapTest extends AffluxTestCase {

	/**
	 * The committed map, as the autoloader reads it.
	 *
	 * @return array<string, string>
	 */
	private function map(): array {
		$map = require dirname( __DIR__, 3 ) . '/plugin/' . AutoloadClassMap::FILE;
		$this->assertIsArray( $map );
		return $map;
	}

	/**
	 * Every entry's file declares that class (or interface, trait, enum) in that namespace.
	 */
	public function test_each_entry_names_the_class_its_file_declares(): void {
		$plugin = dirname( __DIR__, 3 ) . '/plugin';
		foreach ( $this->map() as $class => $file ) {
			$this->assertFileExists( $plugin . '/' . $file, 'plugin/' . AutoloadClassMap::FILE . ' lists a file that is gone: run `npm run build:go`.' );
			$code      = (string) file_get_contents( $plugin . '/' . $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of this checkout.
			$namespace = substr( $class, 0, (int) strrpos( $class, '\\' ) );
			$short     = substr( $class, (int) strrpos( $class, '\\' ) + 1 );
			$this->assertStringContainsString( "\nnamespace " . $namespace . ";\n", $code, $file );
			$this->assertMatchesRegularExpression( '/^(?:final |abstract |readonly )*(?:class|interface|trait|enum) ' . preg_quote( $short, '/' ) . '\b/m', $code, $file );
		}
	}

	/**
	 * The classes of both /go/ paths are in the map, and the generator lists every source file.
	 */
	public function test_the_redirect_classes_are_listed(): void {
		$map = $this->map();
		foreach ( array_merge( StandaloneClasses::CLASSES, array( \Afflux\Redirect\GoRedirect::class, \Afflux\Redirect\WpdbPostSource::class, \Afflux\Settings\Settings::class, \Afflux\Links\LinkSettings::class ) ) as $class ) {
			$this->assertArrayHasKey( $class, $map, 'run `npm run build:go`' );
		}
		$generated = AutoloadClassMap::classes( dirname( __DIR__, 3 ) . '/plugin' );
		$this->assertSame( 'src/Redirect/GoRedirect.php', $generated[ \Afflux\Redirect\GoRedirect::class ] ?? null );
		$this->assertCount( count( (array) glob( dirname( __DIR__, 3 ) . '/plugin/src/*/*.php' ) ) + count( (array) glob( dirname( __DIR__, 3 ) . '/plugin/src/*.php' ) ), $generated );
	}
}
