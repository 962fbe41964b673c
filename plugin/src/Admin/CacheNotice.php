<?php
/**
 * Tells administrators when the product cache cannot be read.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatus;
use Afflux\Service;

/**
 * An admin notice, for users who can manage options, saying why the cache is unavailable and
 * what to do. It checks the cache itself (opening it is cheap), so it also shows before any
 * reader met the problem, and disappears once the cache is healthy again.
 */
final class CacheNotice implements Service {

	/**
	 * The cache connection.
	 *
	 * @var CacheConnection
	 */
	private CacheConnection $connection;

	/**
	 * Builds the notice.
	 *
	 * @param CacheConnection $connection The cache connection.
	 */
	public function __construct( CacheConnection $connection ) {
		$this->connection = $connection;
	}

	/**
	 * Shows the notice on admin screens.
	 */
	public function init(): void {
		add_action( 'admin_notices', array( $this, 'show' ) );
	}

	/**
	 * Prints the notice when the cache is unavailable.
	 */
	public function show(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$status = $this->connection->status();
		if ( $status->is_ok() ) {
			return;
		}
		// phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- markup() escapes every part.
		echo $this->markup( $status, $this->connection->path() );
	}

	/**
	 * The notice's HTML.
	 *
	 * @param CacheStatus $status Why the cache is unavailable.
	 * @param string      $path   The cache file path (shown to administrators only).
	 */
	public function markup( CacheStatus $status, string $path ): string {
		return sprintf(
			'<div class="notice notice-%1$s afflux-cache-notice"><p><strong>%2$s</strong> %3$s</p><p>%4$s</p><p>%5$s</p></div>',
			CacheStatus::LOCKED === $status->state ? 'warning' : 'error',
			esc_html__( 'Afflux cannot read its product cache.', 'afflux' ),
			esc_html( $status->reason ),
			esc_html( $status->advice() ),
			esc_html(
				sprintf(
					/* translators: %s: absolute path of the cache file on the server. */
					__( 'Cache file: %s. Until this is fixed, product cards show the link saved in the post, without price.', 'afflux' ),
					$path
				)
			)
		);
	}
}
