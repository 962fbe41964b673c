import { createHttpClient, type HttpClient } from '../../http/httpClient';
import { PermanentError } from '../../http/errors';
import type { RetryOptions } from '../../http/retry';
import { silentLogger, type Logger } from '../../logger';
import { parseMinorUnits } from '../../money';
import type {
	Availability,
	CatalogueItem,
	NetworkAdapter,
	StreamCatalogueOptions,
} from '../types';
import {
	AmazonGetItemsSchema,
	AmazonTokenSchema,
	type AmazonItem,
} from './schema';

export const AMAZON = 'amazon';
const DISPLAY_NAME = 'Amazon';

export const AMAZON_DEFAULT_API_BASE = 'https://creatorsapi.amazon';
/** [unsure] Login with Amazon's token endpoint, where client credentials are exchanged. */
export const AMAZON_DEFAULT_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
/** getItems takes at most 10 ASINs. */
export const AMAZON_ITEMS_PER_CALL = 10;

export const AMAZON_RESOURCES = [
	'itemInfo.title',
	'itemInfo.byLineInfo',
	'images.primary.large',
	'offersV2.listings.price',
	'offersV2.listings.availability',
] as const;

const GET_ITEMS_ENDPOINT = 'POST /catalog/v1/getItems';

export interface AmazonAccount {
	clientId: string;
	clientSecret: string;
	/** The tracking id (e.g. "monblog-21"): partnerTag in calls, tag= in links. */
	partnerTag: string;
	/** e.g. "www.amazon.fr". */
	marketplace: string;
	/** The marketplace's currency, for items Amazon returns without a price. */
	currency: string;
	/** The ASINs the blog uses. */
	asins: string[];
	apiBase: string;
	tokenUrl: string;
	/** OAuth scope, when the account's credentials need one [unsure]. */
	scope?: string;
}

export interface AmazonClientOptions {
	log?: Logger;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	now?: () => number;
}

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

/** "www.amazon.fr" → "fr", "www.amazon.co.uk" → "co.uk". */
export function amazonTld( marketplace: string ): string {
	const match = /^www\.amazon\.([a-z.]+)$/.exec( marketplace );
	if ( ! match?.[ 1 ] ) {
		throw new PermanentError(
			`marketplace must look like www.amazon.fr, not ${ JSON.stringify(
				marketplace
			) }`,
			{ network: DISPLAY_NAME, endpoint: 'config' }
		);
	}
	return match[ 1 ];
}

/** The documented link: https://www.amazon.{tld}/dp/{ASIN}?tag={trackingId}, a ready link. */
export function amazonProductLink(
	account: Pick< AmazonAccount, 'marketplace' | 'partnerTag' >,
	asin: string
): string {
	return `https://www.amazon.${ amazonTld(
		account.marketplace
	) }/dp/${ encodeURIComponent( asin ) }?tag=${ encodeURIComponent(
		account.partnerTag
	) }`;
}

// One token per adapter, renewed a minute before it expires.
export function createAmazonApi(
	account: AmazonAccount,
	options: AmazonClientOptions = {}
): ( signal?: AbortSignal ) => Promise< HttpClient > {
	const now = options.now ?? Date.now;
	const common = {
		network: DISPLAY_NAME,
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		log: options.log ?? silentLogger,
	};
	const tokenClient = createHttpClient( {
		...common,
		headers: { Accept: 'application/json' },
	} );
	let current: { client: HttpClient; expiresAt: number } | undefined;
	return async ( signal ) => {
		if ( current && current.expiresAt > now() ) {
			return current.client;
		}
		const form = new URLSearchParams( {
			grant_type: 'client_credentials',
			client_id: account.clientId,
			client_secret: account.clientSecret,
		} );
		if ( account.scope ) {
			form.set( 'scope', account.scope );
		}
		const token = await tokenClient.requestJson(
			{
				method: 'POST',
				endpoint: 'POST {token url}',
				url: account.tokenUrl,
				body: form,
				signal,
			},
			AmazonTokenSchema
		);
		current = {
			client: createHttpClient( {
				...common,
				baseURL: trimSlash( account.apiBase ),
				headers: {
					Authorization: `Bearer ${ token.access_token }`,
					'x-marketplace': account.marketplace,
					'Content-Type': 'application/json',
					Accept: 'application/json',
				},
			} ),
			expiresAt: now() + Math.max( 0, token.expires_in - 60 ) * 1000,
		};
		return current.client;
	};
}

