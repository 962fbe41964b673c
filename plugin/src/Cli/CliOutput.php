<?php
/**
 * Where a WP-CLI command writes: WP-CLI itself, or a test's recorder.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cli;

/**
 * The few things the commands print, so they can be tested without WP-CLI installed.
 */
interface CliOutput {

	/**
	 * A plain line.
	 *
	 * @param string $text The line.
	 */
	public function line( string $text ): void;

	/**
	 * A table of rows with the given columns.
	 *
	 * @param array<array<string, mixed>> $rows    Rows.
	 * @param string[]                    $columns Column names.
	 */
	public function table( array $rows, array $columns ): void;

	/**
	 * A success line.
	 *
	 * @param string $text The message.
	 */
	public function success( string $text ): void;
}
