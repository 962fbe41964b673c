import type { IncomingMessage, ServerResponse } from 'node:http';

import { PermanentError } from '../../http/errors';
import { fillTemplate } from '../../links/fillTemplate';
import {
	CJ_SANDBOX_COMPANY_ID,
	CJ_SANDBOX_TOKEN,
	CJ_SANDBOX_WEBSITE_ID,
} from '../../sandbox/cjRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type {
	CatalogueItem,
	NetworkAdapter,
	NormalisedTransaction,
	RejectedRow,
} from '../types';
import {
	CJ_STATUS_MAP,
	CJ_TRANSACTION_WINDOW,
	buildCjLinkTemplate,
	createCjAdapter,
	type CjAccount,
} from '.';
import { CJ_ACTION_STATUSES } from './schema';
import { fixtureReader, trackingLinkVectors } from '../../testing/fixtures';

const fixture = fixtureReader( __dirname );

const vectors = trackingLinkVectors();

const window = {
	start: new Date( '2026-08-01T00:00:00Z' ),
	end: new Date( '2026-09-01T00:00:00Z' ),
};

describe( 'CJ status mapping', () => {
	it.each( [
		[ 'new', 'pending' ],
		[ 'extended', 'pending' ],
		[ 'locked', 'approved' ],
		[ 'closed', 'paid' ],
	] )( 'maps %s to %s', ( network, status ) => {
		expect( CJ_STATUS_MAP[ network as 'new' ] ).toBe( status );
	} );

	it( 'covers every actionStatus the schema accepts', () => {
		expect( Object.keys( CJ_STATUS_MAP ).sort() ).toEqual(
			[ ...CJ_ACTION_STATUSES ].sort()
		);
	} );

	it( 'reads 31-day windows paged by sinceCommissionId', () => {
		expect( CJ_TRANSACTION_WINDOW ).toMatchObject( {
			maxDays: 31,
			paging: 'sinceId',
		} );
	} );
} );

describe( 'CJ link template', () => {
	it( 'has the shape of the shared vectors: click-{PID}-{AID}, url and sid', () => {
		const template = buildCjLinkTemplate(
			{
				websiteId: '100200300',
				trackingBase: 'https://www.anrdoezrs.net',
				advertisers: [ { advertiserId: '4567890', adId: '13579' } ],
			},
			'4567890'
		);

		expect( template ).toEqual( {
			programmeId: '4567890',
			template:
				'https://www.anrdoezrs.net/click-100200300-13579?url={landing_url}&sid={sub_id}',
			trackingHost: 'www.anrdoezrs.net',
		} );
		expect( vectors.networks.cj ).toBe(
			'https://www.anrdoezrs.net/click-{PID}-{AID}?url={landing_url}&sid={sub_id}'
		);
		expect(
			fillTemplate(
				template.template,
				'https://www.maison-lumiere.fr/lampe?id=1',
				{ utm_source: 'blog' },
				'p1_a'
			)
		).toBe(
			'https://www.anrdoezrs.net/click-100200300-13579?url=https%3A%2F%2Fwww.maison-lumiere.fr%2Flampe%3Fid%3D1%26utm_source%3Dblog&sid=p1_a'
		);
	} );

	it( 'refuses an advertiser without a configured ad id', () => {
		expect( () =>
			buildCjLinkTemplate(
				{
					websiteId: '1',
					trackingBase: 'https://www.anrdoezrs.net',
					advertisers: [],
				},
				'4567890'
			)
		).toThrow(
			'CJ link template: no ad id is configured for advertiser 4567890'
		);
	} );
} );

