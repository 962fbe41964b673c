<?php
/**
 * Tests for plugin/go-classes.php, the no-WordPress path's generated class file.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Redirect\StandaloneClasses;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The generated file is exactly what the current sources give (so it cannot serve old code),
 * and loading it declares every listed class without asking the autoloader for anything.
 */
final class StandaloneClassesTest extends AffluxTestCase {

	/**
	 * The file matches the sources.
	 */
	public function test_the_file_is_up_to_date_with_the_sources(): void {
		$plugin = dirname( __DIR__, 3 ) . '/plugin';
		$this->assertSame(
			StandaloneClasses::source( $plugin . '/src' ),
			(string) file_get_contents( $plugin . '/' . StandaloneClasses::FILE ), // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of this checkout.
			'plugin/' . StandaloneClasses::FILE . ' is stale: run `npm run build:go`.'
		);
	}

	/**
	 * In a fresh PHP process, the file alone declares every class, interfaces first.
	 */
	public function test_the_file_declares_every_class_on_its_own(): void {
		$script = 'spl_autoload_register( static function ( $c ) { echo "autoload:", $c, "\n"; } );'
			. 'require ' . var_export( dirname( __DIR__, 3 ) . '/plugin/' . StandaloneClasses::FILE, true ) . ';' // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- builds a PHP string.
			. 'foreach ( ' . var_export( StandaloneClasses::CLASSES, true ) . ' as $c ) {' // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- builds a PHP string.
			. ' if ( ! class_exists( $c, false ) && ! interface_exists( $c, false ) ) { echo "missing:", $c, "\n"; } }'
			. 'echo "done\n";';
		$output = array();
		$status = 0;
		exec( escapeshellarg( PHP_BINARY ) . ' -r ' . escapeshellarg( $script ) . ' 2>&1', $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec -- a fresh PHP process, as go.php starts.

		$this->assertSame( 0, $status, implode( "\n", $output ) );
		$this->assertSame( array( 'done' ), $output );
	}
}
