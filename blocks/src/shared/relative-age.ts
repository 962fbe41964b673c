/**
 * WordPress dependencies
 */
import { __, _n, sprintf } from '@wordpress/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago an ISO 8601 time was, in words: "5 minutes", "3 hours", "2 days". Empty when the
 * time cannot be read.
 *
 * @param iso When (ISO 8601, UTC).
 * @param now The current time in milliseconds.
 */
export function durationSince( iso: string, now: number ): string {
	const then = Date.parse( iso );
	if ( Number.isNaN( then ) ) {
		return '';
	}
	const elapsed = Math.max( 0, now - then );
	if ( elapsed < HOUR ) {
		const minutes = Math.max( 1, Math.round( elapsed / MINUTE ) );
		return sprintf(
			/* translators: %d: number of minutes. */
			_n( '%d minute', '%d minutes', minutes, 'afflux' ),
			minutes
		);
	}
	if ( elapsed < DAY ) {
		const hours = Math.round( elapsed / HOUR );
		/* translators: %d: number of hours. */
		return sprintf( _n( '%d hour', '%d hours', hours, 'afflux' ), hours );
	}
	const days = Math.round( elapsed / DAY );
	/* translators: %d: number of days. */
	return sprintf( _n( '%d day', '%d days', days, 'afflux' ), days );
}

/**
 * "checked 3 hours ago", or a plain "never checked" when the time is unknown.
 *
 * @param iso When the price was last known to be right.
 * @param now The current time in milliseconds.
 */
export function checkedAgo( iso: string, now: number ): string {
	const duration = durationSince( iso, now );
	if ( duration === '' ) {
		return __( 'check time unknown', 'afflux' );
	}
	/* translators: %s: how long ago, e.g. "3 hours". */
	return sprintf( __( 'checked %s ago', 'afflux' ), duration );
}
