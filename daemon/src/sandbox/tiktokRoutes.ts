import { SAFE_DEFAULT_RATE_LIMIT } from '../http/rateLimiter';
import type { IncomingMessage } from 'node:http';

import { tiktokSignature } from '../networks/tiktok/sign';
import {
	SANDBOX_ADVERTISERS,
	SANDBOX_PRODUCT_TITLES,
	centsText,
	sandboxDailyRows,
} from './networkSandboxRows';
import type {
	SandboxNetworkFactory,
	SandboxRateLimit,
	SandboxRouteContext,
} from './networkRoutes';
import { pick } from './prng';

/**
 * TikTok Shop's affiliate creator API in the sandbox: every call's signature, app key, access
 * token and timestamp are checked (errors come back in TikTok's envelope, HTTP 200); product
 * search and orders are paged by page_token; sharing links refuse more than 50 ids.
 */

export const TIKTOK_SANDBOX_APP_KEY = 'sandbox-tiktok-app';
export const TIKTOK_SANDBOX_APP_SECRET = 'sandbox-tiktok-secret';
export const TIKTOK_SANDBOX_ACCESS_TOKEN = 'sandbox-tiktok-token';

const PATHS: Record< string, string > = {
	'/affiliate_creator/202405/open_collaborations/products/search': 'products',
	'/affiliate_creator/202505/affiliate_sharing_links/general_publishers/generate_batch':
		'sharing_links',
	'/affiliate_creator/202410/orders/search': 'orders',
};
const STATUSES = [
	'ORDERED',
	'FROZEN',
	'SETTLED',
	'REFUNDED',
	'DEDUCTED',
] as const;

function readText( req: IncomingMessage ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		let text = '';
		req.on( 'data', ( chunk: Buffer ) => {
			text += chunk.toString();
		} );
		req.on( 'end', () => resolve( text ) );
		req.on( 'error', reject );
	} );
}

// A page of `rows` by page_size and an offset carried in page_token.
function paged< T >(
	context: SandboxRouteContext,
	rows: T[]
): { rows: T[]; next: string } {
	const size = Math.max(
		1,
		Number( context.url.searchParams.get( 'page_size' ) ?? '20' ) || 20
	);
	const offset = Number(
		context.url.searchParams.get( 'page_token' ) || '0'
	);
	const end = offset + size;
	return {
		rows: rows.slice( offset, end ),
		next: end < rows.length ? String( end ) : '',
	};
}

/**
 * No limit is documented for TikTok Shop (docs/networks.md): the sandbox enforces the conservative
 * limit the daemon's limiter applies to it (SAFE_DEFAULT_RATE_LIMIT, one limiter for the API host), so a limiter
 * regression is refused here as the real network would refuse abuse.
 */
export const TIKTOK_QUOTAS: SandboxRateLimit[] = [
	{
		...SAFE_DEFAULT_RATE_LIMIT,
		routes: [ 'products', 'sharing_links', 'orders' ],
	},
];

