import type { IncomingMessage, ServerResponse } from 'node:http';

import { PermanentError } from '../../http/errors';
import { fillTemplate } from '../../links/fillTemplate';
import {
	AMAZON_SANDBOX_ASINS,
	AMAZON_SANDBOX_CLIENT_ID,
	AMAZON_SANDBOX_CLIENT_SECRET,
} from '../../sandbox/amazonRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type { CatalogueItem, NetworkAdapter, RejectedRow } from '../types';
import { amazonProductLink, createAmazonAdapter, type AmazonAccount } from '.';
import { fixtureReader } from '../../testing/fixtures';

const fixture = fixtureReader( __dirname );

async function collect(
	adapter: NetworkAdapter,
	rejected: RejectedRow[] = []
): Promise< CatalogueItem[] > {
	const items: CatalogueItem[] = [];
	for await ( const item of adapter.streamCatalogue( {
		onRejectedRow: ( row ) => rejected.push( row ),
	} ) ) {
		items.push( item );
	}
	return items;
}

describe( 'Amazon links', () => {
	it( 'follows the documented pattern https://www.amazon.{tld}/dp/{ASIN}?tag={trackingId}, a ready link', () => {
		const link = amazonProductLink(
			{ marketplace: 'www.amazon.fr', partnerTag: 'monblog-21' },
			'B0CHX3QBCH'
		);

		expect( link ).toBe(
			'https://www.amazon.fr/dp/B0CHX3QBCH?tag=monblog-21'
		);
		expect(
			amazonProductLink(
				{ marketplace: 'www.amazon.co.uk', partnerTag: 'blog-21' },
				'B0CHX3QBCH'
			)
		).toBe( 'https://www.amazon.co.uk/dp/B0CHX3QBCH?tag=blog-21' );
		expect(
			fillTemplate(
				link,
				'https://www.amazon.fr/x',
				{ utm_source: 'b' },
				'p1_a'
			)
		).toBe( link );
	} );

	it( 'refuses a marketplace that is not an Amazon host', () => {
		expect( () =>
			amazonProductLink(
				{
					marketplace: 'evil.example/www.amazon.fr',
					partnerTag: 't-21',
				},
				'B0CHX3QBCH'
			)
		).toThrow( 'Amazon config: marketplace must look like www.amazon.fr' );
	} );
} );

