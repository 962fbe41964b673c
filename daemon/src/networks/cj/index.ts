import { PermanentError } from '../../http/errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { RetryOptions } from '../../http/retry';
import { describeZodError } from '../../http/zodErrors';
import { silentLogger, type Logger } from '../../logger';
import { parseMinorUnits } from '../../money';
import { toIsoUtc } from '../../store/timestamps';
import { isoFromNetworkDate, optionalIso } from '../networkDates';
import type {
	Availability,
	CatalogueItem,
	LinkTemplate,
	NetworkAdapter,
	NormalisedTransaction,
	ProgrammeTerms,
	StreamCatalogueOptions,
	TransactionPage,
	TransactionStatus,
	TransactionWindow,
	TransactionWindowSpec,
} from '../types';
import { withUnpublishedTerms } from '../unpublishedTerms';
import {
	CjCommissionsAnswerSchema,
	CjProductSchema,
	CjProductsAnswerSchema,
	type CjActionStatus,
	type CjCommission,
	type CjProduct,
} from './schema';

export const CJ = 'cj';
const DISPLAY_NAME = 'CJ';

export const CJ_DEFAULT_COMMISSIONS_BASE = 'https://commissions.api.cj.com';
export const CJ_DEFAULT_PRODUCTS_BASE = 'https://ads.api.cj.com';
export const CJ_DEFAULT_TRACKING_BASE = 'https://www.anrdoezrs.net';

/**
 * Commissions by posting date in 31-day chunks [unsure], paged by sinceCommissionId until
 * payloadComplete. A status change (new → locked → closed) does not move the posting date, so
 * a month is re-read on every run; corrections arrive as new records and are seen anyway.
 */
export const CJ_TRANSACTION_WINDOW: TransactionWindowSpec = {
	maxDays: 31,
	paging: 'sinceId',
	trailingDays: 31,
};

/** Products per page ([unsure] CJ's maximum is not published in our sources). */
export const CJ_PRODUCTS_PAGE_SIZE = 500;

export interface CjAdvertiser {
	advertiserId: string;
	/** The ad (link) id of a deep-linkable text link of that advertiser: {AID} in click URLs. */
	adId: string;
	name?: string;
}

export interface CjAccount {
	/** Company id (CID): forPublishers and products' companyId. */
	companyId: string;
	/** Website id (PID): click URLs and linkCode(pid:). */
	websiteId: string;
	/** Personal access token. */
	accessToken: string;
	/** The account's functional currency: the *PubCurrency amounts are in it. */
	currency: string;
	advertisers: CjAdvertiser[];
	commissionsBase: string;
	productsBase: string;
	trackingBase: string;
}

export interface CjClients {
	commissions: HttpClient;
	products: HttpClient;
}

export interface CjClientOptions {
	log?: Logger;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	clients?: CjClients;
}

export const CJ_STATUS_MAP: Record< CjActionStatus, TransactionStatus > = {
	new: 'pending',
	extended: 'pending',
	locked: 'approved',
	closed: 'paid',
};

const COMMISSIONS_ENDPOINT = 'POST /query publisherCommissions';
const PRODUCTS_ENDPOINT = 'POST /query products';

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

