import type { IncomingMessage, ServerResponse } from 'node:http';

import { PermanentError } from '../../http/errors';
import { fillTemplate } from '../../links/fillTemplate';
import {
	TIKTOK_SANDBOX_ACCESS_TOKEN,
	TIKTOK_SANDBOX_APP_KEY,
	TIKTOK_SANDBOX_APP_SECRET,
} from '../../sandbox/tiktokRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type {
	CatalogueItem,
	NetworkAdapter,
	NormalisedTransaction,
	RejectedRow,
} from '../types';
import {
	TIKTOK_ORDERS_PATH,
	TIKTOK_STATUS_MAP,
	createTikTokAdapter,
	type TikTokAccount,
} from '.';
import { TIKTOK_ORDER_STATUSES } from './schema';
import { tiktokSignature } from './sign';
import { fixtureReader } from '../../testing/fixtures';

const fixture = fixtureReader( __dirname );

const window = {
	start: new Date( '2026-08-01T00:00:00Z' ),
	end: new Date( '2026-08-31T00:00:00Z' ),
};

describe( 'TikTok Shop status mapping', () => {
	it.each( [
		[ 'ORDERED', 'pending' ],
		[ 'FROZEN', 'on_hold' ],
		[ 'SETTLED', 'approved' ],
		[ 'REFUNDED', 'reversed' ],
		[ 'DEDUCTED', 'reversed' ],
	] )( 'maps %s to %s', ( network, status ) => {
		expect( TIKTOK_STATUS_MAP[ network as 'ORDERED' ] ).toBe( status );
	} );

	it( 'covers every status the schema accepts', () => {
		expect( Object.keys( TIKTOK_STATUS_MAP ).sort() ).toEqual(
			[ ...TIKTOK_ORDER_STATUSES ].sort()
		);
	} );
} );

describe( 'TikTok Shop request signature', () => {
	it( 'matches a vector computed independently with openssl dgst -sha256 -hmac', () => {
		// printf '%s' 'fixture-secret/affiliate_creator/202410/orders/searchapp_keyfixture-app-key
		// page_size50timestamp1790000000{"create_time_ge":1785542400,"create_time_lt":1788134400}
		// fixture-secret' | openssl dgst -sha256 -hmac fixture-secret   (one line, no breaks)
		expect(
			tiktokSignature(
				TIKTOK_ORDERS_PATH,
				{
					timestamp: '1790000000',
					page_size: '50',
					app_key: 'fixture-app-key',
					access_token: 'left out of the signature',
					sign: 'left out too',
				},
				'{"create_time_ge":1785542400,"create_time_lt":1788134400}',
				'fixture-secret'
			)
		).toBe(
			'98b763b43ddf770b324b40ae4976cbce219f77e07ff7796c47f452e8d1c0aefa'
		);
	} );
} );

