import type { IncomingMessage, ServerResponse } from 'node:http';

import { PermanentError } from '../../http/errors';
import { fillTemplate } from '../../links/fillTemplate';
import {
	RAKUTEN_SANDBOX_CLIENT_ID,
	RAKUTEN_SANDBOX_CLIENT_SECRET,
	RAKUTEN_SANDBOX_SITE_ID,
} from '../../sandbox/rakutenRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type { NetworkAdapter } from '../types';
import {
	RAKUTEN_NEGATIVE_ROW,
	RAKUTEN_POSITIVE_ROW,
	RAKUTEN_STATUS_MAP,
	buildRakutenLinkTemplate,
	createRakutenAdapter,
	type RakutenAccount,
} from '.';
import { fixtureReader, trackingLinkVectors } from '../../testing/fixtures';

const fixture = fixtureReader( __dirname );

const vectors = trackingLinkVectors();

const window = {
	start: new Date( '2026-08-01T00:00:00Z' ),
	end: new Date( '2026-08-31T00:00:00Z' ),
};

describe( 'Rakuten status mapping', () => {
	it.each( [
		[ RAKUTEN_POSITIVE_ROW, 'pending' ],
		[ RAKUTEN_NEGATIVE_ROW, 'reversed' ],
	] )( 'maps a %s to %s', ( row, status ) => {
		expect( RAKUTEN_STATUS_MAP[ row ] ).toBe( status );
	} );
} );

describe( 'Rakuten deep link template', () => {
	it( 'has the shape of the shared vectors: id, mid, murl, u1', () => {
		const template = buildRakutenLinkTemplate(
			{
				publisherId: 'AbCdEf12345',
				trackingBase: 'https://click.linksynergy.com',
			},
			'44556'
		);

		expect( template ).toEqual( {
			programmeId: '44556',
			template:
				'https://click.linksynergy.com/deeplink?id=AbCdEf12345&mid=44556&murl={landing_url}&u1={sub_id}',
			trackingHost: 'click.linksynergy.com',
		} );
		expect( vectors.networks.rakuten ).toBe(
			'https://click.linksynergy.com/deeplink?id={publisherId}&mid={advertiserId}&murl={landing_url}&u1={sub_id}'
		);
		expect(
			fillTemplate(
				template.template,
				'https://www.mode-paris.fr/robe?t=38',
				{ utm_source: 'blog' },
				'p1_a'
			)
		).toBe(
			'https://click.linksynergy.com/deeplink?id=AbCdEf12345&mid=44556&murl=https%3A%2F%2Fwww.mode-paris.fr%2Frobe%3Ft%3D38%26utm_source%3Dblog&u1=p1_a'
		);
	} );
} );

