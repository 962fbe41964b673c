<?php
/**
 * The REST answer when the cache cannot be read.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Rest;

use Afflux\Cache\CacheStatus;

/**
 * Maps a cache status to 503 afflux_cache_unavailable with the reason in plain words, so every
 * cache-reading route fails the same way.
 */
final class CacheUnavailableError {

	/**
	 * A 503 error saying why the cache is unavailable, or null when it is readable.
	 *
	 * @param CacheStatus $status The cache's status after the read.
	 */
	public static function for_status( CacheStatus $status ): ?\WP_Error {
		if ( $status->is_ok() ) {
			return null;
		}
		return new \WP_Error( 'afflux_cache_unavailable', $status->reason, array( 'status' => 503 ) );
	}
}
