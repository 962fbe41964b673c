import { PermanentError } from '../../http/errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { RetryOptions } from '../../http/retry';
import { silentLogger, type Logger } from '../../logger';
import { parseMinorUnits } from '../../money';
import { isoFromNetworkDate } from '../networkDates';
import type {
	LinkTemplate,
	NetworkAdapter,
	NormalisedTransaction,
	ProgrammeTerms,
	TransactionPage,
	TransactionStatus,
	TransactionWindow,
	TransactionWindowSpec,
} from '../types';
import { withUnpublishedTerms } from '../unpublishedTerms';
import {
	RakutenTokenSchema,
	RakutenTransactionsSchema,
	type RakutenTransaction,
} from './schema';

export const RAKUTEN = 'rakuten';
const DISPLAY_NAME = 'Rakuten';

export const RAKUTEN_DEFAULT_API_BASE = 'https://api.linksynergy.com';
export const RAKUTEN_DEFAULT_TRACKING_BASE = 'https://click.linksynergy.com';

/** Rows per page (`limit`), as documented. */
export const RAKUTEN_PAGE_SIZE = 1000;

/**
 * Transactions by process date, a month per call [unsure: no limit documented], numbered pages.
 * Returns arrive as new negative rows with a later process date, so a week behind the last run
 * is re-read for late ones.
 */
export const RAKUTEN_TRANSACTION_WINDOW: TransactionWindowSpec = {
	maxDays: 31,
	paging: 'page',
	trailingDays: 7,
};

/** No status field: a row's sign is its status. */
export const RAKUTEN_POSITIVE_ROW = 'positive row';
export const RAKUTEN_NEGATIVE_ROW = 'negative row';
export const RAKUTEN_STATUS_MAP: Record< string, TransactionStatus > = {
	[ RAKUTEN_POSITIVE_ROW ]: 'pending',
	[ RAKUTEN_NEGATIVE_ROW ]: 'reversed',
};

export interface RakutenAdvertiser {
	/** Rakuten's advertiser id (mid). */
	advertiserId: string;
	name?: string;
}

export interface RakutenAccount {
	clientId: string;
	clientSecret: string;
	/** The publisher's site id (SID): the token's scope. */
	siteId: string;
	/** The publisher's encrypted id: `id` in deep links. */
	publisherId: string;
	advertisers: RakutenAdvertiser[];
	apiBase: string;
	trackingBase: string;
}

export interface RakutenClientOptions {
	log?: Logger;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	now?: () => number;
}

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

// Access tokens last about an hour: one is kept per adapter and renewed a minute early.
export function createRakutenApi(
	account: RakutenAccount,
	options: RakutenClientOptions = {}
): ( signal?: AbortSignal ) => Promise< HttpClient > {
	const now = options.now ?? Date.now;
	const common = {
		network: DISPLAY_NAME,
		baseURL: trimSlash( account.apiBase ),
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		log: options.log,
	};
	const tokenClient = createHttpClient( {
		...common,
		headers: {
			// [unsure] The "token key": base64 of client id and secret, sent as a bearer.
			Authorization: `Bearer ${ Buffer.from(
				`${ account.clientId }:${ account.clientSecret }`
			).toString( 'base64' ) }`,
			Accept: 'application/json',
		},
	} );
	let current: { client: HttpClient; expiresAt: number } | undefined;
	return async ( signal ) => {
		if ( current && current.expiresAt > now() ) {
			return current.client;
		}
		const token = await tokenClient.requestJson(
			{
				method: 'POST',
				endpoint: 'POST /token',
				url: '/token',
				body: new URLSearchParams( {
					grant_type: 'client_credentials',
					scope: account.siteId,
				} ),
				signal,
			},
			RakutenTokenSchema
		);
		current = {
			client: createHttpClient( {
				...common,
				headers: {
					Authorization: `Bearer ${ token.access_token }`,
					Accept: 'application/json',
				},
			} ),
			expiresAt: now() + Math.max( 0, token.expires_in - 60 ) * 1000,
		};
		return current.client;
	};
}

