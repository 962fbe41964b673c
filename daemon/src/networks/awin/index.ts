import { createHash } from 'node:crypto';
import { ZodError } from 'zod';

import { FeedFormatError, readCsvFeed } from '../../feeds/readCsvFeed';
import { PermanentError, toNetworkError } from '../../http/errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import { sharedRateLimiter, type RateLimiter } from '../../http/rateLimiter';
import type { RetryOptions } from '../../http/retry';
import { describeZodError } from '../../http/zodErrors';
import { silentLogger, type Logger } from '../../logger';
import {
	MoneyFormatError,
	parseMinorUnits,
	percentToBasisPoints,
} from '../../money';
import type {
	Availability,
	CatalogueItem,
	CommissionType,
	LinkTemplate,
	NetworkAdapter,
	ProgrammeTerms,
	RateLimitSpec,
	RawFieldColumns,
	StreamCatalogueOptions,
} from '../types';
import { AWIN_TRANSACTION_WINDOW, fetchAwinTransactions } from './transactions';
import {
	AWIN_FEED_COLUMNS,
	AwinLinkBatchResponseSchema,
	AwinLinkResponseSchema,
	AwinProgrammeDetailsSchema,
	AwinProgrammesSchema,
	AwinTransactionsSchema,
	type AwinLinkRequest,
	type AwinLinkResponse,
	type AwinProgramme,
	type AwinProgrammeDetails,
	type AwinTransaction,
} from './schema';

export const AWIN = 'awin';
const DISPLAY_NAME = 'Awin';

/** 20 calls a minute per user, shared by every account of that user; 429 without headers. */
export const AWIN_RATE_LIMIT: RateLimitSpec = {
	limit: 20,
	windowMs: 60_000,
	scope: 'user',
};
/** Awin refuses transaction windows longer than 31 days. */
export const AWIN_MAX_TRANSACTION_WINDOW_DAYS = 31;

export const AWIN_DEFAULT_API_BASE = 'https://api.awin.com';
export const AWIN_DEFAULT_FEED_BASE = 'https://productdata.awin.com';
export const AWIN_DEFAULT_TRACKING_BASE = 'https://www.awin1.com';

export interface AwinAccount {
	publisherId: string;
	apiToken: string;
	feedKey?: string;
	feedIds: string[];
	apiBase: string;
	feedBase: string;
	trackingBase: string;
	/** Ask the feed server for gzip (it is detected on arrival either way). */
	feedGzip?: boolean;
	countryCode?: string;
}

export interface AwinClients {
	api: HttpClient;
	feed: HttpClient;
}

export interface AwinClientOptions {
	log?: Logger;
	rateLimiter?: RateLimiter;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
}

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

// The API client is rate limited per user (keyed by a hash of the token, which identifies the
// user); feed downloads go to another host with their own key and are not counted.
export function createAwinClients(
	account: AwinAccount,
	options: AwinClientOptions = {}
): AwinClients {
	const userKey = createHash( 'sha256' )
		.update( account.apiToken )
		.digest( 'hex' )
		.slice( 0, 16 );
	const rateLimiter =
		options.rateLimiter ??
		sharedRateLimiter( `awin:${ userKey }`, AWIN_RATE_LIMIT );
	const api = createHttpClient( {
		network: DISPLAY_NAME,
		baseURL: trimSlash( account.apiBase ),
		headers: {
			Authorization: `Bearer ${ account.apiToken }`,
			Accept: 'application/json',
		},
		rateLimiter,
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		log: options.log,
	} );
	const feed = createHttpClient( {
		network: DISPLAY_NAME,
		retry: options.retry,
		timeoutMs: options.timeoutMs ?? 120_000,
		log: options.log,
	} );
	return { api, feed };
}

function publisherPath( account: AwinAccount, rest: string ): string {
	return `/publishers/${ encodeURIComponent(
		account.publisherId
	) }/${ rest }`;
}

