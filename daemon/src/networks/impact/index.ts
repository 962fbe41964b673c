import { PermanentError } from '../../http/errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import { sharedRateLimiter, type RateLimiter } from '../../http/rateLimiter';
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
	RateLimitSpec,
	StreamCatalogueOptions,
	TransactionPage,
	TransactionStatus,
	TransactionWindow,
	TransactionWindowSpec,
} from '../types';
import { withUnpublishedTerms } from '../unpublishedTerms';
import {
	ImpactActionsPageSchema,
	ImpactCampaignsPageSchema,
	ImpactCatalogItemSchema,
	ImpactCatalogItemsPageSchema,
	ImpactCatalogsPageSchema,
	ImpactTrackingLinkSchema,
	type ImpactAction,
	type ImpactActionState,
	type ImpactCampaign,
	type ImpactCatalog,
	type ImpactCatalogItem,
} from './schema';

export const IMPACT = 'impact';
const DISPLAY_NAME = 'Impact';

export const IMPACT_DEFAULT_API_BASE = 'https://api.impact.com';

const HOUR_MS = 3_600_000;

/** 1000 calls an hour per account; /Catalogs has its own 3600 an hour. */
export const IMPACT_RATE_LIMIT: RateLimitSpec = {
	limit: 1000,
	windowMs: HOUR_MS,
	scope: 'account',
	endpoints: { '/Catalogs': { limit: 3600, windowMs: HOUR_MS } },
};

/**
 * Actions are filtered by last update, in windows of at most 45 days and at most 3 years back;
 * numbered pages. Because the filter is the update date, a change to an old action shows up in
 * the window where it changed: two trailing days cover clock skew and late indexing.
 */
export const IMPACT_TRANSACTION_WINDOW: TransactionWindowSpec = {
	maxDays: 45,
	maxLookbackDays: 3 * 365,
	paging: 'page',
	trailingDays: 2,
};

/** Rows per page asked for ([unsure] the documented maximum is not known; 1000 is accepted). */
export const IMPACT_PAGE_SIZE = 1000;

export interface ImpactAccount {
	accountSid: string;
	authToken: string;
	apiBase: string;
}

export interface ImpactClients {
	/** Everything but /Catalogs (1000 calls/h). */
	api: HttpClient;
	/** /Catalogs and its items (3600 calls/h). */
	catalogs: HttpClient;
}

export interface ImpactClientOptions {
	log?: Logger;
	rateLimiter?: RateLimiter;
	catalogRateLimiter?: RateLimiter;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	clients?: ImpactClients;
}

export const IMPACT_STATUS_MAP: Record< ImpactActionState, TransactionStatus > =
	{
		PENDING: 'pending',
		APPROVED: 'approved',
		REVERSED: 'reversed',
	};

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

export function createImpactClients(
	account: ImpactAccount,
	options: ImpactClientOptions = {}
): ImpactClients {
	if ( options.clients ) {
		return options.clients;
	}
	const catalogLimit = IMPACT_RATE_LIMIT.endpoints?.[ '/Catalogs' ] ?? {
		limit: 3600,
		windowMs: HOUR_MS,
	};
	const common = {
		network: DISPLAY_NAME,
		baseURL: `${ trimSlash(
			account.apiBase
		) }/Mediapartners/${ encodeURIComponent( account.accountSid ) }`,
		headers: {
			Authorization: `Basic ${ Buffer.from(
				`${ account.accountSid }:${ account.authToken }`
			).toString( 'base64' ) }`,
			// Impact answers XML by default.
			Accept: 'application/json',
		},
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		log: options.log,
	};
	return {
		api: createHttpClient( {
			...common,
			rateLimiter:
				options.rateLimiter ??
				sharedRateLimiter(
					`impact:${ account.accountSid }`,
					IMPACT_RATE_LIMIT
				),
		} ),
		catalogs: createHttpClient( {
			...common,
			rateLimiter:
				options.catalogRateLimiter ??
				sharedRateLimiter(
					`impact-catalogs:${ account.accountSid }`,
					catalogLimit
				),
		} ),
	};
}

