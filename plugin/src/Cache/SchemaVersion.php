<?php
/**
 * The cache schema version this plugin reads.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * The schema lives in daemon/src/store/migrations; this is the PRAGMA user_version it must have.
 */
final class SchemaVersion {

	/**
	 * The PRAGMA user_version of a cache this plugin can read.
	 */
	public const EXPECTED = 2;
}
