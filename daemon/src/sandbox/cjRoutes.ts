import { SAFE_DEFAULT_RATE_LIMIT } from '../http/rateLimiter';
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
 * CJ in the sandbox: the GraphQL commissions API under /cj-commissions/query (31-day posting
 * windows, pages of COMMISSIONS_PAGE records by sinceCommissionId, correction records), the
 * GraphQL products API under /cj-ads/query, and the click redirect /click-{PID}-{AID}. Only the
 * arguments the adapter sends are read from the query text.
 */

export const CJ_SANDBOX_TOKEN = 'sandbox-cj-token';
export const CJ_SANDBOX_COMPANY_ID = '7654321';
export const CJ_SANDBOX_WEBSITE_ID = '100200300';

const DAY_MS = 86_400_000;
const COMMISSIONS_PAGE = 4;
const STATUSES = [ 'new', 'extended', 'locked', 'closed' ] as const;

function argument( query: string, name: string ): string | undefined {
	return new RegExp( `${ name }:\\s*"([^"]*)"` ).exec( query )?.[ 1 ];
}

function queryOf( body: unknown ): string {
	const query = ( body as { query?: unknown } | undefined )?.query;
	return typeof query === 'string' ? query : '';
}

/**
 * No limit is documented for CJ (docs/networks.md): the sandbox enforces the conservative
 * limit the daemon's limiter applies to it (SAFE_DEFAULT_RATE_LIMIT, one limiter per host: commissions and products apart), so a limiter
 * regression is refused here as the real network would refuse abuse.
 */
export const CJ_QUOTAS: SandboxRateLimit[] = [
	{ ...SAFE_DEFAULT_RATE_LIMIT, routes: [ 'commissions' ] },
	{ ...SAFE_DEFAULT_RATE_LIMIT, routes: [ 'products' ] },
];