export function listJoinedProgrammes(
	api: HttpClient,
	account: AwinAccount,
	signal?: AbortSignal
): Promise< AwinProgramme[] > {
	return api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /publishers/{id}/programmes',
			url: publisherPath( account, 'programmes' ),
			params: {
				relationship: 'joined',
				countryCode: account.countryCode ?? 'FR',
			},
			signal,
		},
		AwinProgrammesSchema
	);
}

export function getProgrammeDetails(
	api: HttpClient,
	account: AwinAccount,
	advertiserId: number,
	signal?: AbortSignal
): Promise< AwinProgrammeDetails > {
	return api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /publishers/{id}/programmedetails',
			url: publisherPath( account, 'programmedetails' ),
			params: { advertiserId: String( advertiserId ) },
			signal,
		},
		AwinProgrammeDetailsSchema
	);
}

function domainNames(
	domains: Array< string | { domain: string } > | null | undefined
): string[] {
	const names = ( domains ?? [] ).map( ( entry ) =>
		( typeof entry === 'string' ? entry : entry.domain )
			.trim()
			.toLowerCase()
	);
	return [ ...new Set( names.filter( ( name ) => name !== '' ) ) ];
}

interface CommissionTerms {
	commissionType: CommissionType | null;
	commissionMin: number | null;
	commissionMax: number | null;
}

// Collapses Awin's commission groups into one range. Mixed types cannot share a range; the
// percentage groups win then, as the ones a blogger compares across programmes.
export function normaliseCommissionRange(
	ranges: AwinProgrammeDetails[ 'commissionRange' ],
	currency: string | null
): CommissionTerms {
	const all = ranges ?? [];
	if ( all.length === 0 ) {
		return {
			commissionType: null,
			commissionMin: null,
			commissionMax: null,
		};
	}
	const percentages = all.filter( ( range ) => range.type === 'percentage' );
	const chosen = percentages.length > 0 ? percentages : all;
	const commissionType: CommissionType =
		percentages.length > 0 ? 'percentage' : 'fixed';
	if ( commissionType === 'fixed' && ! currency ) {
		return {
			commissionType: null,
			commissionMin: null,
			commissionMax: null,
		};
	}
	const scale = ( value: number ): number =>
		commissionType === 'percentage'
			? percentToBasisPoints( value )
			: parseMinorUnits( value, currency ?? '' ) ?? 0;
	return {
		commissionType,
		commissionMin: Math.min(
			...chosen.map( ( range ) => scale( range.min ) )
		),
		commissionMax: Math.max(
			...chosen.map( ( range ) => scale( range.max ) )
		),
	};
}

export function normaliseProgrammeTerms(
	programme: AwinProgramme,
	details: AwinProgrammeDetails
): ProgrammeTerms {
	const info = details.programmeInfo;
	const currency = info.currencyCode ?? programme.currencyCode ?? null;
	const kpi = details.kpi ?? {};
	return {
		programmeId: String( programme.id ),
		name: info.name || programme.name,
		currency,
		deeplinkEnabled: info.deeplinkEnabled,
		validDomains: domainNames(
			info.validDomains ?? programme.validDomains
		),
		...normaliseCommissionRange( details.commissionRange, currency ),
		cookieDays: info.cookieLength ?? null,
		validationDays: kpi.validationDays ?? null,
		approvalRateBp:
			kpi.approvalPercentage === null ||
			kpi.approvalPercentage === undefined
				? null
				: percentToBasisPoints( kpi.approvalPercentage ),
		epcMinor:
			currency && kpi.epc !== null && kpi.epc !== undefined
				? parseMinorUnits( kpi.epc, currency )
				: null,
		raw: { programme, details },
	};
}