describe( 'TikTok Shop adapter against fixtures', () => {
	let server: LocalServer;
	let requests: Array< {
		path: string;
		query: Record< string, string >;
		body: string;
		token: string | undefined;
	} >;
	let ordersFixtures: string[];
	let adapter: NetworkAdapter;

	function route( req: IncomingMessage, res: ServerResponse ): void {
		let body = '';
		req.on( 'data', ( chunk: Buffer ) => ( body += chunk.toString() ) );
		req.on( 'end', () => {
			const url = new URL( req.url ?? '/', 'http://fixture.invalid' );
			const query = Object.fromEntries( url.searchParams.entries() );
			requests.push( {
				path: url.pathname,
				query,
				body,
				token: req.headers[ 'x-tts-access-token' ] as string,
			} );
			let name = 'sharing-links.json';
			if ( url.pathname.endsWith( '/products/search' ) ) {
				name = query.page_token
					? 'products-page2.json'
					: 'products-page1.json';
			} else if ( url.pathname === TIKTOK_ORDERS_PATH ) {
				name = ordersFixtures.shift() ?? 'error-signature.json';
			}
			res.writeHead( 200, { 'Content-Type': 'application/json' } );
			res.end( fixture( name ) );
		} );
	}

	beforeAll( async () => {
		server = await startLocalServer( route );
	} );

	afterAll( () => server.close() );

	beforeEach( () => {
		requests = [];
		ordersFixtures = [ 'orders-page1.json', 'orders-page2.json' ];
		const account: TikTokAccount = {
			appKey: 'fixture-app-key',
			appSecret: 'fixture-secret',
			accessToken: 'fixture-access',
			creatorId: 'creator-1',
			keywords: [],
			maxPages: 5,
			apiBase: server.url,
		};
		adapter = createTikTokAdapter( account, {
			retry: { attempts: 1 },
			now: () => 1790000000,
		} );
	} );

	it( 'signs every call: app_key, timestamp, sign in the query, the token in x-tts-access-token', async () => {
		await adapter.fetchTransactions?.( window );

		const call = requests[ 0 ];
		expect( call ).toMatchObject( {
			path: TIKTOK_ORDERS_PATH,
			token: 'fixture-access',
			body: '{"create_time_ge":1785542400,"create_time_lt":1788134400}',
		} );
		expect( call?.query ).toEqual( {
			page_size: '50',
			app_key: 'fixture-app-key',
			timestamp: '1790000000',
			sign: '98b763b43ddf770b324b40ae4976cbce219f77e07ff7796c47f452e8d1c0aefa',
		} );
	} );

	it( 'reads orders by page token: hundredths-of-percent rates, formatted money, every status', async () => {
		const rows: NormalisedTransaction[] = [];
		let cursor: string | undefined;
		do {
			const page = await adapter.fetchTransactions?.( {
				...window,
				cursor,
			} );
			rows.push( ...( page?.transactions ?? [] ) );
			cursor = page?.nextCursor;
		} while ( cursor !== undefined );

		expect( requests[ 1 ]?.query.page_token ).toBe( 'orders-2' );
		expect(
			rows.map( ( t ) => [
				t.transactionId,
				t.networkStatus,
				t.status,
				t.saleMinor,
				t.commissionMinor,
			] )
		).toEqual( [
			// 1,234.50 € at 3000 (30 %) = 370.35 €.
			[ '577000000000000001', 'ORDERED', 'pending', 123450, 37035 ],
			// 2 × 19.90 € at 1500 (15 %) = 5.97 €.
			[ '577000000000000002', 'FROZEN', 'on_hold', 3980, 597 ],
			// TikTok's own estimate 2.90 € + 24.00 € at 20 % = 4.80 €.
			[ '577000000000000003', 'SETTLED', 'approved', 4390, 770 ],
			[ '577000000000000004', 'REFUNDED', 'reversed', 2400, 480 ],
			// "1 234,50": a space for thousands, a comma for decimals.
			[ '577000000000000005', 'DEDUCTED', 'reversed', 123450, 37035 ],
		] );
		expect( rows[ 0 ] ).toMatchObject( {
			network: 'tiktok',
			accountId: 'creator-1',
			currency: 'EUR',
			subId: null,
			transactionAt: '2026-08-02T10:00:00Z',
		} );
	} );

	it( 'fails loudly, naming TikTok Shop and the field, on an unknown status', async () => {
		ordersFixtures = [ 'orders-malformed.json' ];

		const error = await adapter
			.fetchTransactions?.( window )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^TikTok Shop POST \/affiliate_creator\/202410\/orders\/search: response does not match the expected schema: data\.orders\[0\]\.status: Invalid enum value/
		);
	} );

	it( 'turns an error envelope into an error quoting TikTok’s code and message', async () => {
		ordersFixtures = [ 'error-signature.json' ];

		await expect( adapter.fetchTransactions?.( window ) ).rejects.toThrow(
			'TikTok Shop POST /affiliate_creator/202410/orders/search: API error 106001: Invalid signature'
		);
	} );

	it( 'searches products page by page and gives each its sharing link as a ready link', async () => {
		const items: CatalogueItem[] = [];
		const rejected: RejectedRow[] = [];
		for await ( const item of adapter.streamCatalogue( {
			onRejectedRow: ( row ) => rejected.push( row ),
		} ) ) {
			items.push( item );
		}

		expect( requests.map( ( call ) => call.path ) ).toEqual( [
			'/affiliate_creator/202405/open_collaborations/products/search',
			'/affiliate_creator/202505/affiliate_sharing_links/general_publishers/generate_batch',
			'/affiliate_creator/202405/open_collaborations/products/search',
			'/affiliate_creator/202505/affiliate_sharing_links/general_publishers/generate_batch',
		] );
		expect( requests[ 1 ]?.body ).toBe(
			'{"material":{"ids":["1729384756001","1729384756002"],"type":"PRODUCT"}}'
		);
		expect( requests[ 2 ]?.query.page_token ).toBe( 'page-2-token' );
		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'1729384756001',
			'1729384756002',
			'1729384756004',
		] );
		expect( items[ 0 ] ).toMatchObject( {
			title: 'Sérum "Éclat" <vitamine C> & acide',
			offers: [
				{
					merchantName: 'Beauté & Co',
					landingUrl:
						'https://shop.tiktok.com/view/product/1729384756001',
					trackingUrl: 'https://vt.tiktok.com/ZS8kR2pXq/',
					priceMinor: 123450,
					currency: 'EUR',
					availability: 'in_stock',
				},
			],
		} );
		expect( items[ 1 ]?.offers[ 0 ]?.availability ).toBe( 'out_of_stock' );
		expect( rejected ).toEqual( [
			{
				row: 3,
				reason: 'TikTok Shop product: title: must not be empty',
			},
		] );
		// The shared vectors: a ready link comes back from the filler unchanged.
		expect(
			fillTemplate(
				items[ 0 ]?.offers[ 0 ]?.trackingUrl ?? '',
				'https://shop.tiktok.com/p',
				{ utm_source: 'blog' },
				'p1_a'
			)
		).toBe( 'https://vt.tiktok.com/ZS8kR2pXq/' );
	} );

	it( 'has no link template and no programme list', async () => {
		expect( await adapter.listProgrammeIds() ).toEqual( [] );
		expect( () => adapter.buildLinkTemplate( 'x' ) ).toThrow(
			PermanentError
		);
	} );
} );

