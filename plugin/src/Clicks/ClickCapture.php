<?php
/**
 * Records a click on the redirect path: to the spool, or straight to the database.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

use Afflux\Redirect\Destination;

/**
 * Shared by both redirect paths. The click row (ClickLog::row) goes to the local spool, with
 * the visitor key made from the day's salt file; when the spool folder cannot be written (a
 * read-only wp-content), the path's direct database writer records it instead, with the
 * database's salt, so a click is never dropped.
 */
final class ClickCapture {

	/**
	 * The day's salts.
	 *
	 * @var VisitorSalt
	 */
	private VisitorSalt $salts;

	/**
	 * Builds the capture.
	 *
	 * @param ClickSpool $spool  The spool.
	 * @param \Closure   $direct Writes one click to the database (ClickLog::record, PdoClickStore::record).
	 * @phpstan-param \Closure(Destination, ClickRequest, bool, int): bool $direct
	 */
	public function __construct( private readonly ClickSpool $spool, private readonly \Closure $direct ) {
		$this->salts = new VisitorSalt( $spool );
	}

	/**
	 * Records a click; false only when neither the spool nor the database took it (logged).
	 *
	 * @param Destination  $destination Where the reader was sent.
	 * @param ClickRequest $request     The request's facts.
	 * @param bool         $may_key     Whether a visitor key may be computed (consent).
	 * @param int|null     $now         Unix time, for tests.
	 */
	public function record( Destination $destination, ClickRequest $request, bool $may_key, ?int $now = null ): bool {
		$now   = $now ?? time();
		$keyed = $may_key && ! $request->is_bot && '' !== $request->ip;
		$salt  = $keyed ? $this->salts->for_day( gmdate( 'Y-m-d', $now ) ) : '';
		if ( ! $keyed || '' !== $salt ) {
			$key = $keyed ? VisitorKey::with_salt( $request->ip, $request->user_agent, $salt ) : '';
			if ( $this->spool->append( ClickLog::row( $destination, $request, $key, $now ) ) ) {
				return true;
			}
		}
		return ( $this->direct )( $destination, $request, $may_key, $now );
	}
}
