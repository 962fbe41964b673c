import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { RetryOptions } from '../../http/retry';
import { silentLogger, type Logger } from '../../logger';
import { parseMinorUnits } from '../../money';
import { streamGoogleMerchantFeed, type GoogleFeedFormat } from '../googleFeed';
import { isoFromNetworkDate, optionalIso } from '../networkDates';
import type {
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
	EFFILIATION_TIME_ZONE,
	EffiliationFeedsSchema,
	EffiliationProgrammesSchema,
	EffiliationTransactionsSchema,
	type EffiliationFeed,
	type EffiliationProgramme,
	type EffiliationStatus,
	type EffiliationTransaction,
} from './schema';

export const EFFILIATION = 'effiliation';
const DISPLAY_NAME = 'Effiliation';

export const EFFILIATION_DEFAULT_API_BASE = 'https://apiv2.effiliation.com';
export const EFFILIATION_DEFAULT_TRACKING_BASE =
	'https://track.effiliation.com';
/** Effiliation's Google Shopping feed format. */
export const EFFILIATION_GOOGLE_SHOPPING_FEED_TYPE = '33';

/**
 * No window limit and no pagination are documented; a month per call keeps answers small, and
 * validations or refusals of the last 60 days are re-read on every run.
 */
export const EFFILIATION_TRANSACTION_WINDOW: TransactionWindowSpec = {
	maxDays: 31,
	paging: 'none',
	trailingDays: 60,
};

export interface EffiliationAccount {
	apiKey: string;
	apiBase: string;
	trackingBase: string;
	/** Type-33 feeds are Google Shopping XML unless the account's are set up as CSV. */
	feedFormat: GoogleFeedFormat;
}

export interface EffiliationClientOptions {
	log?: Logger;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	client?: HttpClient;
	feedClient?: HttpClient;
}

// Both the French and the English strings (lg=en is always sent, but older accounts and some
// endpoints answer in French anyway). There is no paid status.
export const EFFILIATION_STATUS_MAP: Record<
	EffiliationStatus,
	TransactionStatus
> = {
	Pending: 'pending',
	Attente: 'pending',
	Valid: 'approved',
	Valide: 'approved',
	Refusal: 'declined',
	Refus: 'declined',
	Refusé: 'declined',
};

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

export function createEffiliationClient(
	account: EffiliationAccount,
	options: EffiliationClientOptions = {}
): HttpClient {
	return (
		options.client ??
		createHttpClient( {
			network: DISPLAY_NAME,
			baseURL: `${ trimSlash( account.apiBase ) }/apiv2`,
			headers: { Accept: 'application/json' },
			retry: options.retry,
			timeoutMs: options.timeoutMs,
			log: options.log,
		} )
	);
}

// Every call carries the key and lg=en: without lg Effiliation translates status strings.
function params(
	account: EffiliationAccount,
	extra: Record< string, string >
): Record< string, string > {
	return { key: account.apiKey, lg: 'en', ...extra };
}

export function listEffiliationProgrammes(
	api: HttpClient,
	account: EffiliationAccount,
	signal?: AbortSignal
): Promise< EffiliationProgramme[] > {
	return api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /apiv2/programs.json',
			url: '/programs.json',
			params: params( account, { filter: 'mines' } ),
			signal,
		},
		EffiliationProgrammesSchema
	);
}

export function listEffiliationFeeds(
	api: HttpClient,
	account: EffiliationAccount,
	signal?: AbortSignal
): Promise< EffiliationFeed[] > {
	return api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /apiv2/productfeeds.json',
			url: '/productfeeds.json',
			params: params( account, {
				filter: 'mines',
				type: EFFILIATION_GOOGLE_SHOPPING_FEED_TYPE,
			} ),
			signal,
		},
		EffiliationFeedsSchema
	);
}

// Effiliation publishes no terms through this call: name and id only.
export function normaliseEffiliationProgramme(
	programme: EffiliationProgramme
): ProgrammeTerms {
	return withUnpublishedTerms( {
		programmeId: programme.id_programme,
		name: programme.nom,
		currency: 'EUR',
		deeplinkEnabled: true,
		raw: programme,
	} );
}

// The documented tracking link; the sub id travels in effi_id. {sub_id} and {landing_url} stay
// literal for the plugin to fill.
export function buildEffiliationLinkTemplate(
	account: Pick< EffiliationAccount, 'trackingBase' >,
	programmeId: string
): LinkTemplate {
	const base = trimSlash( account.trackingBase );
	return {
		programmeId,
		template: `${ base }/servlet/effi.redir?id_compteur=${ encodeURIComponent(
			programmeId
		) }&url={landing_url}&effi_id={sub_id}`,
		trackingHost: new URL( base ).hostname,
	};
}