// @nextpageuri is a path from the API's root ("/Mediapartners/…/Items?Page=2"); it must stay on
// the API's host, since the credentials go with it.
export function impactNextPageUrl(
	account: Pick< ImpactAccount, 'apiBase' >,
	next: string | null | undefined,
	endpoint: string
): string | undefined {
	if ( ! next ) {
		return undefined;
	}
	const base = new URL( trimSlash( account.apiBase ) );
	const url = new URL( next, base );
	if ( url.origin !== base.origin ) {
		throw new PermanentError(
			'@nextpageuri points to another host; refused',
			{ network: DISPLAY_NAME, endpoint }
		);
	}
	return url.toString();
}

export async function listImpactCampaigns(
	api: HttpClient,
	account: ImpactAccount,
	signal?: AbortSignal
): Promise< ImpactCampaign[] > {
	const endpoint = 'GET /Mediapartners/{sid}/Campaigns';
	const campaigns: ImpactCampaign[] = [];
	let url: string | undefined = '/Campaigns';
	let params: Record< string, string > | undefined = {
		PageSize: String( IMPACT_PAGE_SIZE ),
	};
	while ( url ) {
		const page = await api.requestJson(
			{ method: 'GET', endpoint, url, params, signal },
			ImpactCampaignsPageSchema
		);
		campaigns.push( ...page.Campaigns );
		url = impactNextPageUrl( account, page[ '@nextpageuri' ], endpoint );
		params = undefined;
	}
	return campaigns;
}

/** POST /Programs/{ProgramId}/TrackingLinks: the programme's tracking URL. */
export async function createImpactTrackingLink(
	api: HttpClient,
	programId: string,
	query: { DeepLink?: string; subId1?: string } = {},
	signal?: AbortSignal
): Promise< string > {
	// Creating a link takes `subId1` (lower case), where Actions report `SubId1`.
	const params: Record< string, string > = {};
	for ( const [ key, value ] of Object.entries( query ) ) {
		if ( value !== undefined ) {
			params[ key ] = value;
		}
	}
	const link = await api.requestJson(
		{
			method: 'POST',
			endpoint: 'POST /Mediapartners/{sid}/Programs/{id}/TrackingLinks',
			url: `/Programs/${ encodeURIComponent( programId ) }/TrackingLinks`,
			params,
			signal,
		},
		ImpactTrackingLinkSchema
	);
	return link.TrackingURL;
}

// [unsure] The programme's TrackingURL keeps its host and path; the sub id goes in subId1 and
// the landing page in `u`, Impact's deep-link parameter on tracking links.
export function buildImpactLinkTemplate(
	programmeId: string,
	trackingUrl: string
): LinkTemplate {
	const url = new URL( trackingUrl );
	url.searchParams.delete( 'subId1' );
	url.searchParams.delete( 'u' );
	const kept = url.searchParams.toString();
	return {
		programmeId,
		template: `${ url.origin }${ url.pathname }?${
			kept ? `${ kept }&` : ''
		}subId1={sub_id}&u={landing_url}`,
		trackingHost: url.hostname,
	};
}

export function normaliseImpactCampaign(
	campaign: ImpactCampaign
): ProgrammeTerms {
	const deeplink = campaign.AllowsDeeplinking;
	return withUnpublishedTerms( {
		programmeId: campaign.CampaignId,
		name: campaign.CampaignName,
		currency: null,
		deeplinkEnabled:
			deeplink === undefined ||
			deeplink === null ||
			deeplink === true ||
			deeplink === 'true',
		validDomains: campaign.DeeplinkDomains ?? [],
		raw: campaign,
	} );
}

const AVAILABILITY: Record< string, Availability > = {
	InStock: 'in_stock',
	OutOfStock: 'out_of_stock',
	PreOrder: 'preorder',
};