// Joined programmes and their terms: one list call plus one details call per programme.
export async function listProgrammeTerms(
	api: HttpClient,
	account: AwinAccount,
	signal?: AbortSignal
): Promise< ProgrammeTerms[] > {
	const programmes = await listJoinedProgrammes( api, account, signal );
	const terms: ProgrammeTerms[] = [];
	// Sequential on purpose: the rate limiter spaces the calls anyway, and order stays stable.
	for ( const programme of programmes ) {
		const details = await getProgrammeDetails(
			api,
			account,
			programme.id,
			signal
		);
		terms.push( normaliseProgrammeTerms( programme, details ) );
	}
	return terms;
}

// Awin's documented tracking link. {sub_id} and {landing_url} stay literal: the plugin fills
// them per placement (links/fillTemplate.ts and its PHP twin).
export function buildAwinLinkTemplate(
	account: Pick< AwinAccount, 'publisherId' | 'trackingBase' >,
	advertiserId: string
): LinkTemplate {
	const base = trimSlash( account.trackingBase );
	return {
		programmeId: advertiserId,
		template: `${ base }/cread.php?awinmid=${ encodeURIComponent(
			advertiserId
		) }&awinaffid=${ encodeURIComponent(
			account.publisherId
		) }&clickref={sub_id}&ued={landing_url}`,
		trackingHost: new URL( base ).hostname,
	};
}

export function awinFeedUrl( account: AwinAccount ): string {
	if ( ! account.feedKey ) {
		throw new Error( 'Awin feedKey is not configured' );
	}
	const compression = account.feedGzip === false ? '' : 'compression/gzip/';
	return `${ trimSlash(
		account.feedBase
	) }/datafeed/download/apikey/${ encodeURIComponent(
		account.feedKey
	) }/language/any/fid/${ account.feedIds
		.map( encodeURIComponent )
		.join( ',' ) }/columns/${ AWIN_FEED_COLUMNS.join(
		','
	) }/format/csv/delimiter/%2C/${ compression }`;
}

const IN_STOCK = new Set( [ '1', 'yes', 'y', 'true', 'in stock', 'in_stock' ] );
const OUT_OF_STOCK = new Set( [
	'0',
	'no',
	'n',
	'false',
	'out of stock',
	'out_of_stock',
] );

export function parseAvailability( value: string ): Availability {
	const normalised = value.trim().toLowerCase();
	if ( IN_STOCK.has( normalised ) ) {
		return 'in_stock';
	}
	if ( OUT_OF_STOCK.has( normalised ) ) {
		return 'out_of_stock';
	}
	return 'unknown';
}

export class FeedRowError extends Error {
	constructor( message: string ) {
		super( message );
		this.name = 'FeedRowError';
	}
}

function money(
	row: Record< string, string >,
	column: string,
	currency: string
): number | null {
	try {
		return parseMinorUnits( row[ column ], currency );
	} catch ( error ) {
		if ( error instanceof MoneyFormatError ) {
			throw new FeedRowError( `${ column }: ${ error.message }` );
		}
		throw error;
	}
}

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

// The per-row checks of AwinFeedRowSchema, by hand: zod costs ~9 µs a row, a third of the whole
// ingest budget, and the header is already checked once for the columns. Same rules, same
// messages ("column: reason"), so a bad row still names its field.
function checkedText( row: Record< string, string >, column: string ): string {
	const value = row[ column ];
	if ( value === undefined ) {
		throw new FeedRowError( `${ column }: Required` );
	}
	return value;
}

function requiredText( row: Record< string, string >, column: string ): string {
	const value = checkedText( row, column ).trim();
	if ( value === '' ) {
		throw new FeedRowError( `${ column }: must not be empty` );
	}
	return value;
}

function urlText( row: Record< string, string >, column: string ): string {
	const value = checkedText( row, column );
	if ( ! URL.canParse( value ) ) {
		throw new FeedRowError( `${ column }: Invalid url` );
	}
	return value;
}