export function createCjClients(
	account: CjAccount,
	options: CjClientOptions = {}
): CjClients {
	if ( options.clients ) {
		return options.clients;
	}
	const common = {
		network: DISPLAY_NAME,
		headers: {
			Authorization: `Bearer ${ account.accessToken }`,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		log: options.log,
	};
	return {
		commissions: createHttpClient( {
			...common,
			baseURL: trimSlash( account.commissionsBase ),
		} ),
		products: createHttpClient( {
			...common,
			baseURL: trimSlash( account.productsBase ),
		} ),
	};
}

// GraphQL string literals share JSON's escaping, so values go in through JSON.stringify.
function literal( value: string ): string {
	return JSON.stringify( value );
}

// A GraphQL answer with errors is refused whole: partial data would look complete.
function graphQlData< T >(
	answer: {
		data?: T | null;
		errors?: Array< { message: string } > | null;
	},
	endpoint: string
): T {
	if ( answer.errors && answer.errors.length > 0 ) {
		throw new PermanentError(
			`GraphQL error: ${ answer.errors
				.map( ( error ) => error.message )
				.join( '; ' ) }`,
			{ network: DISPLAY_NAME, endpoint }
		);
	}
	if ( ! answer.data ) {
		throw new PermanentError( 'GraphQL answer without data', {
			network: DISPLAY_NAME,
			endpoint,
		} );
	}
	return answer.data;
}

export function cjCommissionsQuery(
	account: Pick< CjAccount, 'companyId' >,
	window: TransactionWindow
): string {
	const args = [
		`forPublishers: [${ literal( account.companyId ) }]`,
		`sincePostingDate: ${ literal( toIsoUtc( window.start ) ) }`,
		`beforePostingDate: ${ literal( toIsoUtc( window.end ) ) }`,
	];
	if ( window.cursor !== undefined ) {
		args.push( `sinceCommissionId: ${ literal( window.cursor ) }` );
	}
	return `{ publisherCommissions(${ args.join(
		', '
	) }) { count payloadComplete maxCommissionId records { commissionId actionStatus actionType advertiserId advertiserName orderId eventDate postingDate lockingDate clickDate saleAmountPubCurrency pubCommissionAmountPubCurrency shopperId original correctionReason } } }`;
}

export function normaliseCjCommission(
	record: CjCommission,
	account: Pick< CjAccount, 'companyId' | 'currency' >
): NormalisedTransaction {
	const currency = account.currency.toUpperCase();
	// A correction record claws back (part of) an earlier one: it counts as reversed.
	const status: TransactionStatus = record.original
		? CJ_STATUS_MAP[ record.actionStatus ]
		: 'reversed';
	return {
		network: CJ,
		transactionId: record.commissionId,
		accountId: account.companyId,
		programmeId: record.advertiserId,
		status,
		networkStatus: record.actionStatus,
		saleMinor: parseMinorUnits( record.saleAmountPubCurrency, currency ),
		commissionMinor:
			parseMinorUnits(
				record.pubCommissionAmountPubCurrency,
				currency
			) ?? 0,
		currency,
		subId: record.shopperId || null,
		orderRef: record.orderId || null,
		clickAt: optionalIso( record.clickDate ),
		transactionAt: isoFromNetworkDate( record.eventDate ),
		validatedAt:
			status === 'approved' || status === 'paid'
				? optionalIso( record.lockingDate )
				: null,
		paidAt: null,
		raw: record,
	};
}

export async function fetchCjCommissions(
	api: HttpClient,
	account: CjAccount,
	window: TransactionWindow,
	signal?: AbortSignal
): Promise< TransactionPage > {
	const answer = await api.requestJson(
		{
			method: 'POST',
			endpoint: COMMISSIONS_ENDPOINT,
			url: '/query',
			body: { query: cjCommissionsQuery( account, window ) },
			signal,
		},
		CjCommissionsAnswerSchema
	);
	const page = graphQlData(
		answer,
		COMMISSIONS_ENDPOINT
	).publisherCommissions;
	let nextCursor: string | undefined;
	if ( ! page.payloadComplete ) {
		if ( ! page.maxCommissionId ) {
			throw new PermanentError(
				'payloadComplete is false but maxCommissionId is missing',
				{ network: DISPLAY_NAME, endpoint: COMMISSIONS_ENDPOINT }
			);
		}
		nextCursor = page.maxCommissionId;
	}
	return {
		transactions: page.records.map( ( record ) =>
			normaliseCjCommission( record, account )
		),
		nextCursor,
	};
}

export function buildCjLinkTemplate(
	account: Pick< CjAccount, 'websiteId' | 'trackingBase' | 'advertisers' >,
	programmeId: string
): LinkTemplate {
	const advertiser = account.advertisers.find(
		( candidate ) => candidate.advertiserId === programmeId
	);
	if ( ! advertiser ) {
		throw new PermanentError(
			`no ad id is configured for advertiser ${ programmeId }`,
			{ network: DISPLAY_NAME, endpoint: 'link template' }
		);
	}
	const base = trimSlash( account.trackingBase );
	return {
		programmeId,
		template: `${ base }/click-${ encodeURIComponent(
			account.websiteId
		) }-${ encodeURIComponent(
			advertiser.adId
		) }?url={landing_url}&sid={sub_id}`,
		trackingHost: new URL( base ).hostname,
	};
}

function programmeTerms( advertiser: CjAdvertiser ): ProgrammeTerms {
	return withUnpublishedTerms( {
		programmeId: advertiser.advertiserId,
		name: advertiser.name ?? `CJ ${ advertiser.advertiserId }`,
		currency: null,
		deeplinkEnabled: true,
		raw: advertiser,
	} );
}

export function cjProductsQuery(
	account: Pick< CjAccount, 'companyId' | 'websiteId' | 'advertisers' >,
	offset: number
): string {
	const partners = account.advertisers
		.map( ( advertiser ) => literal( advertiser.advertiserId ) )
		.join( ', ' );
	return `{ products(companyId: ${ literal(
		account.companyId
	) }, partnerIds: [${ partners }], limit: ${ CJ_PRODUCTS_PAGE_SIZE }, offset: ${ offset }) { totalCount count resultList { id advertiserId title description price { amount currency } availability link imageLink linkCode(pid: ${ literal(
		account.websiteId
	) }) { clickUrl } } } }`;
}

const AVAILABILITY: Record< string, Availability > = {
	in_stock: 'in_stock',
	out_of_stock: 'out_of_stock',
	preorder: 'preorder',
	backorder: 'backorder',
};

export function normaliseCjProduct(
	product: CjProduct,
	merchantName: string
): CatalogueItem {
	const currency = product.price.currency.toUpperCase();
	const availability = ( product.availability ?? '' )
		.trim()
		.toLowerCase()
		.replace( /[\s-]+/g, '_' );
	return {
		productKey: product.id,
		programmeId: product.advertiserId,
		title: product.title,
		description: product.description ?? '',
		brand: '',
		category: '',
		imageUrl: product.imageLink ?? '',
		gtin: null,
		mpn: null,
		offers: [
			{
				offerKey: product.id,
				merchantId: product.advertiserId,
				merchantName,
				landingUrl: product.link,
				trackingUrl: product.linkCode?.clickUrl ?? null,
				priceMinor: parseMinorUnits( product.price.amount, currency ),
				rrpMinor: null,
				currency,
				deliveryMinor: null,
				availability: AVAILABILITY[ availability ] ?? 'unknown',
				promoCode: null,
			},
		],
		raw: product,
	};
}

export async function* streamCjCatalogue(
	api: HttpClient,
	account: CjAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	const names = new Map(
		account.advertisers.map( ( advertiser ) => [
			advertiser.advertiserId,
			advertiser.name ?? '',
		] )
	);
	let offset = 0;
	for (;;) {
		const answer = await api.requestJson(
			{
				method: 'POST',
				endpoint: PRODUCTS_ENDPOINT,
				url: '/query',
				body: { query: cjProductsQuery( account, offset ) },
				signal: options.signal,
			},
			CjProductsAnswerSchema
		);
		const page = graphQlData( answer, PRODUCTS_ENDPOINT ).products;
		for ( const [ index, raw ] of page.resultList.entries() ) {
			const product = CjProductSchema.safeParse( raw );
			if ( ! product.success ) {
				options.onRejectedRow?.( {
					row: offset + index + 1,
					reason: `CJ product: ${ describeZodError(
						product.error
					) }`,
				} );
				continue;
			}
			yield normaliseCjProduct(
				product.data,
				names.get( product.data.advertiserId ) ?? ''
			);
		}
		offset += page.resultList.length;
		if (
			page.resultList.length === 0 ||
			offset >= ( page.totalCount ?? 0 )
		) {
			return;
		}
	}
}

export function createCjAdapter(
	account: CjAccount,
	options: CjClientOptions = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const clients = createCjClients( account, options );
	return {
		network: CJ,
		accountId: account.companyId,
		// CJ publishes no programme list in our sources: the advertisers are the configured ones.
		listProgrammes: async () => account.advertisers.map( programmeTerms ),
		listProgrammeIds: async () =>
			account.advertisers.map(
				( advertiser ) => advertiser.advertiserId
			),
		buildLinkTemplate: ( programmeId ) =>
			buildCjLinkTemplate( account, programmeId ),
		hasCatalogue: () => account.advertisers.length > 0,
		streamCatalogue: ( streamOptions = {} ) =>
			streamCjCatalogue( clients.products, account, {
				...streamOptions,
				onRejectedRow:
					streamOptions.onRejectedRow ??
					( ( rejected ) =>
						log.warn( 'skipped a product', {
							network: CJ,
							...rejected,
						} ) ),
			} ),
		transactionWindow: CJ_TRANSACTION_WINDOW,
		fetchTransactions: ( window, signal ) =>
			fetchCjCommissions( clients.commissions, account, window, signal ),
	};
}
