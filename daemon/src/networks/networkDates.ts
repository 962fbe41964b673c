import { toIsoUtc } from '../store/timestamps';

/**
 * Networks write dates in their own ways: ISO 8601 with an offset (Impact, CJ), a local wall
 * time without one (Effiliation: Paris time), unix seconds (TikTok). Everything becomes the
 * cache's ISO 8601 UTC; anything unreadable is an error naming the value, never a guess.
 */

export class NetworkDateError extends Error {
	constructor( value: string ) {
		super( `not a date: ${ JSON.stringify( value.slice( 0, 40 ) ) }` );
		this.name = 'NetworkDateError';
	}
}

const WALL_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const FRENCH_WALL_TIME =
	/^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

// Minutes `timeZone` is ahead of UTC at the instant `utcMs`.
function zoneOffsetMinutes( utcMs: number, timeZone: string ): number {
	const parts = new Intl.DateTimeFormat( 'en-GB', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	} ).formatToParts( new Date( utcMs ) );
	const get = ( type: string ): number =>
		Number( parts.find( ( part ) => part.type === type )?.value );
	const asUtc = Date.UTC(
		get( 'year' ),
		get( 'month' ) - 1,
		get( 'day' ),
		get( 'hour' ),
		get( 'minute' ),
		get( 'second' )
	);
	return Math.round( ( asUtc - utcMs ) / 60_000 );
}

// A wall time in `timeZone` as a UTC instant (two passes settle the DST edge).
function wallTimeToUtc(
	fields: [ number, number, number, number, number, number ],
	timeZone: string
): number {
	const [ year, month, day, hour, minute, second ] = fields;
	const naive = Date.UTC( year, month - 1, day, hour, minute, second );
	let utc = naive - zoneOffsetMinutes( naive, timeZone ) * 60_000;
	utc = naive - zoneOffsetMinutes( utc, timeZone ) * 60_000;
	return utc;
}

/**
 * ISO 8601 UTC from a network's date. Values with an offset or `Z` are exact; wall times
 * ("2026-10-05 14:32:10", "05/10/2026 14:32") are read in `timeZone` (default UTC).
 */
export function isoFromNetworkDate( value: string, timeZone = 'UTC' ): string {
	const text = value.trim();
	const wall = WALL_TIME.exec( text );
	const french = wall ? null : FRENCH_WALL_TIME.exec( text );
	if ( wall || french ) {
		const match = ( wall ?? french ) as RegExpExecArray;
		const [ year, month, day ] = wall
			? [ match[ 1 ], match[ 2 ], match[ 3 ] ]
			: [ match[ 3 ], match[ 2 ], match[ 1 ] ];
		const fields = [
			year,
			month,
			day,
			match[ 4 ],
			match[ 5 ],
			match[ 6 ],
		].map( ( part ) => Number( part ?? 0 ) ) as [
			number,
			number,
			number,
			number,
			number,
			number,
		];
		const utc = wallTimeToUtc( fields, timeZone );
		if ( Number.isNaN( utc ) || fields[ 1 ] > 12 || fields[ 2 ] > 31 ) {
			throw new NetworkDateError( value );
		}
		return toIsoUtc( new Date( utc ) );
	}
	if ( ! /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test( text ) ) {
		throw new NetworkDateError( value );
	}
	const parsed = Date.parse( text );
	if ( Number.isNaN( parsed ) ) {
		throw new NetworkDateError( value );
	}
	return toIsoUtc( new Date( parsed ) );
}

/** ISO 8601 UTC from unix seconds (a number or a numeric string). */
export function isoFromUnixSeconds( value: number | string ): string {
	const seconds = typeof value === 'string' ? Number( value ) : value;
	if ( ! Number.isInteger( seconds ) || seconds < 0 ) {
		throw new NetworkDateError( String( value ) );
	}
	return toIsoUtc( new Date( seconds * 1000 ) );
}

/** Same as isoFromNetworkDate, null for an empty or missing value. */
export function optionalIso(
	value: string | null | undefined,
	timeZone = 'UTC'
): string | null {
	return value === null || value === undefined || value.trim() === ''
		? null
		: isoFromNetworkDate( value, timeZone );
}
