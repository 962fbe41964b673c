import { SAFE_DEFAULT_RATE_LIMIT } from '../http/rateLimiter';
import { centsText, sandboxDailyRows } from './networkSandboxRows';
import type {
	SandboxNetworkFactory,
	SandboxRateLimit,
	SandboxRouteContext,
} from './networkRoutes';

/**
 * Rakuten Advertising in the sandbox: POST /token, the Events API's transactions as a bare
 * array by process date with `limit`/`page` (one sale in five comes back as a negative row ten
 * days later) and the /deeplink redirect.
 */

export const RAKUTEN_SANDBOX_CLIENT_ID = 'sandbox-rakuten-client';
export const RAKUTEN_SANDBOX_CLIENT_SECRET = 'sandbox-rakuten-secret';
export const RAKUTEN_SANDBOX_SITE_ID = '3456789';
export const RAKUTEN_SANDBOX_ACCESS_TOKEN = 'sandbox-rakuten-access';

const DAY_MS = 86_400_000;
const RETURN_DELAY_MS = 10 * DAY_MS;

function processDate( value: string | null ): number {
	return Date.parse( `${ ( value ?? '' ).replace( ' ', 'T' ) }Z` );
}

/**
 * No limit is documented for Rakuten (docs/networks.md): the sandbox enforces the conservative
 * limit the daemon's limiter applies to it (SAFE_DEFAULT_RATE_LIMIT, one limiter for the API host, token calls included), so a limiter
 * regression is refused here as the real network would refuse abuse.
 */
export const RAKUTEN_QUOTAS: SandboxRateLimit[] = [
	{ ...SAFE_DEFAULT_RATE_LIMIT, routes: [ 'token', 'transactions' ] },
];

export const rakutenRoutes: SandboxNetworkFactory = ( options ) => {
	function transactions( context: SandboxRouteContext ): void {
		const params = context.url.searchParams;
		const start = processDate( params.get( 'process_date_start' ) );
		const end = processDate( params.get( 'process_date_end' ) );
		if ( Number.isNaN( start ) || Number.isNaN( end ) || end < start ) {
			context.sendError(
				400,
				'Bad Request',
				'process_date_start and process_date_end must be yyyy-MM-dd HH:mm:ss'
			);
			return;
		}
		const rows = [];
		for ( const row of sandboxDailyRows(
			'rakuten',
			options.seed,
			{
				start: new Date( start - RETURN_DELAY_MS ),
				end: new Date( end ),
				now: context.now(),
			},
			options.subIds
		) ) {
			const base = {
				advertiser_id: Number( row.advertiser.id ),
				sid: Number( RAKUTEN_SANDBOX_SITE_ID ),
				order_id: `RK-${ row.key }`,
				offer_id: '889911',
				sku_number: `SKU-${ row.key }`,
				transaction_date: row.at.toISOString(),
				transaction_type: 'realtime',
				product_name: `Commande ${ row.advertiser.name }`,
				u1: row.subId ?? '',
				currency: 'EUR',
				is_event: 'N',
			};
			const returned = row.random() < 0.2;
			const at = row.at.getTime();
			if ( at >= start && at <= end ) {
				rows.push( {
					...base,
					etransaction_id: `rk${ row.key }`,
					sale_amount: row.saleCents / 100,
					quantity: 1,
					commissions: row.commissionCents / 100,
					process_date: row.at.toISOString(),
				} );
			}
			const returnedAt = at + RETURN_DELAY_MS;
			if (
				returned &&
				returnedAt >= start &&
				returnedAt <= Math.min( end, context.now().getTime() )
			) {
				rows.push( {
					...base,
					etransaction_id: `rk${ row.key }r`,
					sale_amount: centsText( -row.saleCents ),
					quantity: -1,
					commissions: centsText( -row.commissionCents ),
					process_date: new Date( returnedAt ).toISOString(),
					transaction_type: 'batch',
				} );
			}
		}
		const limit = Math.max(
			1,
			Number( params.get( 'limit' ) ?? '100' ) || 100
		);
		const page = Math.max( 1, Number( params.get( 'page' ) ?? '1' ) || 1 );
		context.sendJson(
			200,
			rows.slice( ( page - 1 ) * limit, page * limit )
		);
	}

	return {
		network: 'rakuten',
		rateLimits: RAKUTEN_QUOTAS,
		routeOf: ( method, url ) => {
			if ( method === 'POST' && url.pathname === '/token' ) {
				return 'token';
			}
			if (
				method === 'GET' &&
				url.pathname === '/events/1.0/transactions'
			) {
				return 'transactions';
			}
			if ( method === 'GET' && url.pathname === '/deeplink' ) {
				return 'deeplink';
			}
			return undefined;
		},
		handle: async ( context ) => {
			if ( context.route === 'deeplink' ) {
				const landing = context.url.searchParams.get( 'murl' ) ?? '';
				context.res.writeHead( 302, {
					Location: landing.startsWith( `${ options.publicBase() }/` )
						? landing
						: `${ options.publicBase() }/shop/rakuten`,
				} );
				context.res.end();
				return true;
			}
			if ( context.route === 'token' ) {
				const body = await new Promise< string >( ( resolve ) => {
					let text = '';
					context.req.on( 'data', ( chunk: Buffer ) => {
						text += chunk.toString();
					} );
					context.req.on( 'end', () => resolve( text ) );
				} );
				const key = Buffer.from(
					`${ RAKUTEN_SANDBOX_CLIENT_ID }:${ RAKUTEN_SANDBOX_CLIENT_SECRET }`
				).toString( 'base64' );
				if (
					context.req.headers.authorization !== `Bearer ${ key }` ||
					new URLSearchParams( body ).get( 'scope' ) !==
						RAKUTEN_SANDBOX_SITE_ID
				) {
					context.sendError(
						401,
						'invalid_client',
						'Invalid token key or scope'
					);
					return true;
				}
				context.sendJson( 200, {
					token_type: 'bearer',
					expires_in: 3600,
					refresh_token: 'sandbox-rakuten-refresh',
					access_token: RAKUTEN_SANDBOX_ACCESS_TOKEN,
				} );
				return true;
			}
			if (
				context.req.headers.authorization !==
				`Bearer ${ RAKUTEN_SANDBOX_ACCESS_TOKEN }`
			) {
				context.sendError(
					401,
					'Unauthorized',
					'Invalid access token'
				);
				return true;
			}
			transactions( context );
			return true;
		},
	};
};
