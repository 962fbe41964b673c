import {
	createServer,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import { encodeRfc3986 } from '../links/fillTemplate';
import {
	SANDBOX_NETWORKS,
	type SandboxNetworkRoutes,
	type SandboxRouteContext,
} from './networkRoutes';
import { productIdFromImagePath, productImageSvg } from './productImage';
import {
	MALFORMED_JSON_BODY,
	createSandboxTraffic,
	truncateResponse,
	type QuotaRule,
	type SandboxCall,
	type SandboxFault,
} from './sandboxTraffic';
import {
	AWIN_FEED_COLUMNS,
	AwinLinkBatchRequestSchema,
	AwinLinkRequestSchema,
	type AwinLinkRequest,
} from '../networks/awin/schema';
import {
	FIRST_PRODUCT_ID,
	SANDBOX_MERCHANTS,
	merchantByAdvertiserId,
	merchantBySlug,
	programmeDetails,
	programmeListEntry,
	sandboxProduct,
	sandboxTransactions,
	type SandboxDataOptions,
	type SandboxDateType,
} from './sandboxData';

export type { SandboxCall, SandboxFault } from './sandboxTraffic';

/**
 * A local stand-in for Awin's publisher API, product feeds and tracking host, so the daemon,
 * the plugin and the browser tests run offline. Listens on 127.0.0.1 only.
 */

export const SANDBOX_DEFAULTS = {
	host: '127.0.0.1',
	port: 8882,
	products: 120,
	publisherId: '123456',
	apiToken: 'sandbox-token',
	feedKey: 'sandbox-feed-key',
	feedIds: [ '1001', '1002', '1003' ],
	seed: 20261121,
} as const;

export type SandboxRoute =
	| 'programmes'
	| 'programmedetails'
	| 'transactions'
	| 'linkbuilder/generate'
	| 'linkbuilder/generate-batch'
	| 'datafeed'
	| 'cread'
	| 'shop'
	| 'image'
	| 'not_found';

export interface SandboxOptions {
	port?: number;
	host?: string;
	products?: number;
	subIds?: string[];
	publisherId?: string;
	apiToken?: string;
	feedKey?: string;
	feedIds?: string[];
	seed?: number;
	/** The base URL clients see (e.g. when a host name is mapped to the sandbox); default: its own URL. */
	publicBase?: string;
	now?: () => Date;
	/** Answer 429 above each network's documented rate limit (Awin: 20 calls/min per user). */
	enforceRateLimits?: boolean;
}

/** Awin's documented quota: 20 API calls a minute per user (the token identifies the user). */
const AWIN_QUOTA: QuotaRule = {
	limit: 20,
	windowMs: 60_000,
	routes: [
		'programmes',
		'programmedetails',
		'transactions',
		'linkbuilder/generate',
		'linkbuilder/generate-batch',
	],
};

export interface Sandbox {
	url: string;
	port: number;
	/**
	 * Calls per route since start (or the last resetCalls): Awin's routes by their bare name,
	 * other networks' as "<network>:<route>".
	 */
	calls(): Record< string, number >;
	/** Every call with its sandbox-clock time and answer, for quota checks. */
	callLog(): SandboxCall[];
	resetCalls(): void;
	/** Drops a product from the feed, as when a merchant stops selling it. */
	removeProduct( awProductId: string ): void;
	/** Overrides feed columns of one product (e.g. a new price). */
	updateProduct( awProductId: string, patch: Record< string, string > ): void;
	setProductCount( count: number ): void;
	/**
	 * Makes the next calls of a route fail: a status (429, 500, …), latency, no answer, a
	 * truncated or malformed body (see SandboxFault).
	 */
	injectFault( fault: SandboxFault ): void;
	clearFaults(): void;
	/** Overrides fields of one generated Awin transaction (a status change, a refund…). */
	patchTransaction( id: number, patch: Record< string, unknown > ): void;
	/** A pluggable network's routes object, for its test controls. */
	network< T extends SandboxNetworkRoutes >( name: string ): T;
	/** Cuts the next feed body after this many bytes, as a dropped connection would. */
	truncateNextFeed( bytes: number ): void;
	close(): Promise< void >;
}

function escapeHtml( value: string ): string {
	return value
		.replace( /&/g, '&amp;' )
		.replace( /</g, '&lt;' )
		.replace( />/g, '&gt;' )
		.replace( /"/g, '&quot;' )
		.replace( /'/g, '&#39;' );
}

function csvField( value: string ): string {
	return /[",\r\n]/.test( value )
		? `"${ value.replace( /"/g, '""' ) }"`
		: value;
}

function sendJson( res: ServerResponse, status: number, body: unknown ): void {
	const text = JSON.stringify( body );
	res.writeHead( status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength( text ),
	} );
	res.end( text );
}

function sendError(
	res: ServerResponse,
	status: number,
	error: string,
	description: string
): void {
	sendJson( res, status, { error, description } );
}

async function readBody( req: IncomingMessage ): Promise< unknown > {
	const chunks: Buffer[] = [];
	for await ( const chunk of req ) {
		chunks.push( chunk as Buffer );
	}
	const text = Buffer.concat( chunks ).toString( 'utf8' );
	return text === '' ? undefined : JSON.parse( text );
}

// Awin's date parameters: yyyy-MM-ddThh:mm:ss, read in UTC.
function parseAwinDate( value: string | null ): Date | null {
	if ( ! value || ! /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test( value ) ) {
		return null;
	}
	const date = new Date( `${ value }Z` );
	return Number.isNaN( date.getTime() ) ? null : date;
}

function appendQuery( url: string, pair: string ): string {
	const hashAt = url.indexOf( '#' );
	const base = hashAt === -1 ? url : url.slice( 0, hashAt );
	const fragment = hashAt === -1 ? '' : url.slice( hashAt );
	return `${ base }${
		base.includes( '?' ) ? '&' : '?'
	}${ pair }${ fragment }`;
}

export async function startSandbox(
	options: SandboxOptions = {}
): Promise< Sandbox > {
	const host = options.host ?? SANDBOX_DEFAULTS.host;
	const publisherId = options.publisherId ?? SANDBOX_DEFAULTS.publisherId;
	const apiToken = options.apiToken ?? SANDBOX_DEFAULTS.apiToken;
	const feedKey = options.feedKey ?? SANDBOX_DEFAULTS.feedKey;
	const feedIds = new Set< string >(
		options.feedIds ?? SANDBOX_DEFAULTS.feedIds
	);
	const seed = options.seed ?? SANDBOX_DEFAULTS.seed;
	const subIds = options.subIds ?? [];
	const now = options.now ?? ( () => new Date() );
	let productCount = options.products ?? SANDBOX_DEFAULTS.products;
	const removed = new Set< string >();
	const patches = new Map< string, Record< string, string > >();
	const traffic = createSandboxTraffic();
	const enforceRateLimits = options.enforceRateLimits ?? true;
	let truncateFeedAt: number | null = null;
	const counts: Record< string, number > = {};
	const transactionPatches = new Map< number, Record< string, unknown > >();
	let publicBase = options.publicBase?.replace( /\/+$/, '' ) ?? '';
	const networks: SandboxNetworkRoutes[] = SANDBOX_NETWORKS.map(
		( factory ) =>
			factory( {
				now,
				seed,
				publicBase: () => publicBase,
				subIds,
			} )
	);

	function data(): SandboxDataOptions {
		return { seed, publisherId, publicBase };
	}

	function count( key: string ): void {
		counts[ key ] = ( counts[ key ] ?? 0 ) + 1;
	}

	function isAuthorised( req: IncomingMessage, url: URL ): boolean {
		const header = req.headers.authorization ?? '';
		const token = header.startsWith( 'Bearer ' )
			? header.slice( 'Bearer '.length )
			: url.searchParams.get( 'accessToken' );
		return token === apiToken;
	}

	function productsOfFeeds(
		fids: Set< string >
	): Generator< Record< string, string > > {
		const dataOptions = data();
		return ( function* generate() {
			for ( let index = 0; index < productCount; index++ ) {
				const product = sandboxProduct( index, dataOptions );
				if ( removed.has( product.aw_product_id ?? '' ) ) {
					continue;
				}
				if ( ! fids.has( product.data_feed_id ?? '' ) ) {
					continue;
				}
				yield {
					...product,
					...patches.get( product.aw_product_id ?? '' ),
				};
			}
		} )();
	}

	async function serveFeed(
		res: ServerResponse,
		path: string
	): Promise< void > {
		const match =
			/^\/datafeed\/download\/apikey\/([^/]+)\/language\/any\/fid\/([^/]+)\/columns\/([^/]+)\/format\/csv\/delimiter\/(?:%2C|,)(?:\/compression\/(gzip))?\/?$/i.exec(
				path
			);
		if ( ! match ) {
			sendError( res, 404, 'Not Found', 'Unknown feed URL' );
			return;
		}
		if ( decodeURIComponent( match[ 1 ] ?? '' ) !== feedKey ) {
			sendError( res, 401, 'Unauthorized', 'Invalid feed API key' );
			return;
		}
		const columns = ( match[ 3 ] ?? '' )
			.split( /,|%2C/i )
			.map( decodeURIComponent );
		const unknown = columns.filter(
			( column ) =>
				! ( AWIN_FEED_COLUMNS as readonly string[] ).includes( column )
		);
		if ( unknown.length > 0 ) {
			sendError(
				res,
				400,
				'Bad Request',
				`Unknown column(s): ${ unknown.join( ', ' ) }`
			);
			return;
		}
		const fids = new Set(
			( match[ 2 ] ?? '' )
				.split( /,|%2C/i )
				.map( decodeURIComponent )
				.filter( ( fid ) => feedIds.has( fid ) )
		);
		const gzip = match[ 4 ] === 'gzip';
		const truncateAt = truncateFeedAt;
		truncateFeedAt = null;
		const rows = productsOfFeeds( fids );
		async function* csv(): AsyncGenerator< Buffer > {
			// Rows go out in chunks of 500 lines: flat memory whatever the product count.
			let lines = [ columns.map( csvField ).join( ',' ) ];
			for ( const row of rows ) {
				lines.push(
					columns
						.map( ( column ) => csvField( row[ column ] ?? '' ) )
						.join( ',' )
				);
				if ( lines.length >= 500 ) {
					yield Buffer.from( lines.join( '\n' ) + '\n', 'utf8' );
					lines = [];
				}
			}
			if ( lines.length > 0 ) {
				yield Buffer.from( lines.join( '\n' ) + '\n', 'utf8' );
			}
		}
		res.writeHead( 200, {
			'Content-Type': gzip
				? 'application/x-gzip'
				: 'text/csv; charset=utf-8',
		} );
		const source = gzip
			? Readable.from( csv() ).pipe( createGzip() )
			: Readable.from( csv() );
		if ( truncateAt === null ) {
			await pipeline( source, res );
			return;
		}
		// Write the first bytes, then drop the connection mid-body.
		let written = 0;
		for await ( const chunk of source as AsyncIterable< Buffer > ) {
			const room = truncateAt - written;
			if ( room <= 0 ) {
				break;
			}
			const part = chunk.subarray( 0, room );
			written += part.length;
			await new Promise< void >( ( resolve ) =>
				res.write( part, () => resolve() )
			);
		}
		res.socket?.destroy();
	}

	function linkFor(
		request: AwinLinkRequest
	): Record< string, unknown > | null {
		const merchant = merchantByAdvertiserId( request.advertiserId );
		if ( ! merchant ) {
			return null;
		}
		const destination =
			request.destinationUrl ??
			`${ publicBase }/shop/${ merchant.slug }/`;
		let url = `${ publicBase }/cread.php?awinmid=${ merchant.advertiserId }&awinaffid=${ publisherId }`;
		const parameters = request.parameters ?? {};
		for ( const [ key, value ] of Object.entries( parameters ) ) {
			if ( value !== undefined ) {
				url += `&${ key }=${ encodeRfc3986( value ) }`;
			}
		}
		url += `&ued=${ encodeRfc3986( destination ) }`;
		const short = (
			request.advertiserId * 7919 +
			destination.length
		).toString( 36 );
		return {
			url,
			shortUrl: request.shorten ? `${ publicBase }/s/${ short }` : null,
		};
	}

	async function handleApi(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		route: SandboxRoute
	): Promise< void > {
		if ( ! isAuthorised( req, url ) ) {
			sendError(
				res,
				401,
				'Unauthorized',
				'Invalid or missing access token'
			);
			return;
		}
		const pathPublisher = /^\/publishers\/([^/]+)\//.exec(
			url.pathname
		)?.[ 1 ];
		if ( pathPublisher !== publisherId ) {
			sendError(
				res,
				403,
				'Forbidden',
				'The token has no access to this publisher'
			);
			return;
		}
		switch ( route ) {
			case 'programmes': {
				const joined =
					url.searchParams.get( 'relationship' ) === 'joined';
				const country = url.searchParams.get( 'countryCode' ) ?? 'FR';
				sendJson(
					res,
					200,
					joined && country === 'FR'
						? SANDBOX_MERCHANTS.map( ( merchant ) =>
								programmeListEntry( merchant, data() )
						  )
						: []
				);
				return;
			}
			case 'programmedetails': {
				const merchant = merchantByAdvertiserId(
					Number( url.searchParams.get( 'advertiserId' ) )
				);
				if ( ! merchant ) {
					sendError(
						res,
						404,
						'Not Found',
						'Unknown or not joined advertiserId'
					);
					return;
				}
				sendJson( res, 200, programmeDetails( merchant, data() ) );
				return;
			}
			case 'transactions': {
				const start = parseAwinDate(
					url.searchParams.get( 'startDate' )
				);
				const end = parseAwinDate( url.searchParams.get( 'endDate' ) );
				if ( ! start || ! end || end < start ) {
					sendError(
						res,
						400,
						'Bad Request',
						'startDate and endDate must be yyyy-MM-ddThh:mm:ss, start before end'
					);
					return;
				}
				if ( end.getTime() - start.getTime() > 31 * 86_400_000 ) {
					sendError(
						res,
						400,
						'Bad Request',
						'Date range must not exceed 31 days'
					);
					return;
				}
				const dateType =
					url.searchParams.get( 'dateType' ) ?? 'transaction';
				if (
					! [ 'transaction', 'validation', 'amendment' ].includes(
						dateType
					)
				) {
					sendError(
						res,
						400,
						'Bad Request',
						'dateType must be transaction, validation or amendment'
					);
					return;
				}
				sendJson(
					res,
					200,
					sandboxTransactions( start, end, {
						...data(),
						subIds,
						now: now(),
						dateType: dateType as SandboxDateType,
						patches: transactionPatches,
					} )
				);
				return;
			}
			case 'linkbuilder/generate': {
				const parsed = AwinLinkRequestSchema.safeParse(
					await readBody( req )
				);
				const link = parsed.success ? linkFor( parsed.data ) : null;
				if ( ! link ) {
					sendError(
						res,
						400,
						'Bad Request',
						'Invalid link request'
					);
					return;
				}
				sendJson( res, 200, link );
				return;
			}
			case 'linkbuilder/generate-batch': {
				const parsed = AwinLinkBatchRequestSchema.safeParse(
					await readBody( req )
				);
				if ( ! parsed.success ) {
					sendError(
						res,
						400,
						'Bad Request',
						'requests must hold 1 to 100 link requests'
					);
					return;
				}
				sendJson( res, 200, {
					responses: parsed.data.requests.map( ( request ) => {
						const link = linkFor( request );
						return link
							? { status: 200, body: link }
							: {
									status: 400,
									body: {
										error: 'Bad Request',
										description: 'Unknown advertiserId',
									},
							  };
					} ),
				} );
				return;
			}
			default:
				sendError( res, 404, 'Not Found', 'Unknown route' );
		}
	}

	function serveClick( res: ServerResponse, url: URL ): void {
		const mid = url.searchParams.get( 'awinmid' ) ?? '';
		const affid = url.searchParams.get( 'awinaffid' ) ?? '';
		const clickref = url.searchParams.get( 'clickref' ) ?? '';
		const merchant = merchantByAdvertiserId( Number( mid ) );
		let destination = url.searchParams.get( 'ued' ) ?? '';
		if ( destination === '' && merchant ) {
			destination = `${ publicBase }/shop/${ merchant.slug }/`;
		}
		if ( ! /^https?:\/\//i.test( destination ) ) {
			sendError( res, 400, 'Bad Request', 'ued must be an http(s) URL' );
			return;
		}
		res.writeHead( 302, {
			Location: appendQuery(
				destination,
				`awc=${ encodeRfc3986( `${ mid }_${ affid }_${ clickref }` ) }`
			),
			'Cache-Control': 'no-store',
		} );
		res.end();
	}

	function serveShop( res: ServerResponse, url: URL ): void {
		const [ , , merchantSlug = '', productSlug = '' ] = url.pathname
			.split( '/' )
			.map( ( part ) => {
				try {
					return decodeURIComponent( part );
				} catch {
					return part;
				}
			} );
		const merchant = merchantBySlug( merchantSlug );
		const productId = /^produit-(\d+)$/.exec( productSlug )?.[ 1 ];
		const index = productId ? Number( productId ) - FIRST_PRODUCT_ID : -1;
		const product =
			index >= 0 && index < productCount
				? sandboxProduct( index, data() )
				: undefined;
		const title = product?.product_name ?? merchant?.name ?? 'Boutique';
		const params = [ ...url.searchParams.entries() ]
			.map(
				( [ key, value ] ) =>
					`<li><code class="param-name">${ escapeHtml(
						key
					) }</code> = <code class="param-value" data-param="${ escapeHtml(
						key
					) }">${ escapeHtml( value ) }</code></li>`
			)
			.join( '\n' );
		const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${ escapeHtml(
			title
		) }</title></head>
<body>
<h1 id="product-title">${ escapeHtml( title ) }</h1>
<p id="merchant">${ escapeHtml( merchant?.name ?? '' ) }</p>
${
	product
		? `<p id="price">${ escapeHtml(
				product.search_price ?? ''
		  ) } ${ escapeHtml( product.currency ?? '' ) }</p>`
		: ''
}
<h2>Paramètres reçus</h2>
<ul id="query-params">
${ params }
</ul>
</body></html>
`;
		res.writeHead( merchant ? 200 : 404, {
			'Content-Type': 'text/html; charset=utf-8',
		} );
		res.end( html );
	}

	function routeOf( method: string, path: string ): SandboxRoute {
		if (
			method === 'GET' &&
			/^\/publishers\/[^/]+\/programmes\/?$/.test( path )
		) {
			return 'programmes';
		}
		if (
			method === 'GET' &&
			/^\/publishers\/[^/]+\/programmedetails\/?$/.test( path )
		) {
			return 'programmedetails';
		}
		if (
			method === 'GET' &&
			/^\/publishers\/[^/]+\/transactions\/?$/.test( path )
		) {
			return 'transactions';
		}
		if (
			method === 'POST' &&
			/^\/publishers\/[^/]+\/linkbuilder\/generate\/?$/.test( path )
		) {
			return 'linkbuilder/generate';
		}
		if (
			method === 'POST' &&
			/^\/publishers\/[^/]+\/linkbuilder\/generate-batch\/?$/.test( path )
		) {
			return 'linkbuilder/generate-batch';
		}
		if ( method === 'GET' && path.startsWith( '/datafeed/download/' ) ) {
			return 'datafeed';
		}
		if ( method === 'GET' && path === '/cread.php' ) {
			return 'cread';
		}
		if ( method === 'GET' && path.startsWith( '/shop/' ) ) {
			return 'shop';
		}
		if ( method === 'GET' && productIdFromImagePath( path ) !== null ) {
			return 'image';
		}
		return 'not_found';
	}

	function routeContext(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		route: string
	): SandboxRouteContext {
		return {
			req,
			res,
			url,
			route,
			now,
			sendJson: ( status, body ) => sendJson( res, status, body ),
			sendError: ( status, error, description ) =>
				sendError( res, status, error, description ),
			readJsonBody: () => readBody( req ),
		};
	}

	function awinQuotaKey( req: IncomingMessage, url: URL ): string {
		return (
			req.headers.authorization ??
			url.searchParams.get( 'accessToken' ) ??
			''
		);
	}

	// Which network and route a request is for: Awin's own routes first, then the plugged-in
	// networks; unknown requests count as Awin's not_found.
	function resolveTarget(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL
	): {
		network: string;
		route: string;
		countKey: string;
		quotaKey: string;
		quotas: readonly QuotaRule[];
		answer: () => Promise< void >;
	} {
		const rawPath = ( req.url ?? '/' ).split( '?' )[ 0 ] ?? '/';
		const awinRoute = routeOf( req.method ?? 'GET', url.pathname );
		if ( awinRoute === 'not_found' ) {
			for ( const routes of networks ) {
				const route = routes.routeOf( req.method ?? 'GET', url );
				if ( route === undefined ) {
					continue;
				}
				const quotas = routes.rateLimits ?? [];
				return {
					network: routes.network,
					route,
					countKey: `${ routes.network }:${ route }`,
					quotaKey: `${ routes.network }:${
						quotas[ 0 ]?.keyOf?.( req, url ) ?? ''
					}`,
					quotas,
					answer: async () => {
						const answered = await routes.handle(
							routeContext( req, res, url, route )
						);
						if ( ! answered && ! res.headersSent ) {
							sendError( res, 404, 'Not Found', 'Unknown route' );
						}
					},
				};
			}
		}
		return {
			network: 'awin',
			route: awinRoute,
			countKey: awinRoute,
			quotaKey: `awin:${ awinQuotaKey( req, url ) }`,
			quotas: [ AWIN_QUOTA ],
			answer: () => answerAwin( req, res, url, rawPath, awinRoute ),
		};
	}

	async function answerAwin(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		rawPath: string,
		route: SandboxRoute
	): Promise< void > {
		switch ( route ) {
			case 'datafeed':
				await serveFeed( res, rawPath );
				return;
			case 'cread':
				serveClick( res, url );
				return;
			case 'shop':
				serveShop( res, url );
				return;
			case 'image':
				res.writeHead( 200, {
					'Content-Type': 'image/svg+xml',
					'Cache-Control': 'max-age=86400',
				} );
				res.end(
					productImageSvg(
						productIdFromImagePath( url.pathname ) ?? ''
					)
				);
				return;
			case 'not_found':
				sendError( res, 404, 'Not Found', 'Unknown route' );
				return;
			default:
				await handleApi( req, res, url, route );
		}
	}

	// The common layer: count, enforce quotas, apply injected faults, then answer.
	async function handle(
		req: IncomingMessage,
		res: ServerResponse
	): Promise< void > {
		const url = new URL( req.url ?? '/', 'http://sandbox.invalid' );
		if ( req.method === 'GET' && url.pathname === '/_sandbox/calls' ) {
			sendJson( res, 200, counts );
			return;
		}
		const target = resolveTarget( req, res, url );
		count( target.countKey );
		const call = traffic.record(
			target.network,
			target.route,
			now().getTime()
		);
		res.on( 'finish', () => {
			call.status = res.statusCode;
		} );
		const faults = traffic.take( target.network, target.route );
		const latency = faults.find( ( fault ) => fault.kind === 'latency' );
		if ( latency ) {
			await new Promise( ( resolveDelay ) =>
				setTimeout( resolveDelay, latency.latencyMs ?? 0 )
			);
		}
		if (
			enforceRateLimits &&
			traffic.exceedsQuota(
				target.quotaKey,
				target.route,
				target.quotas,
				call.at
			)
		) {
			call.rateLimited = true;
			// Awin sends no rate-limit headers with its 429.
			sendError( res, 429, 'Too Many Requests', 'Rate limit exceeded' );
			return;
		}
		const fault = faults.find(
			( candidate ) => candidate.kind !== 'latency'
		);
		switch ( fault?.kind ?? ( fault ? 'status' : undefined ) ) {
			case 'status':
				if ( fault?.retryAfterSeconds !== undefined ) {
					res.setHeader(
						'Retry-After',
						String( fault.retryAfterSeconds )
					);
				}
				sendError(
					res,
					fault?.status ?? 500,
					'Injected fault',
					`Sandbox fault for ${ target.route }`
				);
				return;
			case 'timeout':
				// No answer at all: the connection stays open until the client gives up.
				return;
			case 'malformed':
				res.writeHead( 200, {
					'Content-Type': 'application/json; charset=utf-8',
				} );
				res.end( MALFORMED_JSON_BODY );
				return;
			case 'body':
				sendJson( res, 200, fault?.body ?? null );
				return;
			case 'truncate':
				truncateResponse( res, fault?.bytes );
				break;
		}
		await target.answer();
	}

	const server = createServer( ( req, res ) => {
		handle( req, res ).catch( ( error: unknown ) => {
			if ( res.headersSent ) {
				res.destroy();
				return;
			}
			sendError(
				res,
				500,
				'Internal Server Error',
				String( ( error as Error ).message )
			);
		} );
	} );

	await new Promise< void >( ( resolve, reject ) => {
		server.once( 'error', reject );
		server.listen( options.port ?? 0, host, () => {
			server.off( 'error', reject );
			resolve();
		} );
	} );
	const port = ( server.address() as AddressInfo ).port;
	const url = `http://${ host }:${ port }`;
	if ( publicBase === '' ) {
		publicBase = url;
	}

	return {
		url,
		port,
		calls: () => ( { ...counts } ),
		callLog: () => traffic.log(),
		resetCalls: () => {
			for ( const key of Object.keys( counts ) ) {
				delete counts[ key ];
			}
			traffic.reset();
		},
		removeProduct: ( id ) => {
			removed.add( id );
		},
		updateProduct: ( id, patch ) => {
			patches.set( id, { ...patches.get( id ), ...patch } );
		},
		setProductCount: ( value ) => {
			productCount = value;
		},
		injectFault: ( fault ) => traffic.inject( fault ),
		clearFaults: () => traffic.clearFaults(),
		patchTransaction: ( id, patch ) => {
			transactionPatches.set( id, {
				...transactionPatches.get( id ),
				...patch,
			} );
		},
		network: < T extends SandboxNetworkRoutes >( name: string ): T => {
			const found = networks.find(
				( routes ) => routes.network === name
			);
			if ( ! found ) {
				throw new Error( `The sandbox has no network "${ name }"` );
			}
			return found as T;
		},
		truncateNextFeed: ( bytes ) => {
			truncateFeedAt = bytes;
		},
		close: () =>
			new Promise< void >( ( resolve, reject ) => {
				server.close( ( error ) =>
					error ? reject( error ) : resolve()
				);
				server.closeAllConnections();
			} ),
	};
}
