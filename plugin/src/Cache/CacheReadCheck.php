<?php
/**
 * The settings screen's live check of a cache location, before it is saved.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * Opens a candidate path exactly as the plugin will (read-only, schema version checked) and says
 * whether it can be read, without letting the probe overwrite the status recorded for the
 * configured cache.
 */
final class CacheReadCheck {

	/**
	 * The verdict for a path, with a count of products when it can be read.
	 *
	 * @param string $path Candidate cache file.
	 * @return array{state: string, reason: string, advice: string, products: int|null}
	 */
	public function check( string $path ): array {
		$recorded   = get_option( CacheStatusLog::OPTION, null );
		$connection = new CacheConnection( $path, new CacheStatusLog() );
		$status     = $connection->status();
		$products   = null;
		$pdo        = $connection->pdo();
		if ( null !== $pdo ) {
			try {
				$statement = $pdo->query( 'SELECT COUNT(*) FROM products' );
				$products  = false === $statement ? null : (int) $statement->fetchColumn();
			} catch ( \Throwable $error ) {
				$status = $connection->fail( $error );
			}
		}
		// The probe is about a candidate; the configured cache's record stays as it was.
		if ( null === $recorded ) {
			delete_option( CacheStatusLog::OPTION );
		} else {
			update_option( CacheStatusLog::OPTION, $recorded, true );
		}
		return array(
			'state'    => $status->state,
			'reason'   => $status->reason,
			'advice'   => $status->advice(),
			'products' => $products,
		);
	}
}
