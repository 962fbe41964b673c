import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import { PermanentError } from '../../http/errors';
import { fillTemplate } from '../../links/fillTemplate';
import {
	IMPACT_SANDBOX_SID,
	IMPACT_SANDBOX_TOKEN,
} from '../../sandbox/impactRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type { CatalogueItem, NetworkAdapter, RejectedRow } from '../types';
import {
	IMPACT_RATE_LIMIT,
	IMPACT_STATUS_MAP,
	IMPACT_TRANSACTION_WINDOW,
	createImpactAdapter,
	impactNextPageUrl,
	type ImpactAccount,
} from '.';
import { IMPACT_ACTION_STATES } from './schema';
import { fixtureReader } from '../../testing/fixtures';

const fixture = fixtureReader( __dirname );

const vectors = JSON.parse(
	readFileSync(
		join( __dirname, '../../../../tests/vectors/tracking-links.json' ),
		'utf8'
	)
) as { cases: Array< { network: string; template: string } > };

const noLimit = { acquire: async () => undefined };

const window = {
	start: new Date( '2026-08-01T00:00:00Z' ),
	end: new Date( '2026-09-14T00:00:00Z' ),
};

describe( 'Impact status mapping', () => {
	it.each( [
		[ 'PENDING', 'pending' ],
		[ 'APPROVED', 'approved' ],
		[ 'REVERSED', 'reversed' ],
	] )( 'maps %s to %s', ( state, status ) => {
		expect( IMPACT_STATUS_MAP[ state as 'PENDING' ] ).toBe( status );
	} );

	it( 'covers every State the schema accepts', () => {
		expect( Object.keys( IMPACT_STATUS_MAP ).sort() ).toEqual(
			[ ...IMPACT_ACTION_STATES ].sort()
		);
	} );
} );

describe( 'Impact documented limits', () => {
	it( 'declares 1000 calls an hour per account, 3600 on /Catalogs, 45-day windows 3 years back', () => {
		expect( IMPACT_RATE_LIMIT ).toEqual( {
			limit: 1000,
			windowMs: 3_600_000,
			scope: 'account',
			endpoints: { '/Catalogs': { limit: 3600, windowMs: 3_600_000 } },
		} );
		expect( IMPACT_TRANSACTION_WINDOW ).toMatchObject( {
			maxDays: 45,
			maxLookbackDays: 1095,
			paging: 'page',
		} );
	} );

	it( 'refuses a @nextpageuri that leaves the API host', () => {
		expect(
			impactNextPageUrl(
				{ apiBase: 'https://api.impact.com' },
				'/Mediapartners/IR1/Actions?Page=2',
				'GET /Actions'
			)
		).toBe( 'https://api.impact.com/Mediapartners/IR1/Actions?Page=2' );
		expect( () =>
			impactNextPageUrl(
				{ apiBase: 'https://api.impact.com' },
				'https://evil.example/steal',
				'GET /Actions'
			)
		).toThrow( 'Impact GET /Actions: @nextpageuri points to another host' );
	} );
} );