// The Events API takes "yyyy-MM-dd HH:mm:ss" in UTC [unsure].
function rakutenDate( date: Date ): string {
	return date.toISOString().slice( 0, 19 ).replace( 'T', ' ' );
}

export function normaliseRakutenTransaction(
	row: RakutenTransaction,
	accountId: string
): NormalisedTransaction {
	const currency = row.currency;
	const commissionMinor = parseMinorUnits( row.commissions, currency ) ?? 0;
	const saleMinor = parseMinorUnits( row.sale_amount, currency );
	const networkStatus =
		commissionMinor < 0 || ( saleMinor ?? 0 ) < 0
			? RAKUTEN_NEGATIVE_ROW
			: RAKUTEN_POSITIVE_ROW;
	return {
		network: RAKUTEN,
		transactionId: row.etransaction_id,
		accountId,
		programmeId: row.advertiser_id,
		status: RAKUTEN_STATUS_MAP[ networkStatus ] ?? 'pending',
		networkStatus,
		saleMinor,
		commissionMinor,
		currency,
		subId: row.u1 || null,
		orderRef: row.order_id || null,
		clickAt: null,
		transactionAt: isoFromNetworkDate( row.transaction_date ),
		validatedAt: null,
		paidAt: null,
		raw: row,
	};
}

export async function fetchRakutenTransactions(
	api: HttpClient,
	account: RakutenAccount,
	window: TransactionWindow,
	signal?: AbortSignal
): Promise< TransactionPage > {
	const page = Number( window.cursor ?? '1' );
	const rows = await api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /events/1.0/transactions',
			url: '/events/1.0/transactions',
			params: {
				process_date_start: rakutenDate( window.start ),
				process_date_end: rakutenDate( window.end ),
				limit: String( RAKUTEN_PAGE_SIZE ),
				page: String( page ),
			},
			signal,
		},
		RakutenTransactionsSchema
	);
	return {
		transactions: rows.map( ( row ) =>
			normaliseRakutenTransaction( row, account.siteId )
		),
		// A full page may have a next one; a short page is the last.
		nextCursor:
			rows.length >= RAKUTEN_PAGE_SIZE ? String( page + 1 ) : undefined,
	};
}

export function buildRakutenLinkTemplate(
	account: Pick< RakutenAccount, 'publisherId' | 'trackingBase' >,
	programmeId: string
): LinkTemplate {
	const base = trimSlash( account.trackingBase );
	return {
		programmeId,
		template: `${ base }/deeplink?id=${ encodeURIComponent(
			account.publisherId
		) }&mid=${ encodeURIComponent(
			programmeId
		) }&murl={landing_url}&u1={sub_id}`,
		trackingHost: new URL( base ).hostname,
	};
}

function programmeTerms( advertiser: RakutenAdvertiser ): ProgrammeTerms {
	return withUnpublishedTerms( {
		programmeId: advertiser.advertiserId,
		name: advertiser.name ?? `Rakuten ${ advertiser.advertiserId }`,
		currency: null,
		deeplinkEnabled: true,
		raw: advertiser,
	} );
}

export function createRakutenAdapter(
	account: RakutenAccount,
	options: RakutenClientOptions = {}
): NetworkAdapter {
	const api = createRakutenApi( account, {
		...options,
		log: options.log ?? silentLogger,
	} );
	return {
		network: RAKUTEN,
		accountId: account.siteId,
		// No programme list in our sources: the advertisers are the configured ones.
		listProgrammes: async () => account.advertisers.map( programmeTerms ),
		listProgrammeIds: async () =>
			account.advertisers.map(
				( advertiser ) => advertiser.advertiserId
			),
		buildLinkTemplate: ( programmeId ) =>
			buildRakutenLinkTemplate( account, programmeId ),
		hasCatalogue: () => false,
		streamCatalogue: () => {
			throw new PermanentError( 'no product catalogue is synced', {
				network: DISPLAY_NAME,
				endpoint: 'catalogue',
			} );
		},
		transactionWindow: RAKUTEN_TRANSACTION_WINDOW,
		fetchTransactions: async ( window, signal ) =>
			fetchRakutenTransactions(
				await api( signal ),
				account,
				window,
				signal
			),
	};
}
