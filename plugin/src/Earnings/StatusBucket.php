<?php
/**
 * The four balances a publisher reads: available, pending, declined, paid.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Earnings;

/**
 * Maps the cache's normalised statuses onto the balances of a network's dashboard.
 */
final class StatusBucket {

	public const AVAILABLE = 'available';
	public const PENDING   = 'pending';
	public const DECLINED  = 'declined';
	public const PAID      = 'paid';

	public const ALL = array( self::AVAILABLE, self::PENDING, self::DECLINED, self::PAID );

	/**
	 * The balance a transaction status counts in: approved but unpaid is available; on hold
	 * waits like pending; a reversal after approval is declined money.
	 *
	 * @param string $status A transactions.status value.
	 */
	public static function of( string $status ): string {
		return match ( $status ) {
			'approved'             => self::AVAILABLE,
			'paid'                 => self::PAID,
			'declined', 'reversed' => self::DECLINED,
			default                => self::PENDING,
		};
	}
}
