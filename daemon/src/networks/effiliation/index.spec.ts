import type { IncomingMessage, ServerResponse } from 'node:http';

import { PermanentError } from '../../http/errors';
import { fillTemplate } from '../../links/fillTemplate';
import { EFFILIATION_SANDBOX_KEY } from '../../sandbox/effiliationRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type { CatalogueItem, NetworkAdapter } from '../types';
import {
	EFFILIATION_STATUS_MAP,
	buildEffiliationLinkTemplate,
	createEffiliationAdapter,
	effiliationDay,
	type EffiliationAccount,
} from '.';
import { EFFILIATION_STATUSES } from './schema';
import { fixtureReader } from '../../testing/fixtures';

const fixture = fixtureReader( __dirname );

const window = {
	start: new Date( '2026-08-01T00:00:00Z' ),
	end: new Date( '2026-08-31T00:00:00Z' ),
};

describe( 'Effiliation status mapping', () => {
	it.each( [
		[ 'Pending', 'pending' ],
		[ 'Attente', 'pending' ],
		[ 'Valid', 'approved' ],
		[ 'Valide', 'approved' ],
		[ 'Refusal', 'declined' ],
		[ 'Refus', 'declined' ],
		[ 'Refusé', 'declined' ],
	] )( 'maps %s to %s', ( network, status ) => {
		expect( EFFILIATION_STATUS_MAP[ network as 'Pending' ] ).toBe( status );
	} );

	it( 'covers every status string the schema accepts', () => {
		expect( Object.keys( EFFILIATION_STATUS_MAP ).sort() ).toEqual(
			[ ...EFFILIATION_STATUSES ].sort()
		);
	} );
} );

describe( 'Effiliation adapter against fixtures', () => {
	let server: LocalServer;
	let requests: string[];
	let transactionFixture: string;
	let adapter: NetworkAdapter;

	function route( req: IncomingMessage, res: ServerResponse ): void {
		const url = new URL( req.url ?? '/', 'http://fixture.invalid' );
		requests.push( `${ req.method } ${ url.pathname }${ url.search }` );
		const send = ( body: string, type = 'application/json' ): void => {
			res.writeHead( 200, { 'Content-Type': type } );
			res.end( body );
		};
		if ( url.pathname === '/apiv2/programs.json' ) {
			send( fixture( 'programs.json' ) );
		} else if ( url.pathname === '/apiv2/productfeeds.json' ) {
			send(
				fixture( 'productfeeds.json' ).replace(
					'FEED_BASE',
					server.url
				)
			);
		} else if ( url.pathname === '/apiv2/transaction.json' ) {
			send( fixture( transactionFixture ) );
		} else if ( url.pathname === '/flux/22004512.xml' ) {
			send( fixture( 'feed-22004512.xml' ), 'application/xml' );
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
		transactionFixture = 'transaction.json';
		const account: EffiliationAccount = {
			apiKey: 'fixture-key',
			apiBase: server.url,
			trackingBase: 'https://track.effiliation.com',
			feedFormat: 'xml',
		};
		adapter = createEffiliationAdapter( account, {
			retry: { attempts: 1 },
		} );
	} );

	it( 'lists joined programmes from a wrapped answer, ids as strings, always with lg=en', async () => {
		const programmes = await adapter.listProgrammes();

		expect( requests ).toEqual( [
			'GET /apiv2/programs.json?key=fixture-key&lg=en&filter=mines',
		] );
		expect( programmes.map( ( p ) => [ p.programmeId, p.name ] ) ).toEqual(
			[
				[ '22004512', 'Librairie Pérec & Fils' ],
				[ '22004513', 'Cave "Le Cépage" <Bordeaux>' ],
			]
		);
	} );

	it( 'normalises every status string, amounts as strings with a comma or a dot, Paris times to UTC', async () => {
		const page = await adapter.fetchTransactions?.( window );

		expect( requests ).toEqual( [
			'GET /apiv2/transaction.json?key=fixture-key&lg=en&start=01%2F08%2F2026&end=31%2F08%2F2026&type=date&all=yes',
		] );
		const rows = page?.transactions ?? [];
		expect(
			rows.map( ( t ) => [ t.transactionId, t.networkStatus, t.status ] )
		).toEqual( [
			[ '900001', 'Pending', 'pending' ],
			[ '900002', 'Valid', 'approved' ],
			[ '900003', 'Refusal', 'declined' ],
			[ '900004', 'Attente', 'pending' ],
			[ '900005', 'Valide', 'approved' ],
			[ '900006', 'Refus', 'declined' ],
			[ '900007', 'Refusé', 'declined' ],
		] );
		expect( rows[ 0 ] ).toMatchObject( {
			network: 'effiliation',
			programmeId: '22004512',
			saleMinor: 4590,
			commissionMinor: 367,
			currency: 'EUR',
			subId: 'p12_a1b2c3d4',
			clickAt: '2026-10-05T12:01:00Z',
			transactionAt: '2026-10-05T12:32:10Z',
			validatedAt: null,
			paidAt: null,
		} );
		expect( rows[ 1 ]?.validatedAt ).toBe( '2026-10-12T08:00:00Z' );
		expect( rows[ 3 ] ).toMatchObject( {
			saleMinor: 3300,
			commissionMinor: 264,
			subId: null,
			transactionAt: '2026-10-06T08:00:00Z',
		} );
		expect( rows[ 1 ]?.raw ).toMatchObject( { montant: '120.00' } );
	} );

	it( 'reads a bare array too', async () => {
		transactionFixture = 'transaction-bare.json';

		const page = await adapter.fetchTransactions?.( window );

		expect( page?.transactions.map( ( t ) => t.transactionId ) ).toEqual( [
			'900001',
			'900002',
		] );
	} );

	it( 'fails loudly, naming Effiliation and the field, on an unknown status', async () => {
		transactionFixture = 'transaction-malformed.json';

		const error = await adapter
			.fetchTransactions?.( window )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^Effiliation GET \/apiv2\/transaction\.json: response does not match the expected schema: \[0\]\.etat: Invalid enum value/
		);
	} );

	it( 'streams the type-33 feeds as products of their programme', async () => {
		const items: CatalogueItem[] = [];
		for await ( const item of adapter.streamCatalogue() ) {
			items.push( item );
		}

		expect( requests ).toContain(
			'GET /apiv2/productfeeds.json?key=fixture-key&lg=en&filter=mines&type=33'
		);
		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'978-2-07-036002-4',
			'978-2-01-020300-5',
		] );
		expect( items[ 0 ] ).toMatchObject( {
			programmeId: '22004512',
			description: 'Roman lipogrammatique & célèbre <sans e>',
			offers: [
				{
					merchantName: 'Librairie Pérec & Fils',
					priceMinor: 970,
					currency: 'EUR',
					availability: 'in_stock',
				},
			],
		} );
		expect( items[ 1 ]?.offers[ 0 ]?.priceMinor ).toBe( 750 );
	} );
} );

