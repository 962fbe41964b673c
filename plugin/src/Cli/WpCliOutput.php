<?php
/**
 * CliOutput on top of WP-CLI.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cli;

/**
 * Prints through WP_CLI and its table formatter (which also honours --format).
 */
final class WpCliOutput implements CliOutput {

	/**
	 * WP-CLI's class, named as a string: WP-CLI is not a dependency of the plugin, its class
	 * exists only when `wp` runs (CommandRegistrar checks that before building this).
	 */
	private const CLI = 'WP_CLI';

	/**
	 * Builds the sink.
	 *
	 * @param string $format table, csv, json or yaml.
	 */
	public function __construct( private readonly string $format = 'table' ) {
	}

	/**
	 * WP-CLI's table formatter, which also honours --format.
	 *
	 * @var string
	 */
	private string $formatter = 'WP_CLI\Utils\format_items';

	/**
	 * A plain line.
	 *
	 * @param string $text The line.
	 */
	public function line( string $text ): void {
		$cli = self::CLI;
		$cli::line( $text );
	}

	/**
	 * A table.
	 *
	 * @param array<array<string, mixed>> $rows    Rows.
	 * @param string[]                    $columns Column names.
	 */
	public function table( array $rows, array $columns ): void {
		if ( is_callable( $this->formatter ) ) {
			call_user_func( $this->formatter, $this->format, $rows, $columns );
		}
	}

	/**
	 * A success line.
	 *
	 * @param string $text The message.
	 */
	public function success( string $text ): void {
		$cli = self::CLI;
		$cli::success( $text );
	}
}