export const tiktokRoutes: SandboxNetworkFactory = ( options ) => {
	const ok = ( context: SandboxRouteContext, data: unknown ): void =>
		context.sendJson( 200, {
			code: 0,
			message: 'Success',
			request_id: 'sandbox',
			data,
		} );
	const refuse = (
		context: SandboxRouteContext,
		code: number,
		message: string
	): void =>
		context.sendJson( 200, {
			code,
			message,
			request_id: 'sandbox',
			data: null,
		} );

	function products(): Array< Record< string, unknown > > {
		return SANDBOX_ADVERTISERS.flatMap( ( advertiser ) =>
			SANDBOX_PRODUCT_TITLES.map( ( title, index ) => ( {
				id: `17${ advertiser.id }${ index + 1 }`,
				title,
				main_image_url: `${ options.publicBase() }/images/tiktok-${
					advertiser.id
				}-${ index + 1 }.svg`,
				detail_link: `${ options.publicBase() }/shop/tiktok-${
					advertiser.id
				}/product-${ index + 1 }`,
				sales_price: {
					currency: 'EUR',
					minimum_amount: centsText( 990 + index * 45_000 ).replace(
						/\B(?=(\d{3})+\.)/g,
						','
					),
				},
				commission: { rate: 1000 + index * 500 },
				has_inventory: index % 4 !== 3,
				shop: { name: advertiser.name, id: advertiser.id },
			} ) )
		);
	}

	function orders( context: SandboxRouteContext, body: unknown ): void {
		const { create_time_ge: from, create_time_lt: to } = ( body ?? {} ) as {
			create_time_ge?: unknown;
			create_time_lt?: unknown;
		};
		if (
			typeof from !== 'number' ||
			typeof to !== 'number' ||
			to <= from
		) {
			refuse(
				context,
				12052700,
				'create_time_ge and create_time_lt are required'
			);
			return;
		}
		const rows = [];
		for ( const row of sandboxDailyRows(
			'tiktok',
			options.seed,
			{
				start: new Date( from * 1000 ),
				end: new Date( to * 1000 - 1 ),
				now: context.now(),
			},
			options.subIds
		) ) {
			const rate = 1000 + Math.floor( row.random() * 4 ) * 500;
			rows.push( {
				id: `577${ row.key }`,
				status: pick( row.random, STATUSES ),
				create_time: Math.floor( row.at.getTime() / 1000 ),
				shop: { name: row.advertiser.name, id: row.advertiser.id },
				skus: [
					{
						product_id: `17${ row.advertiser.id }1`,
						quantity: 1,
						price: {
							amount: centsText( row.saleCents ),
							currency: 'EUR',
						},
						commission_rate: rate,
					},
				],
			} );
		}
		const page = paged( context, rows );
		ok( context, { orders: page.rows, next_page_token: page.next } );
	}

	return {
		network: 'tiktok',
		rateLimits: TIKTOK_QUOTAS,
		routeOf: ( method, url ) =>
			method === 'POST' ? PATHS[ url.pathname ] : undefined,
		handle: async ( context ) => {
			const text = await readText( context.req );
			const query: Record< string, string > = {};
			context.url.searchParams.forEach( ( value, key ) => {
				query[ key ] = value;
			} );
			const expected = tiktokSignature(
				context.url.pathname,
				query,
				text,
				TIKTOK_SANDBOX_APP_SECRET
			);
			if (
				query.app_key !== TIKTOK_SANDBOX_APP_KEY ||
				query.sign !== expected
			) {
				refuse( context, 106001, 'Invalid signature' );
				return true;
			}
			const age = Math.abs(
				context.now().getTime() / 1000 - Number( query.timestamp )
			);
			if ( ! ( age <= 300 ) ) {
				refuse( context, 106002, 'Timestamp expired' );
				return true;
			}
			if (
				context.req.headers[ 'x-tts-access-token' ] !==
				TIKTOK_SANDBOX_ACCESS_TOKEN
			) {
				refuse( context, 105002, 'Invalid access token' );
				return true;
			}
			const body: unknown = text === '' ? undefined : JSON.parse( text );
			if ( context.route === 'products' ) {
				const page = paged( context, products() );
				ok( context, {
					products: page.rows,
					next_page_token: page.next,
				} );
			} else if ( context.route === 'sharing_links' ) {
				const ids =
					( body as { material?: { ids?: unknown } } | undefined )
						?.material?.ids ?? [];
				if ( ! Array.isArray( ids ) || ids.length > 50 ) {
					refuse( context, 12052701, 'At most 50 material ids' );
					return true;
				}
				ok( context, {
					sharing_links: ids.map( ( id ) => ( {
						material_id: String( id ),
						sharing_link: `${ options.publicBase() }/tiktok/s/${ String(
							id
						) }`,
					} ) ),
				} );
			} else {
				orders( context, body );
			}
			return true;
		},
	};
};