describe( 'Impact adapter against fixtures', () => {
	let server: LocalServer;
	let requests: string[];
	let headers: IncomingMessage[ 'headers' ][];
	let actionsFixture: string | undefined;
	let adapter: NetworkAdapter;

	function route( req: IncomingMessage, res: ServerResponse ): void {
		const url = new URL( req.url ?? '/', 'http://fixture.invalid' );
		requests.push( `${ req.method } ${ url.pathname }${ url.search }` );
		headers.push( req.headers );
		const send = ( name: string ): void => {
			res.writeHead( 200, { 'Content-Type': 'application/json' } );
			res.end( fixture( name ) );
		};
		const path = url.pathname.replace( '/Mediapartners/IRfixtureSID', '' );
		const page = url.searchParams.get( 'Page' ) ?? '1';
		if ( path === '/Campaigns' ) {
			send( 'campaigns.json' );
		} else if ( /^\/Programs\/\d+\/TrackingLinks$/.test( path ) ) {
			send( `tracking-link-${ path.split( '/' )[ 2 ] }.json` );
		} else if ( path === '/Catalogs' ) {
			send( 'catalogs.json' );
		} else if ( path === '/Catalogs/7001/Items' ) {
			send( `catalog-items-page${ page }.json` );
		} else if ( path === '/Actions' ) {
			send( actionsFixture ?? `actions-page${ page }.json` );
		} else {
			res.writeHead( 404 );
			res.end( '{}' );
		}
	}

	beforeAll( async () => {
		server = await startLocalServer( route );
	} );

	afterAll( () => server.close() );

	beforeEach( () => {
		requests = [];
		headers = [];
		actionsFixture = undefined;
		const account: ImpactAccount = {
			accountSid: 'IRfixtureSID',
			authToken: 'fixture-token',
			apiBase: server.url,
		};
		adapter = createImpactAdapter( account, {
			retry: { attempts: 1 },
			rateLimiter: noLimit,
			catalogRateLimiter: noLimit,
		} );
	} );

	it( 'authenticates with HTTP Basic AccountSID:AuthToken and asks for JSON', async () => {
		await adapter.listProgrammeIds();

		expect( headers[ 0 ] ).toMatchObject( {
			authorization: `Basic ${ Buffer.from(
				'IRfixtureSID:fixture-token'
			).toString( 'base64' ) }`,
			accept: 'application/json',
		} );
	} );

	it( 'lists campaigns, creates one tracking link each, and builds the vector-shaped template', async () => {
		const programmes = await adapter.listProgrammes();

		expect( requests ).toEqual( [
			'GET /Mediapartners/IRfixtureSID/Campaigns?PageSize=1000',
			'POST /Mediapartners/IRfixtureSID/Programs/14850/TrackingLinks',
			'POST /Mediapartners/IRfixtureSID/Programs/14900/TrackingLinks',
		] );
		expect(
			programmes.map( ( p ) => [
				p.programmeId,
				p.name,
				p.deeplinkEnabled,
			] )
		).toEqual( [
			[ '14850', 'Outdoor "Store" <EU>', true ],
			[ '14900', 'Café Crème FR', false ],
		] );
		const template = adapter.buildLinkTemplate( '14850' );
		const vector = vectors.cases.find(
			( candidate ) => candidate.network === 'impact'
		);
		expect( template ).toEqual( {
			programmeId: '14850',
			template: vector?.template,
			trackingHost: 'boutique.sjv.io',
		} );
		// Other parameters of the returned link stay; a stale subId1 does not.
		expect( adapter.buildLinkTemplate( '14900' ).template ).toBe(
			'https://cafe.pxf.io/c/3212345/1287600/14900?prodsku=ALL&subId1={sub_id}&u={landing_url}'
		);
		expect(
			fillTemplate(
				template.template,
				'https://www.outdoor-store.com/p?id=1',
				{ utm_source: 'blog' },
				'p1_a'
			)
		).toBe(
			'https://boutique.sjv.io/c/3212345/1287543/14850?subId1=p1_a&u=https%3A%2F%2Fwww.outdoor-store.com%2Fp%3Fid%3D1%26utm_source%3Dblog'
		);
	} );

	it( 'creates each tracking link once per adapter, and refuses a template for an unknown programme', async () => {
		await adapter.listProgrammeIds();
		await adapter.listProgrammeIds();

		expect(
			requests.filter( ( request ) =>
				request.includes( 'TrackingLinks' )
			)
		).toHaveLength( 2 );
		expect( () => adapter.buildLinkTemplate( '999' ) ).toThrow(
			PermanentError
		);
	} );

	it( 'reads actions page by page, numbers as strings, every State, offsets to UTC', async () => {
		const first = await adapter.fetchTransactions?.( window );
		const second = await adapter.fetchTransactions?.( {
			...window,
			cursor: first?.nextCursor,
		} );

		expect( requests ).toEqual( [
			'GET /Mediapartners/IRfixtureSID/Actions?StartDate=2026-08-01T00:00:00Z&EndDate=2026-09-14T00:00:00Z&Page=1&PageSize=1000',
			'GET /Mediapartners/IRfixtureSID/Actions?StartDate=2026-08-01T00:00:00Z&EndDate=2026-09-14T00:00:00Z&Page=2&PageSize=1000',
		] );
		expect( first?.nextCursor ).toBe( '2' );
		expect( second?.nextCursor ).toBeUndefined();
		const rows = [
			...( first?.transactions ?? [] ),
			...( second?.transactions ?? [] ),
		];
		expect(
			rows.map( ( t ) => [ t.transactionId, t.networkStatus, t.status ] )
		).toEqual( [
			[ '1000.4001.12345', 'PENDING', 'pending' ],
			[ '1000.4001.12346', 'APPROVED', 'approved' ],
			[ '1000.4001.12347', 'REVERSED', 'reversed' ],
		] );
		expect( rows[ 0 ] ).toMatchObject( {
			network: 'impact',
			accountId: 'IRfixtureSID',
			programmeId: '14850',
			saleMinor: 12900,
			commissionMinor: 1032,
			currency: 'EUR',
			subId: 'p12_a1b2c3d4',
			orderRef: 'ORD-7781',
			clickAt: '2026-08-03T16:58:00Z',
			transactionAt: '2026-08-03T17:02:11Z',
			validatedAt: null,
			paidAt: null,
		} );
		expect( rows[ 1 ]?.validatedAt ).toBe( '2026-09-04T00:00:00Z' );
		expect( rows[ 2 ] ).toMatchObject( {
			currency: 'USD',
			commissionMinor: 0,
			subId: null,
			clickAt: null,
			transactionAt: '2026-08-10T16:00:00Z',
		} );
		expect( rows[ 2 ]?.raw ).toMatchObject( { DeltaPayout: '-3.20' } );
	} );

	it( 'fails loudly, naming Impact and the field, on an unknown State', async () => {
		actionsFixture = 'actions-malformed.json';

		const error = await adapter
			.fetchTransactions?.( window )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^Impact GET \/Mediapartners\/\{sid\}\/Actions: response does not match the expected schema: Actions\[0\]\.State: Invalid enum value/
		);
	} );

	it( 'streams catalog items across @nextpageuri pages and reports an odd item without losing the rest', async () => {
		const items: CatalogueItem[] = [];
		const rejected: RejectedRow[] = [];
		for await ( const item of adapter.streamCatalogue( {
			onRejectedRow: ( row ) => rejected.push( row ),
		} ) ) {
			items.push( item );
		}

		expect( requests ).toEqual( [
			'GET /Mediapartners/IRfixtureSID/Catalogs',
			'GET /Mediapartners/IRfixtureSID/Catalogs/7001/Items?PageSize=1000',
			'GET /Mediapartners/IRfixtureSID/Catalogs/7001/Items?PageSize=1000&Page=2',
		] );
		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'7001-LAMP-01',
			'7001-TENT-02',
			'7001-BAG-03',
		] );
		expect( items[ 0 ] ).toMatchObject( {
			programmeId: '14850',
			title: 'Lampe solaire "Éclat" & piquet',
			brand: 'Éclat',
			gtin: '3700123456789',
			offers: [
				{
					merchantName: 'Outdoor "Store" <EU>',
					landingUrl:
						'https://www.outdoor-store.com/produit/lampe-solaire',
					trackingUrl:
						'https://outdoor.sjv.io/c/3212345/1287543/14850?prodsku=LAMP-01&u=https%3A%2F%2Fwww.outdoor-store.com%2Fproduit%2Flampe-solaire&intsrc=APIG_7001',
					priceMinor: 2490,
					rrpMinor: 2990,
					currency: 'EUR',
					availability: 'in_stock',
				},
			],
		} );
		expect( items[ 1 ]?.offers[ 0 ] ).toMatchObject( {
			landingUrl: '',
			rrpMinor: null,
			availability: 'out_of_stock',
		} );
		expect( items[ 2 ]?.offers[ 0 ]?.availability ).toBe( 'preorder' );
		expect( rejected ).toEqual( [
			{
				row: 4,
				reason: expect.stringMatching(
					/^Impact catalog 7001 item: StockAvailability: Invalid enum value/
				),
			},
		] );
	} );
} );