describe( 'Amazon adapter against fixtures', () => {
	let server: LocalServer;
	let requests: string[];
	let itemFixtures: string[];
	let account: AmazonAccount;

	function route( req: IncomingMessage, res: ServerResponse ): void {
		let body = '';
		req.on( 'data', ( chunk: Buffer ) => ( body += chunk.toString() ) );
		req.on( 'end', () => {
			requests.push(
				`${ req.method } ${ req.url } ${
					req.headers.authorization ?? ''
				} ${ req.headers[ 'x-marketplace' ] ?? '' } ${ body }`
			);
			const name =
				req.url === '/token'
					? 'token.json'
					: itemFixtures.shift() ?? '';
			res.writeHead( 200, { 'Content-Type': 'application/json' } );
			res.end( name ? fixture( name ) : '{}' );
		} );
	}

	beforeAll( async () => {
		server = await startLocalServer( route );
	} );

	afterAll( () => server.close() );

	beforeEach( () => {
		requests = [];
		itemFixtures = [ 'getitems-1.json', 'getitems-2.json' ];
		account = {
			clientId: 'fixture-client',
			clientSecret: 'fixture-secret',
			partnerTag: 'monblog-21',
			marketplace: 'www.amazon.fr',
			currency: 'EUR',
			asins: [
				'B0CHX3QBCH',
				'B0DJ1K2L3M',
				'B000000BAD',
				'B0AAAAAAA4',
				'B0AAAAAAA5',
				'B0AAAAAAA6',
				'B0AAAAAAA7',
				'B0AAAAAAA8',
				'B0AAAAAAA9',
				'B0AAAAAA10',
				'B0EEEEEEEE',
			],
			apiBase: server.url,
			tokenUrl: `${ server.url }/token`,
		};
	} );

	it( 'takes one token, asks for at most 10 ASINs a call with x-marketplace, and gives each product its ready link', async () => {
		const rejected: RejectedRow[] = [];
		const items = await collect(
			createAmazonAdapter( account, { retry: { attempts: 1 } } ),
			rejected
		);

		expect( requests[ 0 ] ).toBe(
			'POST /token   grant_type=client_credentials&client_id=fixture-client&client_secret=fixture-secret'
		);
		expect( requests ).toHaveLength( 3 );
		const first = JSON.parse(
			requests[ 1 ]?.split( ' www.amazon.fr ' )[ 1 ] ?? '{}'
		);
		expect( requests[ 1 ] ).toMatch(
			/^POST \/catalog\/v1\/getItems Bearer fixture-amazon-access www\.amazon\.fr /
		);
		expect( first.itemIds ).toHaveLength( 10 );
		expect( first.partnerTag ).toBe( 'monblog-21' );
		expect( requests[ 2 ] ).toContain( '"itemIds":["B0EEEEEEEE"]' );
		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'B0CHX3QBCH',
			'B0DJ1K2L3M',
			'B0EEEEEEEE',
		] );
		expect( items[ 0 ] ).toMatchObject( {
			programmeId: 'www.amazon.fr',
			title: 'Casque "Silence" <sans fil> & étui',
			brand: 'Sonore & Fils',
			imageUrl: 'https://m.media-amazon.com/images/I/casque.jpg',
			offers: [
				{
					merchantName: 'Amazon.fr',
					landingUrl: 'https://www.amazon.fr/dp/B0CHX3QBCH',
					trackingUrl:
						'https://www.amazon.fr/dp/B0CHX3QBCH?tag=monblog-21',
					priceMinor: 12999,
					currency: 'EUR',
					availability: 'in_stock',
				},
			],
		} );
		expect( items[ 1 ]?.offers[ 0 ] ).toMatchObject( {
			priceMinor: null,
			currency: 'EUR',
			availability: 'unknown',
		} );
		expect( items[ 2 ]?.offers[ 0 ] ).toMatchObject( {
			priceMinor: 2450,
			availability: 'out_of_stock',
		} );
		expect( rejected.map( ( row ) => row.row ) ).toEqual( [
			3, 4, 5, 6, 7, 8, 9, 10,
		] );
		expect( rejected[ 0 ]?.reason ).toBe(
			'Amazon did not return ASIN B000000BAD (ItemNotAccessible: The ItemId B000000BAD is not accessible through the Creators API.)'
		);
	} );

	it( 'fails loudly, naming Amazon and the field, on an unexpected shape', async () => {
		itemFixtures = [ 'getitems-malformed.json' ];

		const error = await collect(
			createAmazonAdapter(
				{ ...account, asins: [ 'B0CHX3QBCH' ] },
				{ retry: { attempts: 1 } }
			)
		).catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^Amazon POST \/catalog\/v1\/getItems: response does not match the expected schema: itemsResult\.items\[0\]\.itemInfo\.title: Expected object, received string/
		);
	} );

	it( 'has no commissions API, no template, and no catalogue without ASINs', () => {
		const adapter = createAmazonAdapter( { ...account, asins: [] } );

		expect( adapter.fetchTransactions ).toBeUndefined();
		expect( adapter.hasCatalogue() ).toBe( false );
		expect( () => adapter.buildLinkTemplate( 'x' ) ).toThrow(
			PermanentError
		);
	} );
} );

describe( 'Amazon adapter against the sandbox', () => {
	let sandbox: Sandbox;
	let account: AmazonAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			clientId: AMAZON_SANDBOX_CLIENT_ID,
			clientSecret: AMAZON_SANDBOX_CLIENT_SECRET,
			partnerTag: 'monblog-21',
			marketplace: 'www.amazon.fr',
			currency: 'EUR',
			asins: [ ...AMAZON_SANDBOX_ASINS, 'B0MISSING1' ],
			apiBase: sandbox.url,
			tokenUrl: `${ sandbox.url }/amazon/auth/o2/token`,
		};
	} );

	afterAll( () => sandbox.close() );

	it( 'reads the configured ASINs and reports the one Amazon does not return', async () => {
		const rejected: RejectedRow[] = [];
		const items = await collect(
			createAmazonAdapter( account, { retry: { attempts: 1 } } ),
			rejected
		);

		expect( items.map( ( item ) => item.productKey ) ).toEqual(
			AMAZON_SANDBOX_ASINS
		);
		expect( items[ 1 ]?.title ).toBe( 'Théière "Impériale" & tasses' );
		expect( rejected ).toEqual( [
			{ row: 6, reason: expect.stringContaining( 'B0MISSING1' ) },
		] );
		expect( sandbox.calls() ).toMatchObject( {
			'amazon:token': 1,
			'amazon:getItems': 1,
		} );
	} );

	it( 'is refused with a wrong secret, in plain words', async () => {
		await expect(
			collect(
				createAmazonAdapter(
					{ ...account, clientSecret: 'wrong' },
					{ retry: { attempts: 1 } }
				)
			)
		).rejects.toThrow(
			'Amazon POST {token url}: credentials rejected (HTTP 401)'
		);
	} );
} );
