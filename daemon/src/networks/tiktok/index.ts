import type { ZodType, ZodTypeDef } from 'zod';

import { PermanentError } from '../../http/errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { RetryOptions } from '../../http/retry';
import { describeZodError } from '../../http/zodErrors';
import { silentLogger, type Logger } from '../../logger';
import { parseFormattedMinorUnits } from '../../money';
import { isoFromUnixSeconds } from '../networkDates';
import type {
	Availability,
	CatalogueItem,
	NetworkAdapter,
	NormalisedTransaction,
	StreamCatalogueOptions,
	TransactionPage,
	TransactionStatus,
	TransactionWindow,
	TransactionWindowSpec,
} from '../types';
import {
	TikTokEnvelopeSchema,
	TikTokOrdersDataSchema,
	TikTokProductSchema,
	TikTokProductSearchDataSchema,
	TikTokSharingLinksDataSchema,
	type TikTokOrder,
	type TikTokOrderStatus,
	type TikTokProduct,
} from './schema';
import { tiktokSignature } from './sign';

export const TIKTOK = 'tiktok';
const DISPLAY_NAME = 'TikTok Shop';

export const TIKTOK_DEFAULT_API_BASE = 'https://open-api.tiktokglobalshop.com';

export const TIKTOK_PRODUCT_SEARCH_PATH =
	'/affiliate_creator/202405/open_collaborations/products/search';
export const TIKTOK_SHARING_LINKS_PATH =
	'/affiliate_creator/202505/affiliate_sharing_links/general_publishers/generate_batch';
export const TIKTOK_ORDERS_PATH = '/affiliate_creator/202410/orders/search';

/** generate_batch takes at most 50 ids; product pages are that size so one batch covers one. */
export const TIKTOK_LINK_BATCH = 50;
export const TIKTOK_PAGE_SIZE = 50;

/**
 * Orders by creation time (unix seconds), page tokens. No window limit is documented [unsure]:
 * 30 days a call. A status moves (ORDERED → SETTLED, REFUNDED) without a new creation time, so
 * 60 days are re-read on every run.
 */
export const TIKTOK_TRANSACTION_WINDOW: TransactionWindowSpec = {
	maxDays: 30,
	paging: 'page',
	trailingDays: 60,
};

export const TIKTOK_STATUS_MAP: Record< TikTokOrderStatus, TransactionStatus > =
	{
		ORDERED: 'pending',
		FROZEN: 'on_hold',
		SETTLED: 'approved',
		REFUNDED: 'reversed',
		DEDUCTED: 'reversed',
	};

export interface TikTokAccount {
	appKey: string;
	appSecret: string;
	accessToken: string;
	/** The creator's account (for cursors and transaction rows). */
	creatorId: string;
	/** Search terms for the catalogue; one search without a keyword when empty. */
	keywords: string[];
	/** At most this many result pages per search, to bound the calls. */
	maxPages: number;
	apiBase: string;
}

export interface TikTokClientOptions {
	log?: Logger;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	/** Unix seconds for `timestamp`; tests fix it. */
	now?: () => number;
}

function trimSlash( base: string ): string {
	return base.replace( /\/+$/, '' );
}

/** A signed POST: app_key, timestamp and sign in the query, the token in x-tts-access-token. */
export type TikTokCall = < T >(
	path: string,
	query: Record< string, string >,
	body: unknown,
	dataSchema: ZodType< T, ZodTypeDef, unknown >,
	signal?: AbortSignal
) => Promise< T >;

