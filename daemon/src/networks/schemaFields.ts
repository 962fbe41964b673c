import { z } from 'zod';

import { isoFromNetworkDate } from './networkDates';

/**
 * Field checks the adapters' schemas share, so a value that would fail later (an amount, a
 * date) fails in the schema instead, with the field's path in the message.
 */

/** A decimal amount as text ("12.90", "-3", "12,90"); numbers are accepted as they come. */
export const decimalAmount = z.union( [
	z.number().finite(),
	z
		.string()
		.trim()
		.regex( /^[+-]?\d+(?:[.,]\d+)?$/, 'must be a decimal amount' ),
] );

/** An id that networks send as a number or a string; kept as a string. */
export const idString = z
	.union( [
		z.string().trim().min( 1, 'must not be empty' ),
		z.number().int(),
	] )
	.transform( String );

/** A date a network wrote, readable by isoFromNetworkDate in `timeZone`. */
export function networkDate( timeZone = 'UTC' ) {
	return z.string().refine( ( value ) => {
		try {
			isoFromNetworkDate( value, timeZone );
			return true;
		} catch {
			return false;
		}
	}, 'must be a date' );
}

/** An ISO 4217 code, upper-cased. */
export const currencyCode = z
	.string()
	.trim()
	.regex( /^[A-Za-z]{3}$/, 'must be an ISO 4217 code' )
	.transform( ( value ) => value.toUpperCase() );

// Some networks wrap a list in an object ({"transactions": […]}), some send it bare [unsure
// which]: the only array property of an object is taken; anything else fails as "not an array".
export function bareOrWrappedArray< T extends z.ZodTypeAny >( item: T ) {
	return z.preprocess( ( value ) => {
		if ( value && typeof value === 'object' && ! Array.isArray( value ) ) {
			const arrays = Object.values( value ).filter( Array.isArray );
			return arrays.length === 1 ? arrays[ 0 ] : value;
		}
		return value;
	}, z.array( item ) );
}