// The feed columns a cache column holds as is, so raw_json need not repeat them (they are more
// than half of a row's bytes). A value the mapping changed (trimmed, or a fallback image) stays
// in raw_json: the writer compares before it leaves a field out.
export const AWIN_RAW_IN_COLUMNS: RawFieldColumns = {
	aw_product_id: 'products.product_key',
	merchant_id: 'products.programme_id',
	product_name: 'products.title',
	description: 'products.description',
	brand_name: 'products.brand',
	merchant_category: 'products.category',
	aw_image_url: 'products.image_url',
	merchant_name: 'offers.merchant_name',
	merchant_deep_link: 'offers.landing_url',
	aw_deep_link: 'offers.tracking_url',
};

// One feed row → one product with one offer. Throws FeedRowError naming the bad column.
export function parseAwinFeedRow(
	input: Record< string, string >
): CatalogueItem {
	const trackingUrl = urlText( input, 'aw_deep_link' );
	const title = requiredText( input, 'product_name' );
	const productKey = requiredText( input, 'aw_product_id' );
	const currencyCode = checkedText( input, 'currency' ).trim();
	if ( ! CURRENCY_CODE.test( currencyCode ) ) {
		throw new FeedRowError( 'currency: must be an ISO 4217 code' );
	}
	const merchantId = requiredText( input, 'merchant_id' );
	const landingUrl = urlText( input, 'merchant_deep_link' );
	const text = ( column: string ): string => input[ column ] ?? '';
	const currency = currencyCode.toUpperCase();
	const price =
		money( input, 'search_price', currency ) ??
		money( input, 'store_price', currency );
	return {
		productKey,
		programmeId: merchantId,
		title,
		description: text( 'description' ),
		brand: text( 'brand_name' ),
		category: text( 'merchant_category' ),
		// Awin's copy of the image is served from its CDN, more reliably than the merchant's.
		imageUrl: text( 'aw_image_url' ) || text( 'merchant_image_url' ),
		gtin: text( 'product_GTIN' ).trim() || text( 'ean' ).trim() || null,
		mpn: null,
		offers: [
			{
				offerKey: '',
				merchantId,
				merchantName: text( 'merchant_name' ),
				landingUrl,
				trackingUrl,
				priceMinor: price,
				rrpMinor: money( input, 'rrp_price', currency ),
				currency,
				deliveryMinor: money( input, 'delivery_cost', currency ),
				availability: parseAvailability( text( 'in_stock' ) ),
				promoCode: null,
			},
		],
		raw: input,
		rawInColumns: AWIN_RAW_IN_COLUMNS,
	};
}

const FEED_ENDPOINT = 'GET /datafeed/download/{feedKey}';