// [unsure] An item's Url is already a tracking link; the merchant's page travels in its `u`
// parameter when there is one. Without it the landing stays empty and the ready link is used.
function landingFromTrackingUrl( trackingUrl: string ): string {
	return new URL( trackingUrl ).searchParams.get( 'u' ) ?? '';
}

export function normaliseImpactItem(
	catalog: ImpactCatalog,
	item: ImpactCatalogItem
): CatalogueItem {
	const currency = item.Currency.toUpperCase();
	const key = `${ catalog.Id }-${ item.CatalogItemId }`;
	const merchantName = catalog.CampaignName ?? item.Manufacturer ?? '';
	return {
		productKey: key,
		programmeId: catalog.CampaignId,
		title: item.Name,
		description: item.Description ?? '',
		brand: item.Manufacturer ?? '',
		category: item.Category ?? '',
		imageUrl: item.ImageUrl ?? '',
		gtin: item.Gtin || null,
		mpn: item.Mpn || null,
		offers: [
			{
				offerKey: key,
				merchantId: catalog.CampaignId,
				merchantName,
				landingUrl: landingFromTrackingUrl( item.Url ),
				trackingUrl: item.Url,
				priceMinor: parseMinorUnits( item.CurrentPrice, currency ),
				rrpMinor: parseMinorUnits( item.OriginalPrice, currency ),
				currency,
				deliveryMinor: null,
				availability:
					AVAILABILITY[ item.StockAvailability ?? '' ] ?? 'unknown',
				promoCode: null,
			},
		],
		raw: item,
	};
}

export async function* streamImpactCatalogue(
	client: HttpClient,
	account: ImpactAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	const catalogsEndpoint = 'GET /Mediapartners/{sid}/Catalogs';
	const itemsEndpoint = 'GET /Mediapartners/{sid}/Catalogs/{id}/Items';
	const catalogs: ImpactCatalog[] = [];
	let url: string | undefined = '/Catalogs';
	while ( url ) {
		const page = await client.requestJson(
			{
				method: 'GET',
				endpoint: catalogsEndpoint,
				url,
				signal: options.signal,
			},
			ImpactCatalogsPageSchema
		);
		catalogs.push( ...page.Catalogs );
		url = impactNextPageUrl(
			account,
			page[ '@nextpageuri' ],
			catalogsEndpoint
		);
	}
	let row = 0;
	for ( const catalog of catalogs ) {
		let itemsUrl: string | undefined = `/Catalogs/${ encodeURIComponent(
			catalog.Id
		) }/Items`;
		let params: Record< string, string > | undefined = {
			PageSize: String( IMPACT_PAGE_SIZE ),
		};
		while ( itemsUrl ) {
			const page = await client.requestJson(
				{
					method: 'GET',
					endpoint: itemsEndpoint,
					url: itemsUrl,
					params,
					signal: options.signal,
				},
				ImpactCatalogItemsPageSchema
			);
			for ( const raw of page.Items ) {
				row++;
				const item = ImpactCatalogItemSchema.safeParse( raw );
				if ( ! item.success ) {
					options.onRejectedRow?.( {
						row,
						reason: `Impact catalog ${
							catalog.Id
						} item: ${ describeZodError( item.error ) }`,
					} );
					continue;
				}
				yield normaliseImpactItem( catalog, item.data );
			}
			itemsUrl = impactNextPageUrl(
				account,
				page[ '@nextpageuri' ],
				itemsEndpoint
			);
			params = undefined;
		}
	}
}

// ISO 8601 UTC, the form Impact's StartDate/EndDate accept.
function impactDate( date: Date ): string {
	return toIsoUtc( date );
}