describe( 'TikTok Shop adapter against the sandbox', () => {
	let sandbox: Sandbox;
	let account: TikTokAccount;
	const clock = new Date( '2026-11-21T08:00:00Z' );

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p1_a' ],
			now: () => clock,
		} );
		account = {
			appKey: TIKTOK_SANDBOX_APP_KEY,
			appSecret: TIKTOK_SANDBOX_APP_SECRET,
			accessToken: TIKTOK_SANDBOX_ACCESS_TOKEN,
			creatorId: 'sandbox-creator',
			keywords: [],
			maxPages: 10,
			apiBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	const now = () => Math.floor( clock.getTime() / 1000 );

	it( 'passes the sandbox’s signature check for products, links and every page of a month of orders', async () => {
		const adapter = createTikTokAdapter( account, {
			retry: { attempts: 1 },
			now,
		} );
		const items: CatalogueItem[] = [];
		for await ( const item of adapter.streamCatalogue() ) {
			items.push( item );
		}
		const rows: NormalisedTransaction[] = [];
		let cursor: string | undefined;
		do {
			const page = await adapter.fetchTransactions?.( {
				start: new Date( '2026-10-01T00:00:00Z' ),
				end: new Date( '2026-10-31T00:00:00Z' ),
				cursor,
			} );
			rows.push( ...( page?.transactions ?? [] ) );
			cursor = page?.nextCursor;
		} while ( cursor !== undefined );

		expect( items ).toHaveLength( 15 );
		expect( items[ 4 ]?.offers[ 0 ]?.priceMinor ).toBe( 180990 );
		expect(
			items.every(
				( item ) =>
					item.offers[ 0 ]?.trackingUrl?.startsWith(
						`${ sandbox.url }/tiktok/s/`
					)
			)
		).toBe( true );
		expect( rows.length ).toBeGreaterThan( 10 );
		expect( new Set( rows.map( ( row ) => row.transactionId ) ).size ).toBe(
			rows.length
		);
		expect( new Set( rows.map( ( row ) => row.status ) ) ).toEqual(
			new Set( [ 'pending', 'on_hold', 'approved', 'reversed' ] )
		);
		expect( sandbox.calls() ).toMatchObject( {
			'tiktok:products': 1,
			'tiktok:sharing_links': 1,
		} );
	} );

	it( 'is refused by the sandbox with a wrong secret, quoting TikTok’s error', async () => {
		const adapter = createTikTokAdapter(
			{ ...account, appSecret: 'wrong' },
			{ retry: { attempts: 1 }, now }
		);

		await expect( adapter.fetchTransactions?.( window ) ).rejects.toThrow(
			'API error 106001: Invalid signature'
		);
	} );
} );