export function createTikTokCall(
	account: TikTokAccount,
	options: TikTokClientOptions = {}
): TikTokCall {
	const now = options.now ?? ( () => Math.floor( Date.now() / 1000 ) );
	const client: HttpClient = createHttpClient( {
		network: DISPLAY_NAME,
		baseURL: trimSlash( account.apiBase ),
		headers: {
			'x-tts-access-token': account.accessToken,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		log: options.log ?? silentLogger,
	} );
	return async ( path, query, body, dataSchema, signal ) => {
		// The body is signed as sent, so it is serialised once, here.
		const text = JSON.stringify( body );
		const params: Record< string, string > = {
			...query,
			app_key: account.appKey,
			timestamp: String( now() ),
		};
		params.sign = tiktokSignature( path, params, text, account.appSecret );
		const endpoint = `POST ${ path }`;
		const answer = await client.requestJson(
			{ method: 'POST', endpoint, url: path, params, body: text, signal },
			TikTokEnvelopeSchema
		);
		if ( answer.code !== 0 ) {
			throw new PermanentError(
				`API error ${ answer.code }: ${ answer.message ?? '' }`,
				{ network: DISPLAY_NAME, endpoint }
			);
		}
		const data = dataSchema.safeParse( answer.data );
		if ( ! data.success ) {
			throw new PermanentError(
				`response does not match the expected schema: data.${ describeZodError(
					data.error
				) }`,
				{ network: DISPLAY_NAME, endpoint }
			);
		}
		return data.data;
	};
}

/** Sharing links for up to 50 product ids: material_id → sharing_link. */
export async function generateTikTokSharingLinks(
	call: TikTokCall,
	productIds: string[],
	signal?: AbortSignal
): Promise< Map< string, string > > {
	if ( productIds.length > TIKTOK_LINK_BATCH ) {
		throw new RangeError( 'generate_batch takes at most 50 ids' );
	}
	const data = await call(
		TIKTOK_SHARING_LINKS_PATH,
		{},
		{ material: { ids: productIds, type: 'PRODUCT' } },
		TikTokSharingLinksDataSchema,
		signal
	);
	return new Map(
		data.sharing_links.map( ( link ) => [
			link.material_id,
			link.sharing_link,
		] )
	);
}

// has_inventory: true, false, or absent (unknown).
const AVAILABILITY: Record< string, Availability > = {
	true: 'in_stock',
	false: 'out_of_stock',
	undefined: 'unknown',
	null: 'unknown',
};

export function normaliseTikTokProduct(
	product: TikTokProduct,
	sharingLink: string | null
): CatalogueItem {
	const currency = product.sales_price.currency;
	const shopId = product.shop.id ?? product.shop.name;
	return {
		productKey: product.id,
		programmeId: shopId,
		title: product.title,
		description: '',
		brand: product.shop.name,
		category: '',
		imageUrl: product.main_image_url ?? '',
		gtin: null,
		mpn: null,
		offers: [
			{
				offerKey: product.id,
				merchantId: shopId,
				merchantName: product.shop.name,
				landingUrl: product.detail_link,
				// A ready link: TikTok's sharing links carry no sub id or landing parameter.
				trackingUrl: sharingLink,
				priceMinor: parseFormattedMinorUnits(
					product.sales_price.minimum_amount,
					currency
				),
				rrpMinor: null,
				currency,
				deliveryMinor: null,
				availability:
					AVAILABILITY[ String( product.has_inventory ) ] ??
					'unknown',
				promoCode: null,
			},
		],
		raw: product,
	};
}

export async function* streamTikTokCatalogue(
	call: TikTokCall,
	account: TikTokAccount,
	options: StreamCatalogueOptions = {}
): AsyncGenerator< CatalogueItem > {
	const searches = account.keywords.length > 0 ? account.keywords : [ '' ];
	let row = 0;
	for ( const keyword of searches ) {
		let pageToken = '';
		for ( let pages = 0; pages < account.maxPages; pages++ ) {
			const query: Record< string, string > = {
				page_size: String( TIKTOK_PAGE_SIZE ),
			};
			if ( pageToken ) {
				query.page_token = pageToken;
			}
			const data = await call(
				TIKTOK_PRODUCT_SEARCH_PATH,
				query,
				keyword ? { keyword } : {},
				TikTokProductSearchDataSchema,
				options.signal
			);
			const products: TikTokProduct[] = [];
			for ( const raw of data.products ) {
				row++;
				const product = TikTokProductSchema.safeParse( raw );
				if ( product.success ) {
					products.push( product.data );
				} else {
					options.onRejectedRow?.( {
						row,
						reason: `TikTok Shop product: ${ describeZodError(
							product.error
						) }`,
					} );
				}
			}
			for ( let at = 0; at < products.length; at += TIKTOK_LINK_BATCH ) {
				const batch = products.slice( at, at + TIKTOK_LINK_BATCH );
				const links = await generateTikTokSharingLinks(
					call,
					batch.map( ( product ) => product.id ),
					options.signal
				);
				for ( const product of batch ) {
					yield normaliseTikTokProduct(
						product,
						links.get( product.id ) ?? null
					);
				}
			}
			pageToken = data.next_page_token ?? '';
			if ( ! pageToken ) {
				break;
			}
		}
	}
}

// Commission of a sku: TikTok's estimate when given, else price × quantity × rate.
function skuAmounts(
	sku: TikTokOrder[ 'skus' ][ number ],
	currency: string
): { sale: number; commission: number } {
	const quantity = Number( sku.quantity ?? 1 );
	const sale =
		( parseFormattedMinorUnits( sku.price.amount, currency ) ?? 0 ) *
		quantity;
	const estimate = sku.estimated_commission
		? parseFormattedMinorUnits( sku.estimated_commission.amount, currency )
		: null;
	// commission_rate is in hundredths of a percent: 3000 = 30 % = 3000 / 10 000.
	const commission =
		estimate ??
		Math.round( ( sale * Number( sku.commission_rate ) ) / 10_000 );
	return { sale, commission };
}

export function normaliseTikTokOrder(
	order: TikTokOrder,
	accountId: string
): NormalisedTransaction {
	const currency = order.skus[ 0 ]?.price.currency ?? '';
	let saleMinor = 0;
	let commissionMinor = 0;
	for ( const sku of order.skus ) {
		if ( sku.price.currency !== currency ) {
			throw new PermanentError(
				`order ${ order.id } mixes currencies (${ currency }, ${ sku.price.currency })`,
				{
					network: DISPLAY_NAME,
					endpoint: `POST ${ TIKTOK_ORDERS_PATH }`,
				}
			);
		}
		const amounts = skuAmounts( sku, currency );
		saleMinor += amounts.sale;
		commissionMinor += amounts.commission;
	}
	return {
		network: TIKTOK,
		transactionId: order.id,
		accountId,
		programmeId: String(
			( order.shop as { id?: unknown } | undefined )?.id ?? ''
		),
		status: TIKTOK_STATUS_MAP[ order.status ],
		networkStatus: order.status,
		saleMinor,
		commissionMinor,
		currency,
		// Sharing links carry no sub id: TikTok orders cannot be attributed to a placement.
		subId: null,
		orderRef: order.id,
		clickAt: null,
		transactionAt: isoFromUnixSeconds( order.create_time ),
		validatedAt: null,
		paidAt: null,
		raw: order,
	};
}

export async function fetchTikTokOrders(
	call: TikTokCall,
	account: TikTokAccount,
	window: TransactionWindow,
	signal?: AbortSignal
): Promise< TransactionPage > {
	const query: Record< string, string > = {
		page_size: String( TIKTOK_PAGE_SIZE ),
	};
	if ( window.cursor ) {
		query.page_token = window.cursor;
	}
	const data = await call(
		TIKTOK_ORDERS_PATH,
		query,
		{
			create_time_ge: Math.floor( window.start.getTime() / 1000 ),
			create_time_lt: Math.floor( window.end.getTime() / 1000 ),
		},
		TikTokOrdersDataSchema,
		signal
	);
	return {
		transactions: data.orders.map( ( order ) =>
			normaliseTikTokOrder( order, account.creatorId )
		),
		nextCursor: data.next_page_token || undefined,
	};
}

export function createTikTokAdapter(
	account: TikTokAccount,
	options: TikTokClientOptions = {}
): NetworkAdapter {
	const log = options.log ?? silentLogger;
	const call = createTikTokCall( account, options );
	return {
		network: TIKTOK,
		accountId: account.creatorId,
		// Open collaborations have no joined-programme list; links are ready links per product.
		listProgrammes: async () => [],
		listProgrammeIds: async () => [],
		buildLinkTemplate: () => {
			throw new PermanentError(
				'has no link template; every product carries its sharing link',
				{ network: DISPLAY_NAME, endpoint: 'link template' }
			);
		},
		hasCatalogue: () => true,
		streamCatalogue: ( streamOptions = {} ) =>
			streamTikTokCatalogue( call, account, {
				...streamOptions,
				onRejectedRow:
					streamOptions.onRejectedRow ??
					( ( rejected ) =>
						log.warn( 'skipped a product', {
							network: TIKTOK,
							...rejected,
						} ) ),
			} ),
		transactionWindow: TIKTOK_TRANSACTION_WINDOW,
		fetchTransactions: ( window, signal ) =>
			fetchTikTokOrders( call, account, window, signal ),
	};
}