describe( 'Effiliation link template', () => {
	it( 'follows the documented pattern: landing URL in url, sub id in effi_id', () => {
		const template = buildEffiliationLinkTemplate(
			{ trackingBase: 'https://track.effiliation.com' },
			'22004512'
		);

		expect( template ).toEqual( {
			programmeId: '22004512',
			template:
				'https://track.effiliation.com/servlet/effi.redir?id_compteur=22004512&url={landing_url}&effi_id={sub_id}',
			trackingHost: 'track.effiliation.com',
		} );
		expect(
			fillTemplate(
				template.template,
				'https://www.librairie-perec.fr/livre?id=1',
				{ utm_source: 'blog' },
				'p1_a'
			)
		).toBe(
			'https://track.effiliation.com/servlet/effi.redir?id_compteur=22004512&url=https%3A%2F%2Fwww.librairie-perec.fr%2Flivre%3Fid%3D1%26utm_source%3Dblog&effi_id=p1_a'
		);
	} );

	it( 'writes the day in Paris time', () => {
		expect( effiliationDay( new Date( '2026-10-05T22:30:00Z' ) ) ).toBe(
			'06/10/2026'
		);
	} );
} );

describe( 'Effiliation adapter against the sandbox', () => {
	let sandbox: Sandbox;
	let adapter: NetworkAdapter;

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p1_a', 'p2_b' ],
			now: () => new Date( '2026-11-21T08:00:00Z' ),
		} );
		adapter = createEffiliationAdapter(
			{
				apiKey: EFFILIATION_SANDBOX_KEY,
				apiBase: sandbox.url,
				trackingBase: sandbox.url,
				feedFormat: 'xml',
			},
			{ retry: { attempts: 1 } }
		);
	} );

	afterAll( () => sandbox.close() );

	it( 'syncs programmes, feeds and a window of transactions in English, the same rows twice', async () => {
		const programmes = await adapter.listProgrammes();
		const items: CatalogueItem[] = [];
		for await ( const item of adapter.streamCatalogue() ) {
			items.push( item );
		}
		const first = await adapter.fetchTransactions?.( {
			start: new Date( '2026-10-01T00:00:00Z' ),
			end: new Date( '2026-10-31T00:00:00Z' ),
		} );
		const again = await adapter.fetchTransactions?.( {
			start: new Date( '2026-10-01T00:00:00Z' ),
			end: new Date( '2026-10-31T00:00:00Z' ),
		} );

		expect( programmes.map( ( p ) => p.name ) ).toContain(
			'Cave "Le Cépage" <Bordeaux>'
		);
		expect( items.length ).toBe( 10 );
		expect( items[ 1 ]?.title ).toBe( 'Théière "Impériale" & tasses' );
		const rows = first?.transactions ?? [];
		expect( rows.length ).toBeGreaterThan( 5 );
		expect( again?.transactions ).toEqual( rows );
		expect( new Set( rows.map( ( row ) => row.networkStatus ) ) ).toEqual(
			new Set( [ 'Pending', 'Valid', 'Refusal' ] )
		);
		expect(
			rows.every( ( row ) =>
				[ 'p1_a', 'p2_b' ].includes( row.subId ?? '' )
			)
		).toBe( true );
		expect( sandbox.calls() ).toMatchObject( {
			'effiliation:programs': 2,
			'effiliation:productfeeds': 1,
			'effiliation:feed': 2,
			'effiliation:transaction': 2,
		} );
	} );

	it( 'is refused with a wrong key, in plain words', async () => {
		const wrong = createEffiliationAdapter(
			{
				apiKey: 'wrong',
				apiBase: sandbox.url,
				trackingBase: sandbox.url,
				feedFormat: 'xml',
			},
			{ retry: { attempts: 1 } }
		);

		await expect( wrong.listProgrammes() ).rejects.toThrow(
			'Effiliation GET /apiv2/programs.json: credentials rejected (HTTP 401)'
		);
	} );
} );
