import { SAFE_DEFAULT_RATE_LIMIT } from '../http/rateLimiter';
import { SANDBOX_PRODUCT_TITLES, centsText } from './networkSandboxRows';
import type { SandboxNetworkFactory, SandboxRateLimit } from './networkRoutes';

/**
 * Amazon's Creators API in the sandbox: the client-credentials token (/amazon/auth/o2/token) and
 * getItems (at most 10 ASINs, x-marketplace required). ASINs "B0SANDBOX1".."B0SANDBOX5" exist;
 * any other comes back in `errors`, as Amazon reports an item it cannot return.
 */

export const AMAZON_SANDBOX_CLIENT_ID = 'sandbox-amazon-client';
export const AMAZON_SANDBOX_CLIENT_SECRET = 'sandbox-amazon-secret';
export const AMAZON_SANDBOX_ACCESS_TOKEN = 'sandbox-amazon-access';
export const AMAZON_SANDBOX_ASINS = SANDBOX_PRODUCT_TITLES.map(
	( _title, index ) => `B0SANDBOX${ index + 1 }`
);

/**
 * No limit is documented for Amazon's Creators API (docs/networks.md): the sandbox enforces the conservative
 * limit the daemon's limiter applies to it (SAFE_DEFAULT_RATE_LIMIT, one limiter per host: the token host and the API host apart), so a limiter
 * regression is refused here as the real network would refuse abuse.
 */
export const AMAZON_QUOTAS: SandboxRateLimit[] = [
	{ ...SAFE_DEFAULT_RATE_LIMIT, routes: [ 'token' ] },
	{ ...SAFE_DEFAULT_RATE_LIMIT, routes: [ 'getItems' ] },
];

export const amazonRoutes: SandboxNetworkFactory = ( options ) => ( {
	network: 'amazon',
	rateLimits: AMAZON_QUOTAS,
	routeOf: ( method, url ) => {
		if ( method !== 'POST' ) {
			return undefined;
		}
		if ( url.pathname === '/amazon/auth/o2/token' ) {
			return 'token';
		}
		return url.pathname === '/catalog/v1/getItems' ? 'getItems' : undefined;
	},
	handle: async ( context ) => {
		if ( context.route === 'token' ) {
			const text = await new Promise< string >( ( resolve ) => {
				let body = '';
				context.req.on( 'data', ( chunk: Buffer ) => {
					body += chunk.toString();
				} );
				context.req.on( 'end', () => resolve( body ) );
			} );
			const form = new URLSearchParams( text );
			if (
				form.get( 'grant_type' ) !== 'client_credentials' ||
				form.get( 'client_id' ) !== AMAZON_SANDBOX_CLIENT_ID ||
				form.get( 'client_secret' ) !== AMAZON_SANDBOX_CLIENT_SECRET
			) {
				context.sendError( 401, 'invalid_client', 'Unknown client' );
				return true;
			}
			context.sendJson( 200, {
				access_token: AMAZON_SANDBOX_ACCESS_TOKEN,
				token_type: 'bearer',
				expires_in: 3600,
			} );
			return true;
		}
		if (
			context.req.headers.authorization !==
			`Bearer ${ AMAZON_SANDBOX_ACCESS_TOKEN }`
		) {
			context.sendError( 401, 'Unauthorized', 'Invalid access token' );
			return true;
		}
		const marketplace = context.req.headers[ 'x-marketplace' ];
		const body = ( await context.readJsonBody() ) as
			| { itemIds?: unknown; partnerTag?: unknown }
			| undefined;
		const ids = Array.isArray( body?.itemIds ) ? body.itemIds : [];
		if (
			typeof marketplace !== 'string' ||
			! body?.partnerTag ||
			ids.length === 0 ||
			ids.length > 10
		) {
			context.sendError(
				400,
				'InvalidParameterValue',
				'itemIds (1 to 10), partnerTag and x-marketplace are required'
			);
			return true;
		}
		const items = [];
		const errors = [];
		for ( const id of ids.map( String ) ) {
			const index = AMAZON_SANDBOX_ASINS.indexOf( id );
			const title = SANDBOX_PRODUCT_TITLES[ index ];
			if ( title === undefined ) {
				errors.push( {
					code: 'ItemNotAccessible',
					message: `The ItemId ${ id } is not accessible through the Creators API.`,
				} );
				continue;
			}
			items.push( {
				asin: id,
				detailPageURL: `https://${ marketplace }/dp/${ id }?tag=${ String(
					body.partnerTag
				) }`,
				itemInfo: {
					title: { displayValue: title },
					byLineInfo: { brand: { displayValue: 'Marque & Cie' } },
				},
				images: {
					primary: {
						large: {
							url: `${ options.publicBase() }/images/amazon-${ id }.svg`,
						},
					},
				},
				offersV2: {
					listings: [
						{
							price: {
								money: {
									amount: centsText( 990 + index * 450 ),
									currency: 'EUR',
								},
							},
							availability: {
								type:
									index % 4 === 3
										? 'OUT_OF_STOCK'
										: 'IN_STOCK',
							},
						},
					],
				},
			} );
		}
		context.sendJson( 200, {
			itemsResult: { items },
			...( errors.length > 0 ? { errors } : {} ),
		} );
		return true;
	},
} );