export function normaliseImpactAction(
	action: ImpactAction,
	accountId: string
): NormalisedTransaction {
	const currency = action.Currency.toUpperCase();
	const status = IMPACT_STATUS_MAP[ action.State ];
	return {
		network: IMPACT,
		transactionId: action.Id,
		accountId,
		programmeId: action.CampaignId,
		status,
		networkStatus: action.State,
		saleMinor: parseMinorUnits( action.Amount, currency ),
		// Payout is the commission as it stands; DeltaPayout (the last adjustment) stays in raw.
		commissionMinor: parseMinorUnits( action.Payout, currency ) ?? 0,
		currency,
		subId: action.SubId1 || null,
		orderRef: action.Oid || null,
		clickAt: optionalIso( action.ReferringDate ),
		transactionAt: isoFromNetworkDate( action.EventDate ),
		validatedAt:
			status === 'approved' ? optionalIso( action.LockingDate ) : null,
		paidAt: null,
		raw: action,
	};
}

export async function fetchImpactActions(
	api: HttpClient,
	account: ImpactAccount,
	window: TransactionWindow,
	signal?: AbortSignal
): Promise< TransactionPage > {
	const page = window.cursor ?? '1';
	const answer = await api.requestJson(
		{
			method: 'GET',
			endpoint: 'GET /Mediapartners/{sid}/Actions',
			url: '/Actions',
			params: {
				StartDate: impactDate( window.start ),
				EndDate: impactDate( window.end ),
				Page: page,
				PageSize: String( IMPACT_PAGE_SIZE ),
			},
			signal,
		},
		ImpactActionsPageSchema
	);
	const hasNext =
		Boolean( answer[ '@nextpageuri' ] ) ||
		( answer[ '@numpages' ] ?? 0 ) > answer[ '@page' ];
	return {
		transactions: answer.Actions.map( ( action ) =>
			normaliseImpactAction( action, account.accountSid )
		),
		nextCursor: hasNext ? String( answer[ '@page' ] + 1 ) : undefined,
	};
}

export function createImpactAdapter(
	account: ImpactAccount,
	options: ImpactClientOptions = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const clients = createImpactClients( account, options );
	// Tracking URLs fetched with the programme list; link templates are built from them.
	const trackingUrls = new Map< string, string >();

	async function campaignsWithLinks(
		signal?: AbortSignal
	): Promise< ImpactCampaign[] > {
		const campaigns = await listImpactCampaigns(
			clients.api,
			account,
			signal
		);
		for ( const campaign of campaigns ) {
			if ( ! trackingUrls.has( campaign.CampaignId ) ) {
				trackingUrls.set(
					campaign.CampaignId,
					await createImpactTrackingLink(
						clients.api,
						campaign.CampaignId,
						{},
						signal
					)
				);
			}
		}
		return campaigns;
	}

	return {
		network: IMPACT,
		accountId: account.accountSid,
		rateLimit: IMPACT_RATE_LIMIT,
		listProgrammes: async ( signal ) =>
			( await campaignsWithLinks( signal ) ).map(
				normaliseImpactCampaign
			),
		listProgrammeIds: async ( signal ) =>
			( await campaignsWithLinks( signal ) ).map(
				( campaign ) => campaign.CampaignId
			),
		buildLinkTemplate: ( programmeId ) => {
			const trackingUrl = trackingUrls.get( programmeId );
			if ( ! trackingUrl ) {
				throw new PermanentError(
					`no tracking link was created for programme ${ programmeId }`,
					{
						network: DISPLAY_NAME,
						endpoint:
							'POST /Mediapartners/{sid}/Programs/{id}/TrackingLinks',
					}
				);
			}
			return buildImpactLinkTemplate( programmeId, trackingUrl );
		},
		hasCatalogue: () => true,
		streamCatalogue: ( streamOptions = {} ) =>
			streamImpactCatalogue( clients.catalogs, account, {
				...streamOptions,
				onRejectedRow:
					streamOptions.onRejectedRow ??
					( ( rejected ) =>
						log.warn( 'skipped a catalogue item', {
							network: IMPACT,
							...rejected,
						} ) ),
			} ),
		transactionWindow: IMPACT_TRANSACTION_WINDOW,
		fetchTransactions: ( window, signal ) =>
			fetchImpactActions( clients.api, account, window, signal ),
	};
}