// Streams the configured feeds as normalised items with flat memory. A bad row is reported
// and skipped (one broken product must not cost the other million); a feed whose header
// lacks our columns, or a body cut short, fails the whole stream.
export async function* streamAwinCatalogue(
	feedClient: HttpClient,
	account: AwinAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	const details = { network: DISPLAY_NAME, endpoint: FEED_ENDPOINT };
	const body = await feedClient.openStream( {
		method: 'GET',
		endpoint: FEED_ENDPOINT,
		url: awinFeedUrl( account ),
		signal: options.signal,
	} );
	let rowNumber = 0;
	try {
		for await ( const record of readCsvFeed( body, {
			requiredColumns: [ 'aw_product_id', 'product_name', 'merchant_id' ],
		} ) ) {
			rowNumber++;
			let item: CatalogueItem;
			try {
				item = parseAwinFeedRow( record );
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

// Transactions of one window (≤ 31 days, Awin's limit); dates as yyyy-MM-ddThh:mm:ss UTC.
export function listAwinTransactions(
	api: HttpClient,
	account: AwinAccount,
	window: {
		start: Date;
		end: Date;
		dateType?: 'transaction' | 'validation' | 'amendment';
	},
	signal?: AbortSignal
): Promise< AwinTransaction[] > {
	const days = ( window.end.getTime() - window.start.getTime() ) / 86_400_000;
	if ( days > AWIN_MAX_TRANSACTION_WINDOW_DAYS || days < 0 ) {
		throw new RangeError(
			`Awin transaction windows must be 0 to ${ AWIN_MAX_TRANSACTION_WINDOW_DAYS } days long`
		);
	}
	const format = ( date: Date ): string =>
		date.toISOString().replace( /\.\d{3}Z$/, '' );
	return api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /publishers/{id}/transactions/',
			url: publisherPath( account, 'transactions/' ),
			params: {
				startDate: format( window.start ),
				endDate: format( window.end ),
				timezone: 'UTC',
				dateType: window.dateType ?? 'transaction',
			},
			signal,
		},
		AwinTransactionsSchema
	);
}

export function generateAwinLink(
	api: HttpClient,
	account: AwinAccount,
	request: AwinLinkRequest,
	signal?: AbortSignal
): Promise< AwinLinkResponse > {
	return api.requestJson(
		{
			method: 'POST',
			endpoint: 'POST /publishers/{id}/linkbuilder/generate',
			url: publisherPath( account, 'linkbuilder/generate' ),
			body: request,
			signal,
		},
		AwinLinkResponseSchema
	);
}

// Up to 100 links in one call; each answer is validated like a single generate.
export async function generateAwinLinks(
	api: HttpClient,
	account: AwinAccount,
	requests: AwinLinkRequest[],
	signal?: AbortSignal
): Promise< Array< AwinLinkResponse | { status: number; error: unknown } > > {
	const endpoint = 'POST /publishers/{id}/linkbuilder/generate-batch';
	const batch = await api.requestJson(
		{
			method: 'POST',
			endpoint,
			url: publisherPath( account, 'linkbuilder/generate-batch' ),
			body: { requests },
			signal,
		},
		AwinLinkBatchResponseSchema
	);
	return batch.responses.map( ( response, index ) => {
		if ( response.status >= 400 ) {
			return { status: response.status, error: response.body };
		}
		const link = AwinLinkResponseSchema.safeParse( response.body );
		if ( ! link.success ) {
			throw new PermanentError(
				`response does not match the expected schema: responses[${ index }].body.${ describeZodError(
					link.error
				) }`,
				{ network: DISPLAY_NAME, endpoint }
			);
		}
		return link.data;
	} );
}

export function createAwinAdapter(
	account: AwinAccount,
	options: AwinClientOptions & { clients?: AwinClients } = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const clients = options.clients ?? createAwinClients( account, options );
	return {
		network: AWIN,
		accountId: account.publisherId,
		rateLimit: AWIN_RATE_LIMIT,
		transactionWindow: AWIN_TRANSACTION_WINDOW,
		fetchTransactions: ( window, signal ) =>
			fetchAwinTransactions(
				( awinWindow, listSignal ) =>
					listAwinTransactions(
						clients.api,
						account,
						awinWindow,
						listSignal
					),
				window,
				signal
			),
		listProgrammes: ( signal ) =>
			listProgrammeTerms( clients.api, account, signal ),
		listProgrammeIds: async ( signal ) =>
			( await listJoinedProgrammes( clients.api, account, signal ) ).map(
				( programme ) => String( programme.id )
			),
		buildLinkTemplate: ( programmeId ) =>
			buildAwinLinkTemplate( account, programmeId ),
		hasCatalogue: () =>
			Boolean( account.feedKey ) && account.feedIds.length > 0,
		streamCatalogue: ( streamOptions = {} ) =>
			streamAwinCatalogue( clients.feed, account, {
				...streamOptions,
				onRejectedRow:
					streamOptions.onRejectedRow ??
					( ( rejected ) =>
						log.warn( 'skipped a feed row', {
							network: AWIN,
							...rejected,
						} ) ),
			} ),
	};
}