describe( 'Impact adapter against the sandbox', () => {
	let sandbox: Sandbox;
	let adapter: NetworkAdapter;

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p1_a', 'p2_b' ],
			now: () => new Date( '2026-11-21T08:00:00Z' ),
		} );
		adapter = createImpactAdapter(
			{
				accountSid: IMPACT_SANDBOX_SID,
				authToken: IMPACT_SANDBOX_TOKEN,
				apiBase: sandbox.url,
			},
			{
				retry: { attempts: 1 },
				rateLimiter: noLimit,
				catalogRateLimiter: noLimit,
			}
		);
	} );

	afterAll( () => sandbox.close() );

	it( 'syncs programmes, templates, the catalogue and a window of actions, the same rows twice', async () => {
		const programmes = await adapter.listProgrammes();
		const template = adapter.buildLinkTemplate( '5101' );
		const items: CatalogueItem[] = [];
		for await ( const item of adapter.streamCatalogue() ) {
			items.push( item );
		}
		const october = {
			start: new Date( '2026-10-01T00:00:00Z' ),
			end: new Date( '2026-11-14T00:00:00Z' ),
		};
		const first = await adapter.fetchTransactions?.( october );
		const again = await adapter.fetchTransactions?.( october );

		expect( programmes.map( ( p ) => p.name ) ).toContain(
			'Cave "Le Cépage" <Bordeaux>'
		);
		expect( template.template ).toBe(
			`${ sandbox.url }/impact/c/3212345/5101/5101?subId1={sub_id}&u={landing_url}`
		);
		expect( items ).toHaveLength( 10 );
		expect( items[ 0 ]?.offers[ 0 ]?.landingUrl ).toBe(
			`${ sandbox.url }/shop/impact-5101/item-1`
		);
		const rows = first?.transactions ?? [];
		expect( rows.length ).toBeGreaterThan( 5 );
		expect( again?.transactions ).toEqual( rows );
		expect( new Set( rows.map( ( row ) => row.networkStatus ) ) ).toEqual(
			new Set( [ 'PENDING', 'APPROVED', 'REVERSED' ] )
		);
		expect(
			rows.every( ( row ) =>
				[ 'p1_a', 'p2_b' ].includes( row.subId ?? '' )
			)
		).toBe( true );
		expect( sandbox.calls() ).toMatchObject( {
			'impact:Campaigns': 1,
			'impact:TrackingLinks': 3,
			'impact:Catalogs': 1,
			'impact:CatalogItems': 2,
			'impact:Actions': 2,
		} );
	} );

	it( 'is answered 400 for a window over 45 days, as Impact does', async () => {
		await expect(
			adapter.fetchTransactions?.( {
				start: new Date( '2026-09-01T00:00:00Z' ),
				end: new Date( '2026-11-01T00:00:00Z' ),
			} )
		).rejects.toThrow(
			'Impact GET /Mediapartners/{sid}/Actions: request rejected (HTTP 400)'
		);
	} );

	it( 'is refused with a wrong token, in plain words', async () => {
		const wrong = createImpactAdapter(
			{
				accountSid: IMPACT_SANDBOX_SID,
				authToken: 'wrong',
				apiBase: sandbox.url,
			},
			{ retry: { attempts: 1 }, rateLimiter: noLimit }
		);

		await expect( wrong.listProgrammeIds() ).rejects.toThrow(
			'Impact GET /Mediapartners/{sid}/Campaigns: credentials rejected (HTTP 401)'
		);
	} );
} );
