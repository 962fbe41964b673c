import type { Readable } from 'node:stream';
import { ZodError } from 'zod';

import { FeedFormatError, readCsvFeed } from '../../feeds/readCsvFeed';
import { FeedTruncatedError, readXmlFeed } from '../../feeds/readXmlFeed';
import {
	PermanentError,
	TransientError,
	toNetworkError,
} from '../../http/errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { RetryOptions } from '../../http/retry';
import { describeZodError } from '../../http/zodErrors';
import { silentLogger, type Logger } from '../../logger';
import { MoneyFormatError, parsePriceWithCurrency } from '../../money';
import { FeedRowError } from '../awin';
import type {
	Availability,
	CatalogueItem,
	LinkTemplate,
	NetworkAdapter,
	ProgrammeTerms,
	StreamCatalogueOptions,
} from '../types';
import { withUnpublishedTerms } from '../unpublishedTerms';
import { GoogleMerchantRowSchema } from './schema';

export const GOOGLE_FEED = 'googleFeed';
const DISPLAY_NAME = 'Google Merchant feed';

export type GoogleFeedFormat = 'csv' | 'tsv' | 'xml';

/** Who sells the products of one feed: the feed itself does not say. */
export interface GoogleFeedSource {
	programmeId: string;
	merchantName: string;
}

export interface GoogleFeedSpec extends GoogleFeedSource {
	url: string;
	format: GoogleFeedFormat;
	/** The network's tracking link with {sub_id} and {landing_url}; none: no link template. */
	linkTemplate?: string;
}

export interface GoogleFeedAccount {
	feeds: GoogleFeedSpec[];
}

// Google's `price` carries its currency; a row whose price and sale_price disagree on it is
// refused rather than mixed.
function priceOf(
	column: string,
	value: string
): { minor: number; currency: string } | null {
	try {
		return parsePriceWithCurrency( value );
	} catch ( error ) {
		if ( error instanceof MoneyFormatError ) {
			throw new FeedRowError(
				`${ column }: ${ error.message } (expected "15.00 EUR")`
			);
		}
		throw error;
	}
}

function availabilityOf( value: string ): Availability {
	if ( value === 'available_for_order' ) {
		return 'preorder';
	}
	return value === '' ? 'unknown' : ( value as Availability );
}

// One Google Merchant row → one product with one offer. Throws FeedRowError naming the field.
export function parseGoogleMerchantRow(
	input: Record< string, string >,
	source: GoogleFeedSource
): CatalogueItem {
	const parsed = GoogleMerchantRowSchema.safeParse( input );
	if ( ! parsed.success ) {
		throw new FeedRowError( describeZodError( parsed.error ) );
	}
	const row = parsed.data;
	const price = priceOf( 'price', row.price );
	const sale = priceOf( 'sale_price', row.sale_price );
	if ( price === null ) {
		throw new FeedRowError( 'price: must not be empty' );
	}
	if ( sale && sale.currency !== price.currency ) {
		throw new FeedRowError(
			`sale_price: currency ${ sale.currency } differs from price's ${ price.currency }`
		);
	}
	return {
		productKey: row.id.trim(),
		programmeId: source.programmeId,
		title: row.title.trim(),
		description: row.description,
		brand: row.brand,
		category: row.product_type || row.google_product_category,
		imageUrl: row.image_link,
		gtin: row.gtin.trim() || null,
		mpn: row.mpn.trim() || null,
		offers: [
			{
				offerKey: '',
				merchantId: source.programmeId,
				merchantName: source.merchantName,
				landingUrl: row.link,
				trackingUrl: null,
				priceMinor: sale ? sale.minor : price.minor,
				rrpMinor: sale ? price.minor : null,
				currency: price.currency,
				deliveryMinor: null,
				availability: availabilityOf( row.availability ),
				promoCode: null,
			},
		],
		raw: input,
	};
}

// The raw rows of a feed body, whatever its format (gzip is sniffed by the readers).
export function readGoogleMerchantRows(
	body: Readable,
	format: GoogleFeedFormat
): AsyncGenerator< Record< string, string > > {
	if ( format === 'xml' ) {
		return readXmlFeed( body );
	}
	return readCsvFeed( body, {
		delimiter: format === 'tsv' ? '\t' : ',',
		requiredColumns: [ 'id', 'title', 'link', 'price' ],
	} );
}