const AVAILABILITY: Record< string, Availability > = {
	NOW: 'in_stock',
	IN_STOCK: 'in_stock',
	OUT_OF_STOCK: 'out_of_stock',
	PREORDER: 'preorder',
	BACKORDER: 'backorder',
};

export function normaliseAmazonItem(
	item: AmazonItem,
	account: Pick< AmazonAccount, 'marketplace' | 'partnerTag' | 'currency' >
): CatalogueItem {
	const listing = item.offersV2?.listings[ 0 ];
	const money = listing?.price?.money;
	const tld = amazonTld( account.marketplace );
	return {
		productKey: item.asin,
		programmeId: account.marketplace,
		title: item.itemInfo.title.displayValue,
		description: '',
		brand: item.itemInfo.byLineInfo?.brand?.displayValue ?? '',
		category: '',
		imageUrl: item.images?.primary?.large?.url ?? '',
		gtin: null,
		mpn: null,
		offers: [
			{
				offerKey: item.asin,
				merchantId: account.marketplace,
				merchantName: `Amazon.${ tld }`,
				landingUrl: `https://www.amazon.${ tld }/dp/${ item.asin }`,
				trackingUrl: amazonProductLink( account, item.asin ),
				priceMinor: money
					? parseMinorUnits( money.amount, money.currency )
					: null,
				rrpMinor: null,
				currency: money?.currency ?? account.currency,
				deliveryMinor: null,
				availability:
					AVAILABILITY[ listing?.availability?.type ?? '' ] ??
					'unknown',
				promoCode: null,
			},
		],
		raw: item,
	};
}

export async function* streamAmazonCatalogue(
	api: ( signal?: AbortSignal ) => Promise< HttpClient >,
	account: AmazonAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	for (
		let start = 0;
		start < account.asins.length;
		start += AMAZON_ITEMS_PER_CALL
	) {
		const asins = account.asins.slice(
			start,
			start + AMAZON_ITEMS_PER_CALL
		);
		const client = await api( options.signal );
		const answer = await client.requestJson(
			{
				method: 'POST',
				endpoint: GET_ITEMS_ENDPOINT,
				url: '/catalog/v1/getItems',
				body: {
					itemIds: asins,
					partnerTag: account.partnerTag,
					resources: AMAZON_RESOURCES,
				},
				signal: options.signal,
			},
			AmazonGetItemsSchema
		);
		const items = answer.itemsResult?.items ?? [];
		for ( const item of items ) {
			yield normaliseAmazonItem( item, account );
		}
		// An ASIN Amazon did not return is reported, not guessed.
		const returned = new Set( items.map( ( item ) => item.asin ) );
		const reasons = ( answer.errors ?? [] )
			.map( ( error ) => `${ error.code }: ${ error.message }` )
			.join( '; ' );
		for ( const [ index, asin ] of asins.entries() ) {
			if ( ! returned.has( asin ) ) {
				options.onRejectedRow?.( {
					row: start + index + 1,
					reason: `Amazon did not return ASIN ${ asin }${
						reasons ? ` (${ reasons })` : ''
					}`,
				} );
			}
		}
	}
}

export function createAmazonAdapter(
	account: AmazonAccount,
	options: AmazonClientOptions = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const api = createAmazonApi( account, options );
	return {
		network: AMAZON,
		accountId: account.partnerTag,
		// No programmes and no template: each product carries its ready link.
		listProgrammes: async () => [],
		listProgrammeIds: async () => [],
		buildLinkTemplate: () => {
			throw new PermanentError(
				'has no link template; every product carries its ready link',
				{ network: DISPLAY_NAME, endpoint: 'link template' }
			);
		},
		hasCatalogue: () => account.asins.length > 0,
		streamCatalogue: ( streamOptions = {} ) =>
			streamAmazonCatalogue( api, account, {
				...streamOptions,
				onRejectedRow:
					streamOptions.onRejectedRow ??
					( ( rejected ) =>
						log.warn( 'skipped an ASIN', {
							network: AMAZON,
							...rejected,
						} ) ),
			} ),
		// Earnings come from report files: `afflux-daemon import`.
	};
}