describe( 'CJ adapter against fixtures', () => {
	let server: LocalServer;
	let bodies: string[];
	let authorizations: Array< string | undefined >;
	let commissionFixtures: string[];
	let adapter: NetworkAdapter;

	function route( req: IncomingMessage, res: ServerResponse ): void {
		let body = '';
		req.on( 'data', ( chunk: Buffer ) => ( body += chunk.toString() ) );
		req.on( 'end', () => {
			bodies.push( `${ req.method } ${ req.url } ${ body }` );
			authorizations.push( req.headers.authorization );
			const name =
				req.url === '/commissions/query'
					? commissionFixtures.shift()
					: 'products.json';
			res.writeHead( name ? 200 : 404, {
				'Content-Type': 'application/json',
			} );
			res.end( name ? fixture( name ) : '{}' );
		} );
	}

	beforeAll( async () => {
		server = await startLocalServer( route );
	} );

	afterAll( () => server.close() );

	beforeEach( () => {
		bodies = [];
		authorizations = [];
		commissionFixtures = [
			'commissions-page1.json',
			'commissions-page2.json',
		];
		const account: CjAccount = {
			companyId: '7654321',
			websiteId: '100200300',
			accessToken: 'fixture-pat',
			currency: 'EUR',
			advertisers: [
				{
					advertiserId: '4567890',
					adId: '13579',
					name: 'Maison "Lumière" & Co',
				},
				{ advertiserId: '4567891', adId: '24680' },
			],
			commissionsBase: `${ server.url }/commissions`,
			productsBase: `${ server.url }/ads`,
			trackingBase: 'https://www.anrdoezrs.net',
		};
		adapter = createCjAdapter( account, { retry: { attempts: 1 } } );
	} );

	it( 'pages publisherCommissions with sinceCommissionId = maxCommissionId until payloadComplete', async () => {
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

		expect( authorizations[ 0 ] ).toBe( 'Bearer fixture-pat' );
		expect( bodies ).toHaveLength( 2 );
		expect( bodies[ 0 ] ).toContain(
			'publisherCommissions(forPublishers: [\\"7654321\\"], sincePostingDate: \\"2026-08-01T00:00:00Z\\", beforePostingDate: \\"2026-09-01T00:00:00Z\\")'
		);
		expect( bodies[ 1 ] ).toContain(
			'sinceCommissionId: \\"3001234567\\"'
		);
		expect(
			rows.map( ( t ) => [ t.transactionId, t.networkStatus, t.status ] )
		).toEqual( [
			[ '3001234566', 'new', 'pending' ],
			[ '3001234567', 'extended', 'pending' ],
			[ '3001234568', 'locked', 'approved' ],
			[ '3001234569', 'closed', 'paid' ],
			[ '3001234570', 'new', 'reversed' ],
		] );
		expect( rows[ 0 ] ).toMatchObject( {
			network: 'cj',
			accountId: '7654321',
			programmeId: '4567890',
			saleMinor: 8990,
			commissionMinor: 719,
			currency: 'EUR',
			subId: 'p12_a1b2c3d4',
			orderRef: 'CMD-1001',
			clickAt: '2026-08-02T10:01:00Z',
			transactionAt: '2026-08-02T10:15:00Z',
			validatedAt: null,
		} );
		expect( rows[ 1 ] ).toMatchObject( {
			saleMinor: 12000,
			commissionMinor: 960,
			subId: null,
			transactionAt: '2026-08-03T13:00:00Z',
		} );
		expect( rows[ 2 ]?.validatedAt ).toBe( '2026-09-05T00:00:00Z' );
		expect( rows[ 4 ] ).toMatchObject( {
			orderRef: 'CMD-1001',
			commissionMinor: -719,
			raw: { original: false, correctionReason: 'RETURNED_MERCHANDISE' },
		} );
	} );

	it( 'fails loudly, naming CJ and the field, on an unknown actionStatus', async () => {
		commissionFixtures = [ 'commissions-malformed.json' ];

		const error = await adapter
			.fetchTransactions?.( window )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^CJ POST \/query publisherCommissions: response does not match the expected schema: data\.publisherCommissions\.records\[0\]\.actionStatus: Invalid enum value/
		);
	} );

	it( 'refuses a GraphQL answer with errors, quoting them', async () => {
		commissionFixtures = [ 'commissions-errors.json' ];

		await expect( adapter.fetchTransactions?.( window ) ).rejects.toThrow(
			'CJ POST /query publisherCommissions: GraphQL error: Date range cannot exceed 31 days'
		);
	} );

	it( 'streams products with their linkCode click URL, skipping an odd one', async () => {
		const items: CatalogueItem[] = [];
		const rejected: RejectedRow[] = [];
		for await ( const item of adapter.streamCatalogue( {
			onRejectedRow: ( row ) => rejected.push( row ),
		} ) ) {
			items.push( item );
		}

		expect( bodies[ 0 ] ).toContain(
			'products(companyId: \\"7654321\\", partnerIds: [\\"4567890\\", \\"4567891\\"], limit: 500, offset: 0)'
		);
		expect( bodies[ 0 ] ).toContain( 'linkCode(pid: \\"100200300\\")' );
		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'P-1001',
			'P-1002',
		] );
		expect( items[ 0 ] ).toMatchObject( {
			programmeId: '4567890',
			title: 'Lampe "Lumière" <design> & abat-jour',
			offers: [
				{
					merchantName: 'Maison "Lumière" & Co',
					landingUrl: 'https://www.maison-lumiere.fr/lampe-1001',
					trackingUrl:
						'https://www.anrdoezrs.net/links/100200300/type/dlg/sid/X/https%3A%2F%2Fwww.maison-lumiere.fr%2Flampe-1001',
					priceMinor: 4990,
					currency: 'EUR',
					availability: 'in_stock',
				},
			],
		} );
		expect( items[ 1 ]?.offers[ 0 ] ).toMatchObject( {
			trackingUrl: null,
			priceMinor: 39900,
			availability: 'out_of_stock',
		} );
		expect( rejected ).toEqual( [
			{
				row: 3,
				reason: expect.stringMatching( /^CJ product: price\.amount: / ),
			},
		] );
	} );
} );