export const cjRoutes: SandboxNetworkFactory = ( options ) => {
	function commissionRecords(
		context: SandboxRouteContext,
		start: Date,
		end: Date
	): Array< Record< string, unknown > > {
		const records: Array< Record< string, unknown > > = [];
		for ( const row of sandboxDailyRows(
			'cj',
			options.seed,
			{ start, end, now: context.now() },
			options.subIds
		) ) {
			const status = pick( row.random, STATUSES );
			const base = {
				actionStatus: status,
				actionType: 'sale',
				advertiserId: row.advertiser.id,
				advertiserName: row.advertiser.name,
				orderId: `CJ-${ row.key }`,
				eventDate: row.at.toISOString(),
				postingDate: row.at.toISOString(),
				lockingDate: new Date(
					row.at.getTime() + 30 * DAY_MS
				).toISOString(),
				clickDate: new Date( row.at.getTime() - 600_000 ).toISOString(),
				shopperId: row.subId ?? '',
			};
			records.push( {
				...base,
				commissionId: `${ row.key }0`,
				saleAmountPubCurrency: centsText( row.saleCents ),
				pubCommissionAmountPubCurrency: centsText(
					row.commissionCents
				),
				original: true,
				correctionReason: null,
			} );
			// One sale in five is returned: CJ adds a correction record beside the original.
			if ( row.random() < 0.2 ) {
				records.push( {
					...base,
					commissionId: `${ row.key }1`,
					saleAmountPubCurrency: centsText( -row.saleCents ),
					pubCommissionAmountPubCurrency: centsText(
						-row.commissionCents
					),
					original: false,
					correctionReason: 'RETURNED_MERCHANDISE',
				} );
			}
		}
		return records.sort(
			( a, b ) => Number( a.commissionId ) - Number( b.commissionId )
		);
	}

	function commissions( context: SandboxRouteContext, query: string ): void {
		const publisher = /forPublishers:\s*\[\s*"([^"]*)"/.exec(
			query
		)?.[ 1 ];
		if ( publisher !== CJ_SANDBOX_COMPANY_ID ) {
			context.sendJson( 200, {
				data: null,
				errors: [ { message: 'Not authorized for this publisher' } ],
			} );
			return;
		}
		const start = Date.parse( argument( query, 'sincePostingDate' ) ?? '' );
		const end = Date.parse( argument( query, 'beforePostingDate' ) ?? '' );
		if ( Number.isNaN( start ) || Number.isNaN( end ) || end < start ) {
			context.sendJson( 200, {
				data: null,
				errors: [ { message: 'Invalid posting dates' } ],
			} );
			return;
		}
		if ( end - start > 31 * DAY_MS ) {
			context.sendJson( 200, {
				data: null,
				errors: [ { message: 'Date range cannot exceed 31 days' } ],
			} );
			return;
		}
		const since = Number( argument( query, 'sinceCommissionId' ) ?? '0' );
		const after = commissionRecords(
			context,
			new Date( start ),
			new Date( end )
		).filter( ( record ) => Number( record.commissionId ) > since );
		const records = after.slice( 0, COMMISSIONS_PAGE );
		context.sendJson( 200, {
			data: {
				publisherCommissions: {
					count: records.length,
					payloadComplete: after.length <= COMMISSIONS_PAGE,
					maxCommissionId:
						records[ records.length - 1 ]?.commissionId ?? null,
					records,
				},
			},
		} );
	}

	function products( context: SandboxRouteContext, query: string ): void {
		const partners = (
			/partnerIds:\s*\[([^\]]*)\]/.exec( query )?.[ 1 ] ?? ''
		)
			.split( ',' )
			.map( ( id ) => id.trim().replace( /"/g, '' ) );
		const limit = Number( /limit:\s*(\d+)/.exec( query )?.[ 1 ] ?? '10' );
		const offset = Number( /offset:\s*(\d+)/.exec( query )?.[ 1 ] ?? '0' );
		const pid = argument( query, 'pid' ) ?? '';
		const all = SANDBOX_ADVERTISERS.filter( ( advertiser ) =>
			partners.includes( advertiser.id )
		).flatMap( ( advertiser ) =>
			SANDBOX_PRODUCT_TITLES.map( ( title, index ) => {
				const link = `${ options.publicBase() }/shop/cj-${
					advertiser.id
				}/produit-${ index + 1 }`;
				return {
					id: `${ advertiser.id }-${ index + 1 }`,
					advertiserId: advertiser.id,
					title,
					description: `${ title } — ${ advertiser.name }`,
					price: {
						amount: centsText( 990 + index * 450 ),
						currency: 'EUR',
					},
					availability: index % 4 === 3 ? 'out of stock' : 'in stock',
					link,
					imageLink: `${ options.publicBase() }/images/cj-${
						advertiser.id
					}-${ index + 1 }.svg`,
					linkCode: {
						clickUrl: `${ options.publicBase() }/click-${ pid }-9${
							advertiser.id
						}?url=${ encodeURIComponent( link ) }`,
					},
				};
			} )
		);
		const resultList = all.slice( offset, offset + limit );
		context.sendJson( 200, {
			data: {
				products: {
					totalCount: all.length,
					count: resultList.length,
					resultList,
				},
			},
		} );
	}

	return {
		network: 'cj',
		rateLimits: CJ_QUOTAS,
		routeOf: ( method, url ) => {
			if ( method === 'GET' && url.pathname.startsWith( '/click-' ) ) {
				return 'click';
			}
			if ( method !== 'POST' ) {
				return undefined;
			}
			if ( url.pathname === '/cj-commissions/query' ) {
				return 'commissions';
			}
			return url.pathname === '/cj-ads/query' ? 'products' : undefined;
		},
		handle: async ( context ) => {
			if ( context.route === 'click' ) {
				const landing = context.url.searchParams.get( 'url' ) ?? '';
				context.res.writeHead( 302, {
					Location: landing.startsWith( `${ options.publicBase() }/` )
						? landing
						: `${ options.publicBase() }/shop/cj`,
				} );
				context.res.end();
				return true;
			}
			if (
				context.req.headers.authorization !==
				`Bearer ${ CJ_SANDBOX_TOKEN }`
			) {
				context.sendError( 401, 'Unauthorized', 'Invalid token' );
				return true;
			}
			const query = queryOf( await context.readJsonBody() );
			if ( context.route === 'commissions' ) {
				commissions( context, query );
			} else {
				products( context, query );
			}
			return true;
		},
	};
};
