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
	 * Builds the capture.
	 *
	 * @param ClickSpool $spool  The spool.
	 * @param \Closure   $direct Writes one click to the database (ClickLog::record, PdoClickStore::record).
	 * @phpstan-param \Closure(Destination, ClickRequest, bool, int): bool $direct
	 */
	public function __construct( private readonly ClickSpool $spool, private readonly \Closure $direct ) {
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
		$now = $now ?? time();
		return self::spool( $this->spool, $destination, $request, $may_key, $now ) || ( $this->direct )( $destination, $request, $may_key, $now );
	}

	/**
	 * Appends a click to the spool, keyed with the day's salt file; false when the spool or the
	 * salt cannot be written (the caller then records it in the database). record()'s first
	 * step, and all that plugin/go.php's memo-hit lane (KeptLinkRedirect) needs on a click.
	 *
	 * @param ClickSpool   $spool       The spool.
	 * @param Destination  $destination Where the click was sent.
	 * @param ClickRequest $request     The request's facts.
	 * @param bool         $may_key     Whether a visitor key may be computed (consent).
	 * @param int          $now         Unix time of the click.
	 */
	public static function spool( ClickSpool $spool, Destination $destination, ClickRequest $request, bool $may_key, int $now ): bool {
		$key = '';
		if ( $may_key && ! $request->is_bot && '' !== $request->ip ) {
			$salt = ( new VisitorSalt( $spool ) )->for_day( gmdate( 'Y-m-d', $now ) );
			if ( '' === $salt ) {
				return false;
			}
			$key = VisitorKey::with_salt( $request->ip, $request->user_agent, $salt );
		}
		return $spool->append( ClickLog::row( $destination, $request, $key, $now ) );
	}
}
