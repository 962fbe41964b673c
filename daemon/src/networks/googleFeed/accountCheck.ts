import { FeedFormatError } from '../../feeds/readCsvFeed';
import { PermanentError, toNetworkError } from '../../http/errors';
import { createHttpClient } from '../../http/httpClient';
import {
	doctorClientOptions,
	explainCheckFailure,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import {
	readGoogleMerchantRows,
	type GoogleFeedAccount,
	type GoogleFeedSpec,
} from './index';

/** The fields a product needs; a CSV header or the first XML item must have them all. */
const REQUIRED_FIELDS = [ 'id', 'title', 'link', 'price' ];
const ENDPOINT = 'GET {feed url}';

// Per feed: the URL answers, and its header (CSV/TSV) or first item (XML) has the required
// fields. The body is dropped after the first row, so even a huge feed costs one short read.
async function checkFeed(
	feed: GoogleFeedSpec,
	options: AccountCheckOptions
): Promise< AccountCheck > {
	const check = `feed ${ feed.programmeId }`;
	const clientOptions = doctorClientOptions( options );
	const client = createHttpClient( {
		network: 'Google Merchant feed',
		...clientOptions,
	} );
	try {
		const body = await client.openStream( {
			method: 'GET',
			endpoint: ENDPOINT,
			url: feed.url,
			signal: options.signal,
		} );
		const rows = readGoogleMerchantRows( body, feed.format );
		try {
			const first = await rows.next();
			if ( first.done ) {
				return {
					check,
					ok: false,
					message: `${ feed.merchantName }'s feed answers but holds no product.`,
				};
			}
			const missing = REQUIRED_FIELDS.filter(
				( field ) => ! ( first.value[ field ] ?? '' ).trim()
			);
			if ( missing.length > 0 ) {
				throw new FeedFormatError(
					`the first item lacks ${ missing.join( ', ' ) }`
				);
			}
		} finally {
			await rows.return( undefined );
			body.destroy();
		}
		return {
			check,
			ok: true,
			message: `${
				feed.merchantName
			}'s feed answers; ${ REQUIRED_FIELDS.join( ', ' ) } are there.`,
		};
	} catch ( error ) {
		if ( error instanceof FeedFormatError ) {
			return {
				check,
				ok: false,
				message: `${
					feed.merchantName
				}'s feed is not a Google Merchant ${ feed.format.toUpperCase() } feed: ${
					error.message
				}. Check the url and format of this feed in networks.googleFeed.feeds.`,
			};
		}
		return {
			check,
			ok: false,
			message: explainCheckFailure(
				error instanceof PermanentError
					? error
					: toNetworkError( error, {
							network: 'Google Merchant feed',
							endpoint: ENDPOINT,
					  } ),
				{
					network: `${ feed.merchantName }'s feed`,
					host: hostOf( feed.url ),
					hostField: `the url of feed ${ feed.programmeId } in networks.googleFeed.feeds`,
					unauthorised:
						'The feed URL needs credentials it does not carry: copy the full URL (with its key) from the network.',
					timeoutMs: clientOptions.timeoutMs,
				}
			),
		};
	}
}

export async function checkGoogleFeedAccount(
	account: GoogleFeedAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const checks: AccountCheck[] = [];
	for ( const feed of account.feeds ) {
		checks.push( await checkFeed( feed, options ) );
	}
	return checks;
}
