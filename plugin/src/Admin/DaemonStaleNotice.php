<?php
/**
 * Tells administrators when the daemon has stopped syncing.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Service;

/**
 * An admin notice when a kind of sync has not run for twice its schedule, with the command
 * that starts the daemon. Shown on the dashboard only, where it is read; the cache notice
 * covers a cache that cannot be read at all.
 */
final class DaemonStaleNotice implements Service {

	/**
	 * Builds the notice.
	 *
	 * @param SyncHealth $health The sync-health report.
	 */
	public function __construct( private readonly SyncHealth $health ) {
	}

	/**
	 * Hooks the notice.
	 */
	public function init(): void {
		add_action( 'admin_notices', array( $this, 'show' ) );
	}

	/**
	 * Prints the notice on the dashboard and on Afflux's pages.
	 */
	public function show(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( null === $screen || ( 'dashboard' !== $screen->id && ! str_contains( $screen->id, AdminPages::MENU ) ) ) {
			return;
		}
		// phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- markup() escapes every part.
		echo $this->markup( $this->health->report()['stale'] );
	}

	/**
	 * The notice's HTML, or '' when nothing is stale.
	 *
	 * @param list<array{kind: string, kind_label: string, last_run_at: string|null, last_run_display: string, expected_every_hours: float}> $stale Stale kinds.
	 */
	public function markup( array $stale ): string {
		if ( array() === $stale ) {
			return '';
		}
		$items = '';
		foreach ( $stale as $kind ) {
			$items .= '<li>' . esc_html(
				null === $kind['last_run_at']
					/* translators: %s: kind of sync such as commissions. */
					? sprintf( __( '%s: the daemon has never run this sync.', 'afflux' ), $kind['kind_label'] )
					: sprintf(
						/* translators: 1: kind of sync such as Commissions, 2: date and time, 3: number of hours. */
						_n(
							'%1$s: last run on %2$s, but it is scheduled every %3$s hour.',
							'%1$s: last run on %2$s, but it is scheduled every %3$s hours.',
							(int) ceil( $kind['expected_every_hours'] ),
							'afflux'
						),
						$kind['kind_label'],
						$kind['last_run_display'],
						number_format_i18n( $kind['expected_every_hours'], 1 )
					)
			) . '</li>';
		}
		return '<div class="notice notice-warning afflux-daemon-notice"><p><strong>' . esc_html__( 'The Afflux daemon does not seem to be running: prices and earnings are getting old.', 'afflux' ) . '</strong></p><ul>' . $items . '</ul><p>'
			. esc_html__( 'Start it on the server (or check its cron job or systemd unit):', 'afflux' ) . ' <code>' . esc_html( SyncHealth::start_command() ) . '</code></p></div>';
	}
}