describe( 'Rakuten adapter against fixtures', () => {
	let server: LocalServer;
	let requests: string[];
	let transactionsFixture: string;
	let adapter: NetworkAdapter;

	function route( req: IncomingMessage, res: ServerResponse ): void {
		let body = '';
		req.on( 'data', ( chunk: Buffer ) => ( body += chunk.toString() ) );
		req.on( 'end', () => {
			requests.push(
				`${ req.method } ${ req.url } ${ req.headers.authorization } ${ body }`.trim()
			);
			const name =
				req.url === '/token' ? 'token.json' : transactionsFixture;
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
		transactionsFixture = 'transactions.json';
		const account: RakutenAccount = {
			clientId: 'fixture-client',
			clientSecret: 'fixture-secret',
			siteId: '3456789',
			publisherId: 'AbCdEf12345',
			advertisers: [ { advertiserId: '44556', name: 'Mode & Paris' } ],
			apiBase: server.url,
			trackingBase: 'https://click.linksynergy.com',
		};
		adapter = createRakutenAdapter( account, { retry: { attempts: 1 } } );
	} );

	it( 'gets a token once, then reads a bare array: positive rows pending, negative rows reversed', async () => {
		const page = await adapter.fetchTransactions?.( window );
		await adapter.fetchTransactions?.( window );

		const tokenKey = Buffer.from(
			'fixture-client:fixture-secret'
		).toString( 'base64' );
		expect( requests ).toEqual( [
			`POST /token Bearer ${ tokenKey } grant_type=client_credentials&scope=3456789`,
			'GET /events/1.0/transactions?process_date_start=2026-08-01+00:00:00&process_date_end=2026-08-31+00:00:00&limit=1000&page=1 Bearer fixture-access-token',
			'GET /events/1.0/transactions?process_date_start=2026-08-01+00:00:00&process_date_end=2026-08-31+00:00:00&limit=1000&page=1 Bearer fixture-access-token',
		] );
		const rows = page?.transactions ?? [];
		expect( page?.nextCursor ).toBeUndefined();
		expect(
			rows.map( ( t ) => [ t.transactionId, t.networkStatus, t.status ] )
		).toEqual( [
			[ 'a1b2c3d4e5', 'positive row', 'pending' ],
			[ 'a1b2c3d4e6', 'negative row', 'reversed' ],
			[ 'a1b2c3d4e7', 'positive row', 'pending' ],
		] );
		expect( rows[ 0 ] ).toMatchObject( {
			network: 'rakuten',
			accountId: '3456789',
			programmeId: '44556',
			saleMinor: 7990,
			commissionMinor: 639,
			currency: 'EUR',
			subId: 'p12_a1b2c3d4',
			orderRef: 'MP-1001',
			transactionAt: '2026-08-02T10:30:00Z',
		} );
		expect( rows[ 1 ] ).toMatchObject( {
			saleMinor: -7990,
			commissionMinor: -639,
		} );
		expect( rows[ 2 ] ).toMatchObject( {
			currency: 'JPY',
			saleMinor: 3000,
			commissionMinor: 150,
			subId: null,
			transactionAt: '2026-08-21T07:59:00Z',
		} );
	} );

	it( 'refuses a wrapped answer: the documented answer is a bare array', async () => {
		transactionsFixture = 'transactions-wrapped.json';

		await expect( adapter.fetchTransactions?.( window ) ).rejects.toThrow(
			/^Rakuten GET \/events\/1\.0\/transactions: response does not match the expected schema: \(root\): Expected array, received object/
		);
	} );

	it( 'fails loudly, naming Rakuten and the field, on an amount that is not one', async () => {
		transactionsFixture = 'transactions-malformed.json';

		const error = await adapter
			.fetchTransactions?.( window )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^Rakuten GET \/events\/1\.0\/transactions: response does not match the expected schema: \[0\]\.commissions: /
		);
	} );

	it( 'lists the configured advertisers and has no catalogue', async () => {
		expect( await adapter.listProgrammeIds() ).toEqual( [ '44556' ] );
		expect( adapter.hasCatalogue() ).toBe( false );
	} );
} );

describe( 'Rakuten adapter against the sandbox', () => {
	let sandbox: Sandbox;
	let account: RakutenAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p1_a', 'p2_b' ],
			now: () => new Date( '2026-11-21T08:00:00Z' ),
		} );
		account = {
			clientId: RAKUTEN_SANDBOX_CLIENT_ID,
			clientSecret: RAKUTEN_SANDBOX_CLIENT_SECRET,
			siteId: RAKUTEN_SANDBOX_SITE_ID,
			publisherId: 'AbCdEf12345',
			advertisers: [],
			apiBase: sandbox.url,
			trackingBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	it( 'reads a month with its returns as negative rows, the same rows twice', async () => {
		const adapter = createRakutenAdapter( account, {
			retry: { attempts: 1 },
		} );
		const october = {
			start: new Date( '2026-10-01T00:00:00Z' ),
			end: new Date( '2026-10-31T00:00:00Z' ),
		};
		const rows = ( await adapter.fetchTransactions?.( october ) )
			?.transactions;
		const again = ( await adapter.fetchTransactions?.( october ) )
			?.transactions;

		expect( rows?.length ).toBeGreaterThan( 5 );
		expect( again ).toEqual( rows );
		expect( new Set( rows?.map( ( row ) => row.status ) ) ).toEqual(
			new Set( [ 'pending', 'reversed' ] )
		);
		expect(
			rows
				?.filter( ( row ) => row.status === 'reversed' )
				.every( ( row ) => row.commissionMinor < 0 )
		).toBe( true );
		expect( sandbox.calls() ).toMatchObject( {
			'rakuten:token': 1,
			'rakuten:transactions': 2,
		} );
	} );

	it( 'is refused with a wrong secret, in plain words', async () => {
		const adapter = createRakutenAdapter(
			{ ...account, clientSecret: 'wrong' },
			{ retry: { attempts: 1 } }
		);

		await expect( adapter.fetchTransactions?.( window ) ).rejects.toThrow(
			'Rakuten POST /token: credentials rejected (HTTP 401)'
		);
	} );
} );