// dd/MM/yyyy in Paris time: Effiliation's days are French days.
export function effiliationDay( date: Date ): string {
	const parts = new Intl.DateTimeFormat( 'en-GB', {
		timeZone: EFFILIATION_TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	} ).formatToParts( date );
	const get = ( type: string ): string =>
		parts.find( ( part ) => part.type === type )?.value ?? '';
	return `${ get( 'day' ) }/${ get( 'month' ) }/${ get( 'year' ) }`;
}

function iso( value: string | null | undefined ): string | null {
	return optionalIso( value, EFFILIATION_TIME_ZONE );
}

export function normaliseEffiliationTransaction(
	transaction: EffiliationTransaction
): NormalisedTransaction {
	// Effiliation pays in euros only and has no currency field.
	const currency = 'EUR';
	const status = EFFILIATION_STATUS_MAP[ transaction.etat ];
	return {
		network: EFFILIATION,
		transactionId: transaction.id_transaction,
		accountId: '',
		programmeId: transaction.id_programme,
		status,
		networkStatus: transaction.etat,
		saleMinor: parseMinorUnits( transaction.montant, currency ),
		commissionMinor:
			parseMinorUnits( transaction.commission, currency ) ?? 0,
		currency,
		subId: transaction.effi_id || null,
		orderRef: null,
		clickAt: iso( transaction.dateclic ),
		transactionAt: isoFromNetworkDate(
			transaction.datetran || transaction.date,
			EFFILIATION_TIME_ZONE
		),
		validatedAt:
			status === 'approved' ? iso( transaction.datevalidation ) : null,
		paidAt: null,
		raw: transaction,
	};
}

export async function fetchEffiliationTransactions(
	api: HttpClient,
	account: EffiliationAccount,
	window: TransactionWindow,
	signal?: AbortSignal
): Promise< TransactionPage > {
	const rows = await api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /apiv2/transaction.json',
			url: '/transaction.json',
			params: params( account, {
				start: effiliationDay( window.start ),
				end: effiliationDay( window.end ),
				type: 'date',
				all: 'yes',
			} ),
			signal,
		},
		EffiliationTransactionsSchema
	);
	return { transactions: rows.map( normaliseEffiliationTransaction ) };
}

export function createEffiliationAdapter(
	account: EffiliationAccount,
	options: EffiliationClientOptions = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const api = createEffiliationClient( account, options );
	const feedClient =
		options.feedClient ??
		createHttpClient( {
			network: DISPLAY_NAME,
			retry: options.retry,
			timeoutMs: options.timeoutMs ?? 120_000,
			log,
		} );
	const feedEndpoint = 'GET {type-33 feed url}';

	async function* streamCatalogue(
		streamOptions: StreamCatalogueOptions
	): AsyncGenerator< CatalogueItem > {
		const programmes = new Map(
			(
				await listEffiliationProgrammes(
					api,
					account,
					streamOptions.signal
				)
			).map( ( programme ) => [ programme.id_programme, programme.nom ] )
		);
		const feeds = await listEffiliationFeeds(
			api,
			account,
			streamOptions.signal
		);
		for ( const feed of feeds ) {
			const body = await feedClient.openStream( {
				method: 'GET',
				endpoint: feedEndpoint,
				url: feed.url,
				signal: streamOptions.signal,
			} );
			yield* streamGoogleMerchantFeed(
				body,
				account.feedFormat,
				{
					programmeId: feed.id_programme,
					merchantName: programmes.get( feed.id_programme ) ?? '',
				},
				{ network: DISPLAY_NAME, endpoint: feedEndpoint },
				{
					...streamOptions,
					onRejectedRow:
						streamOptions.onRejectedRow ??
						( ( rejected ) =>
							log.warn( 'skipped a feed row', {
								network: EFFILIATION,
								...rejected,
							} ) ),
				}
			);
		}
	}

	return {
		network: EFFILIATION,
		listProgrammes: async ( signal ) =>
			( await listEffiliationProgrammes( api, account, signal ) ).map(
				normaliseEffiliationProgramme
			),
		listProgrammeIds: async ( signal ) =>
			( await listEffiliationProgrammes( api, account, signal ) ).map(
				( programme ) => programme.id_programme
			),
		buildLinkTemplate: ( programmeId ) =>
			buildEffiliationLinkTemplate( account, programmeId ),
		hasCatalogue: () => true,
		streamCatalogue: ( streamOptions = {} ) =>
			streamCatalogue( streamOptions ),
		transactionWindow: EFFILIATION_TRANSACTION_WINDOW,
		fetchTransactions: ( window, signal ) =>
			fetchEffiliationTransactions( api, account, window, signal ),
	};
}
