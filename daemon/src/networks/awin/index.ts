import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ZodError } from 'zod';

import { FeedFormatError, readCsvFeed } from '../../feeds/readCsvFeed';
import { PermanentError, toNetworkError } from '../../http/errors';
import {
	FeedWorkerError,
	parseCsvFeedInWorker,
} from '../../ingest/parseFeedInWorker';
import type { PreparedCatalogueBatch } from '../../ingest/storedCatalogueRow';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import { sharedRateLimiter, type RateLimiter } from '../../http/rateLimiter';
import type { RetryOptions } from '../../http/retry';
import { describeZodError } from '../../http/zodErrors';
import { silentLogger, type Logger } from '../../logger';
import { parseMinorUnits, percentToBasisPoints } from '../../money';
import type {
	CatalogueItem,
	CommissionType,
	LinkTemplate,
	NetworkAdapter,
	ProgrammeTerms,
	RateLimitSpec,
	StreamCatalogueOptions,
} from '../types';
import { AWIN_RAW_IN_COLUMNS, FeedRowError, parseAwinFeedRow } from './feedRow';
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
		throw new Error( 'Awin: networks.awin.feedKey is not configured' );
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

export {
	AWIN_RAW_IN_COLUMNS,
	FeedRowError,
	parseAvailability,
	parseAwinFeedRow,
} from './feedRow';

const FEED_ENDPOINT = 'GET /datafeed/download/{feedKey}';
const FEED_REQUIRED_COLUMNS = [
	'aw_product_id',
	'product_name',
	'merchant_id',
];

function openAwinFeed(
	feedClient: HttpClient,
	account: AwinAccount,
	options: StreamCatalogueOptions
): Promise< Readable > {
	return feedClient.openStream( {
		method: 'GET',
		endpoint: FEED_ENDPOINT,
		url: awinFeedUrl( account ),
		signal: options.signal,
	} );
}

// What a failed feed read means for the sync: a feed that is not what we read is permanent, a
// connection or body cut short is transient (retried next run).
function describeFeedFailure(
	error: unknown,
	rowNumber: number,
	options: StreamCatalogueOptions
): unknown {
	const details = { network: DISPLAY_NAME, endpoint: FEED_ENDPOINT };
	if ( options.signal?.aborted ) {
		return error;
	}
	if (
		error instanceof FeedFormatError ||
		error instanceof FeedWorkerError
	) {
		return new PermanentError( error.message, details );
	}
	if ( error instanceof ZodError ) {
		return new PermanentError( describeZodError( error ), details );
	}
	const code = ( error as { code?: unknown } ).code;
	if ( typeof code === 'string' && code.startsWith( 'CSV_' ) ) {
		return new PermanentError(
			`feed is not valid CSV near data row ${
				rowNumber + 1
			} (${ code })`,
			details
		);
	}
	return toNetworkError( error, details );
}

// Streams the configured feeds as normalised items with flat memory. A bad row is reported
// and skipped (one broken product must not cost the other million); a feed whose header
// lacks our columns, or a body cut short, fails the whole stream.
export async function* streamAwinCatalogue(
	feedClient: HttpClient,
	account: AwinAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	const body = await openAwinFeed( feedClient, account, options );
	let rowNumber = 0;
	try {
		for await ( const record of readCsvFeed( body, {
			requiredColumns: FEED_REQUIRED_COLUMNS,
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
		throw describeFeedFailure( error, rowNumber, options );
	}
}

// The same feed, parsed in a worker thread (gunzip, CSV, rows, hashes): what the sync uses.
// Same rows, same rejected rows, same errors as streamAwinCatalogue.
export async function* streamAwinCatalogueBatches(
	feedClient: HttpClient,
	account: AwinAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< PreparedCatalogueBatch > {
	const body = await openAwinFeed( feedClient, account, options );
	let rowNumber = 0;
	try {
		for await ( const batch of parseCsvFeedInWorker( body, {
			...options,
			parser: 'awin',
			requiredColumns: FEED_REQUIRED_COLUMNS,
			mappings: [ AWIN_RAW_IN_COLUMNS ],
		} ) ) {
			rowNumber += batch.size;
			yield batch;
		}
	} catch ( error ) {
		throw describeFeedFailure( error, rowNumber, options );
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
	const withRejectionLog = (
		streamOptions: StreamCatalogueOptions
	): StreamCatalogueOptions => ( {
		...streamOptions,
		onRejectedRow:
			streamOptions.onRejectedRow ??
			( ( rejected ) =>
				log.warn( 'skipped a feed row', {
					network: AWIN,
					...rejected,
				} ) ),
	} );
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
			streamAwinCatalogue(
				clients.feed,
				account,
				withRejectionLog( streamOptions )
			),
		streamCatalogueBatches: ( streamOptions = {} ) =>
			streamAwinCatalogueBatches(
				clients.feed,
				account,
				withRejectionLog( streamOptions )
			),
	};
}