export interface GoogleFeedStreamContext {
	/** Display name for errors: the network whose feed this is. */
	network: string;
	endpoint: string;
}

// Streams one Google Merchant feed as normalised items with flat memory. A bad row is reported
// and skipped; a feed that is not CSV/XML, lacks the columns or is cut short fails the stream.
export async function* streamGoogleMerchantFeed(
	body: Readable,
	format: GoogleFeedFormat,
	source: GoogleFeedSource,
	context: GoogleFeedStreamContext,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	const details = { network: context.network, endpoint: context.endpoint };
	let rowNumber = 0;
	try {
		for await ( const record of readGoogleMerchantRows( body, format ) ) {
			rowNumber++;
			let item: CatalogueItem;
			try {
				item = parseGoogleMerchantRow( record, source );
			} catch ( error ) {
				if ( ! ( error instanceof FeedRowError ) ) {
					throw error;
				}
				options.onRejectedRow?.( {
					row: rowNumber,
					reason: error.message,
				} );
				continue;
			}
			yield item;
		}
	} catch ( error ) {
		if ( options.signal?.aborted ) {
			throw error;
		}
		if ( error instanceof FeedTruncatedError ) {
			throw new TransientError( error.message, details );
		}
		if ( error instanceof FeedFormatError ) {
			throw new PermanentError( error.message, details );
		}
		if ( error instanceof ZodError ) {
			throw new PermanentError( describeZodError( error ), details );
		}
		const code = ( error as { code?: unknown } ).code;
		if ( typeof code === 'string' && code.startsWith( 'CSV_' ) ) {
			throw new PermanentError(
				`feed is not valid CSV near data row ${
					rowNumber + 1
				} (${ code })`,
				details
			);
		}
		throw toNetworkError( error, details );
	}
}

export interface GoogleFeedClientOptions {
	log?: Logger;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	client?: HttpClient;
}

const FEED_ENDPOINT = 'GET {feed url}';

export function createGoogleFeedAdapter(
	account: GoogleFeedAccount,
	options: GoogleFeedClientOptions = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const client =
		options.client ??
		createHttpClient( {
			network: DISPLAY_NAME,
			retry: options.retry,
			timeoutMs: options.timeoutMs ?? 120_000,
			log,
		} );
	const byProgramme = new Map(
		account.feeds.map( ( feed ) => [ feed.programmeId, feed ] )
	);

	async function* streamAll(
		streamOptions: StreamCatalogueOptions
	): AsyncGenerator< CatalogueItem > {
		for ( const feed of account.feeds ) {
			const body = await client.openStream( {
				method: 'GET',
				endpoint: FEED_ENDPOINT,
				url: feed.url,
				signal: streamOptions.signal,
			} );
			yield* streamGoogleMerchantFeed(
				body,
				feed.format,
				feed,
				{ network: DISPLAY_NAME, endpoint: FEED_ENDPOINT },
				{
					...streamOptions,
					onRejectedRow:
						streamOptions.onRejectedRow ??
						( ( rejected ) =>
							log.warn( 'skipped a feed row', {
								network: GOOGLE_FEED,
								programmeId: feed.programmeId,
								...rejected,
							} ) ),
				}
			);
		}
	}

	return {
		network: GOOGLE_FEED,
		listProgrammes: async (): Promise< ProgrammeTerms[] > =>
			account.feeds.map( ( feed ) =>
				withUnpublishedTerms( {
					programmeId: feed.programmeId,
					name: feed.merchantName,
					currency: null,
					deeplinkEnabled: feed.linkTemplate !== undefined,
					raw: { programmeId: feed.programmeId },
				} )
			),
		listProgrammeIds: async () =>
			account.feeds
				.filter( ( feed ) => feed.linkTemplate !== undefined )
				.map( ( feed ) => feed.programmeId ),
		buildLinkTemplate: ( programmeId ): LinkTemplate => {
			const template = byProgramme.get( programmeId )?.linkTemplate;
			if ( template === undefined ) {
				throw new RangeError(
					`Google Merchant feed ${ programmeId } has no link template configured`
				);
			}
			return {
				programmeId,
				template,
				trackingHost: new URL(
					template
						.split( '{sub_id}' )
						.join( 'x' )
						.split( '{landing_url}' )
						.join( 'x' )
				).hostname,
			};
		},
		hasCatalogue: () => account.feeds.length > 0,
		streamCatalogue: ( streamOptions = {} ) => streamAll( streamOptions ),
	};
}