describe( 'CJ adapter against the sandbox', () => {
	let sandbox: Sandbox;
	let account: CjAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p1_a', 'p2_b' ],
			now: () => new Date( '2026-11-21T08:00:00Z' ),
		} );
		account = {
			companyId: CJ_SANDBOX_COMPANY_ID,
			websiteId: CJ_SANDBOX_WEBSITE_ID,
			accessToken: CJ_SANDBOX_TOKEN,
			currency: 'EUR',
			advertisers: [
				{ advertiserId: '5101', adId: '95101', name: 'Librairie' },
				{ advertiserId: '5102', adId: '95102' },
			],
			commissionsBase: `${ sandbox.url }/cj-commissions`,
			productsBase: `${ sandbox.url }/cj-ads`,
			trackingBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	async function readWindow(
		adapter: NetworkAdapter
	): Promise< NormalisedTransaction[] > {
		const rows: NormalisedTransaction[] = [];
		let cursor: string | undefined;
		do {
			const page = await adapter.fetchTransactions?.( {
				start: new Date( '2026-10-01T00:00:00Z' ),
				end: new Date( '2026-11-01T00:00:00Z' ),
				cursor,
			} );
			rows.push( ...( page?.transactions ?? [] ) );
			cursor = page?.nextCursor;
		} while ( cursor !== undefined );
		return rows;
	}

	it( 'reads every page of a month of commissions with corrections, the same rows twice, and the products', async () => {
		const adapter = createCjAdapter( account, { retry: { attempts: 1 } } );
		const rows = await readWindow( adapter );
		const again = await readWindow( adapter );
		const items: CatalogueItem[] = [];
		for await ( const item of adapter.streamCatalogue() ) {
			items.push( item );
		}

		expect( rows.length ).toBeGreaterThan( 8 );
		expect( again ).toEqual( rows );
		expect( new Set( rows.map( ( row ) => row.transactionId ) ).size ).toBe(
			rows.length
		);
		expect( new Set( rows.map( ( row ) => row.status ) ) ).toEqual(
			new Set( [ 'pending', 'approved', 'paid', 'reversed' ] )
		);
		expect( items ).toHaveLength( 10 );
		expect( items[ 0 ]?.offers[ 0 ]?.trackingUrl ).toBe(
			`${
				sandbox.url
			}/click-${ CJ_SANDBOX_WEBSITE_ID }-95101?url=${ encodeURIComponent(
				`${ sandbox.url }/shop/cj-5101/produit-1`
			) }`
		);
		expect( sandbox.calls()[ 'cj:commissions' ] ).toBeGreaterThan( 2 );
		expect( sandbox.calls()[ 'cj:products' ] ).toBe( 1 );
	} );

	it( 'gets the 31-day limit back as a GraphQL error', async () => {
		const adapter = createCjAdapter( account, { retry: { attempts: 1 } } );

		await expect(
			adapter.fetchTransactions?.( {
				start: new Date( '2026-09-01T00:00:00Z' ),
				end: new Date( '2026-11-01T00:00:00Z' ),
			} )
		).rejects.toThrow( 'GraphQL error: Date range cannot exceed 31 days' );
	} );

	it( 'is refused with a wrong token, in plain words', async () => {
		const adapter = createCjAdapter(
			{ ...account, accessToken: 'wrong' },
			{ retry: { attempts: 1 } }
		);

		await expect( adapter.fetchTransactions?.( window ) ).rejects.toThrow(
			'CJ POST /query publisherCommissions: credentials rejected (HTTP 401)'
		);
	} );
} );
