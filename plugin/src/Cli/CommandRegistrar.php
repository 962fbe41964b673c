<?php
/**
 * Registers `wp afflux status|earnings|purge-clicks` when WP-CLI runs.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cli;

use Afflux\Admin\SyncHealth;
use Afflux\Earnings\EarningsReport;
use Afflux\Service;

/**
 * Does nothing outside WP-CLI; inside it, adds the three commands, each a thin shell over a
 * command class that prints to a CliOutput.
 */
final class CommandRegistrar implements Service {

	/**
	 * Builds the registrar.
	 *
	 * @param SyncHealth     $health   The sync-health report.
	 * @param EarningsReport $earnings The earnings report.
	 */
	public function __construct( private readonly SyncHealth $health, private readonly EarningsReport $earnings ) {
	}

	/**
	 * Adds the commands when WP-CLI is present.
	 */
	public function init(): void {
		if ( ! defined( 'WP_CLI' ) || ! WP_CLI || ! class_exists( 'WP_CLI' ) ) {
			return;
		}
		// Named as a string: WP-CLI is not a dependency, its class exists only under `wp`.
		$cli = 'WP_CLI';
		$cli::add_command(
			'afflux status',
			function (): void {
				$this->finish( ( new StatusCommand( $this->health ) )->run( new WpCliOutput() ) );
			},
			array( 'shortdesc' => 'Cache and daemon sync health.' )
		);
		$cli::add_command(
			'afflux earnings',
			function ( array $args, array $assoc ): void {
				$to   = (string) ( $assoc['to'] ?? gmdate( 'Y-m-d' ) );
				$from = (string) ( $assoc['from'] ?? gmdate( 'Y-m-d', (int) strtotime( $to . ' -29 days UTC' ) ) );
				$this->finish( ( new EarningsCommand( $this->earnings ) )->run( new WpCliOutput( (string) ( $assoc['format'] ?? 'table' ) ), $from, $to, (string) ( $assoc['by'] ?? 'network' ) ) );
			},
			array( 'shortdesc' => 'Earnings by status over a date range (--from, --to, --by=network|post, --format).' )
		);
		$cli::add_command(
			'afflux purge-clicks',
			function ( array $args, array $assoc ): void {
				$this->finish( ( new PurgeClicksCommand() )->run( new WpCliOutput(), isset( $assoc['days'] ) ? (int) $assoc['days'] : null ) );
			},
			array( 'shortdesc' => 'Delete raw clicks older than the retention (--days to override).' )
		);
	}

	/**
	 * Exits with the command's code when it failed.
	 *
	 * @param int $code Exit code.
	 */
	private function finish( int $code ): void {
		if ( 0 !== $code ) {
			$cli = 'WP_CLI';
			$cli::halt( $code );
		}
	}
}
