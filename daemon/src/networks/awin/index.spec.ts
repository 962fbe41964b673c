import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import { PermanentError, TransientError } from '../../http/errors';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import {
	storedCatalogueRow,
	type StoredCatalogueRow,
} from '../../ingest/storedCatalogueRow';
import type { CatalogueItem, RejectedRow } from '../types';
import {
	awinFeedUrl,
	buildAwinLinkTemplate,
	createAwinClients,
	generateAwinLink,
	generateAwinLinks,
	listAwinTransactions,
	listProgrammeTerms,
	parseAwinFeedRow,
	streamAwinCatalogue,
	streamAwinCatalogueBatches,
	type AwinAccount,
	type AwinClients,
} from '.';

const fixture = ( name: string ): Buffer =>
	readFileSync( join( __dirname, 'fixtures', name ) );

describe( 'Awin adapter against fixtures', () => {
	let server: LocalServer;
	let account: AwinAccount;
	let clients: AwinClients;
	let detailsFixture: Record< string, string >;
	let feedBody: Buffer;
	let requests: string[];

	function send(
		res: ServerResponse,
		status: number,
		body: Buffer,
		type = 'application/json'
	): void {
		res.writeHead( status, { 'Content-Type': type } );
		res.end( body );
	}

	function route( req: IncomingMessage, res: ServerResponse ): void {
		const url = new URL( req.url ?? '/', 'http://fixture.invalid' );
		requests.push( `${ req.method } ${ url.pathname }${ url.search }` );
		if ( url.pathname === '/publishers/123456/programmes' ) {
			send( res, 200, fixture( 'programmes.json' ) );
			return;
		}
		if ( url.pathname === '/publishers/123456/programmedetails' ) {
			const name =
				detailsFixture[ url.searchParams.get( 'advertiserId' ) ?? '' ];
			send(
				res,
				name ? 200 : 404,
				name ? fixture( name ) : Buffer.from( '{}' )
			);
			return;
		}
		if ( url.pathname === '/publishers/123456/transactions/' ) {
			send( res, 200, fixture( 'transactions.json' ) );
			return;
		}
		if ( url.pathname === '/publishers/123456/linkbuilder/generate' ) {
			send( res, 200, fixture( 'linkbuilder-generate.json' ) );
			return;
		}
		if (
			url.pathname === '/publishers/123456/linkbuilder/generate-batch'
		) {
			send( res, 200, fixture( 'linkbuilder-generate-batch.json' ) );
			return;
		}
		if (
			url.pathname.startsWith( '/datafeed/download/apikey/feed-key-1/' )
		) {
			send( res, 200, feedBody, 'application/octet-stream' );
			return;
		}
		send( res, 404, Buffer.from( '{}' ) );
	}

	beforeAll( async () => {
		server = await startLocalServer( route );
	} );

	afterAll( () => server.close() );

	beforeEach( () => {
		requests = [];
		detailsFixture = {
			7001: 'programmedetails-7001.json',
			7003: 'programmedetails-7003.json',
		};
		feedBody = fixture( 'feed.csv.gz' );
		account = {
			publisherId: '123456',
			apiToken: 'fixture-token-abcdef',
			feedKey: 'feed-key-1',
			feedIds: [ '1001', '1003' ],
			apiBase: server.url,
			feedBase: server.url,
			trackingBase: 'https://www.awin1.com',
		};
		clients = createAwinClients( account, {
			rateLimiter: { acquire: async () => undefined },
			retry: { attempts: 1 },
		} );
	} );

	async function collect(
		rejected: RejectedRow[] = []
	): Promise< CatalogueItem[] > {
		const items: CatalogueItem[] = [];
		for await ( const item of streamAwinCatalogue( clients.feed, account, {
			onRejectedRow: ( row ) => rejected.push( row ),
		} ) ) {
			items.push( item );
		}
		return items;
	}

	it( 'normalises joined programmes and their details into programme terms', async () => {
		const terms = await listProgrammeTerms( clients.api, account );

		expect( requests ).toEqual( [
			'GET /publishers/123456/programmes?relationship=joined&countryCode=FR',
			'GET /publishers/123456/programmedetails?advertiserId=7001',
			'GET /publishers/123456/programmedetails?advertiserId=7003',
		] );
		expect( terms[ 0 ] ).toMatchObject( {
			programmeId: '7001',
			name: 'Boulangerie Dupré & Fils',
			currency: 'EUR',
			deeplinkEnabled: true,
			validDomains: [
				'www.boulangerie-dupre.fr',
				'boutique.boulangerie-dupre.fr',
			],
			commissionType: 'percentage',
			commissionMin: 350,
			commissionMax: 800,
			cookieDays: null,
			validationDays: 30,
			approvalRateBp: 9250,
			epcMinor: 35,
		} );
		expect( terms[ 1 ] ).toMatchObject( {
			programmeId: '7003',
			name: 'Jardinerie "Les Pétales" & Cie <FR>',
			deeplinkEnabled: false,
			commissionType: 'fixed',
			commissionMin: 250,
			commissionMax: 1000,
			cookieDays: 45,
			validationDays: 60,
			approvalRateBp: null,
			epcMinor: null,
		} );
	} );

	it( 'rejects malformed programme details with an error naming Awin, the endpoint and the field', async () => {
		detailsFixture[ 7001 ] = 'programmedetails-malformed.json';

		const error = await listProgrammeTerms( clients.api, account ).catch(
			( e: unknown ) => e
		);

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toBe(
			'Awin GET /publishers/{id}/programmedetails: response does not match the expected schema: programmeInfo.deeplinkEnabled: Expected boolean, received string'
		);
	} );

	it( 'streams a gzip feed into products with money in minor units and skips a bad row', async () => {
		const rejected: RejectedRow[] = [];

		const items = await collect( rejected );

		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'41000001',
			'41000002',
			'41000003',
		] );
		expect( rejected ).toEqual( [
			{
				row: 4,
				reason: 'search_price: not a decimal amount: "douze euros"',
			},
		] );
		expect( items[ 0 ] ).toMatchObject( {
			programmeId: '7001',
			title: 'Crème brûlée à la vanille',
			brand: 'Dupré & Fils',
			category: 'Pâtisserie',
			gtin: '3760000000017',
			imageUrl:
				'https://images2.productserve.com/?w=200&h=200&url=creme.jpg',
			offers: [
				{
					offerKey: '',
					merchantId: '7001',
					merchantName: 'Boulangerie Dupré & Fils',
					landingUrl:
						'https://www.boulangerie-dupre.fr/creme-brulee?format=individuel',
					trackingUrl:
						'https://www.awin1.com/pclick.php?p=41000001&a=123456&m=7001',
					priceMinor: 1290,
					rrpMinor: 1500,
					currency: 'EUR',
					deliveryMinor: 490,
					availability: 'in_stock',
					promoCode: null,
				},
			],
		} );
		expect( items[ 1 ]?.title ).toBe( 'Pain d\'épices "maison" & miel' );
		expect( items[ 1 ]?.offers[ 0 ] ).toMatchObject( {
			priceMinor: 750,
			rrpMinor: null,
			deliveryMinor: null,
			availability: 'out_of_stock',
		} );
		expect( items[ 2 ]?.title ).toBe( 'Sécateur "Pro" <20 cm>' );
		expect( items[ 2 ]?.description ).toBe(
			'Lame en acier, poignée ergonomique\nsur deux lignes'
		);
		expect( items[ 2 ]?.offers[ 0 ] ).toMatchObject( {
			priceMinor: 2499,
			availability: 'in_stock',
		} );
		expect( items[ 2 ]?.raw.merchant_name ).toBe(
			'Jardinerie "Les Pétales" & Cie'
		);
	} );

	it( 'reads the same feed uncompressed', async () => {
		feedBody = fixture( 'feed.csv' );

		const items = await collect();

		expect( items ).toHaveLength( 3 );
	} );

	it( 'fails with a TransientError when the gzip body is cut short', async () => {
		const whole = fixture( 'feed.csv.gz' );
		feedBody = whole.subarray( 0, whole.length - 40 );

		await expect( collect() ).rejects.toBeInstanceOf( TransientError );
	} );

	it( 'refuses a feed whose header lacks the product id column', async () => {
		feedBody = Buffer.from( 'product_name,merchant_id\nCrème,7001\n' );

		await expect( collect() ).rejects.toThrow(
			'Awin GET /datafeed/download/{feedKey}: feed header lacks the column(s) aw_product_id'
		);
	} );

	// The sync's path: the same feed parsed in the feed worker, two rows a batch.
	async function collectFromWorker( rejected: RejectedRow[] = [] ) {
		const rows: StoredCatalogueRow[] = [];
		const hashes: string[] = [];
		const programmes: string[] = [];
		const sizes: number[] = [];
		for await ( const batch of streamAwinCatalogueBatches(
			clients.feed,
			account,
			{ onRejectedRow: ( row ) => rejected.push( row ), batchSize: 2 }
		) ) {
			sizes.push( batch.size );
			for ( let index = 0; index < batch.size; index++ ) {
				const row = batch.row( index );
				if ( row === null ) {
					// Rejected, and reported to onRejectedRow.
					continue;
				}
				expect( batch.key( index ) ).toBe( row.productKey );
				rows.push( row );
				hashes.push( batch.contentHash( index ) );
				programmes.push( batch.programmeId( index ) );
			}
		}
		return { rows, hashes, programmes, sizes };
	}

	it( 'parses the feed in a worker into the same rows, hashes and rejected rows', async () => {
		const rejected: RejectedRow[] = [];
		const fromWorker: RejectedRow[] = [];

		const items = await collect( rejected );
		const parsed = await collectFromWorker( fromWorker );

		// Every feed row reaches the main thread; the bad one is rejected when it is parsed.
		expect( parsed.sizes ).toEqual( [ 2, 2 ] );
		expect( parsed.rows ).toEqual( items.map( storedCatalogueRow ) );
		// Hashes of the feed records: one per row, the same on every read of the same feed.
		expect( new Set( parsed.hashes ).size ).toBe( 3 );
		expect( parsed.hashes ).toEqual( ( await collectFromWorker() ).hashes );
		expect( parsed.programmes ).toEqual(
			items.map( ( item ) => item.programmeId )
		);
		expect( fromWorker ).toEqual( rejected );
		expect( fromWorker ).toHaveLength( 1 );
	} );

	it( 'fails the worker path with a TransientError when the gzip body is cut short', async () => {
		const whole = fixture( 'feed.csv.gz' );
		feedBody = whole.subarray( 0, whole.length - 40 );

		await expect( collectFromWorker() ).rejects.toBeInstanceOf(
			TransientError
		);
	} );

	it( 'refuses in the worker path a feed whose header lacks the product id column', async () => {
		feedBody = Buffer.from( 'product_name,merchant_id\nCrème,7001\n' );

		const error = await collectFromWorker().catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toBe(
			'Awin GET /datafeed/download/{feedKey}: feed header lacks the column(s) aw_product_id'
		);
	} );

	it( 'stops the feed worker when the reader leaves after the first batch', async () => {
		const sizes: number[] = [];
		for await ( const batch of streamAwinCatalogueBatches(
			clients.feed,
			account,
			{ batchSize: 1 }
		) ) {
			sizes.push( batch.size );
			break;
		}

		expect( sizes ).toEqual( [ 1 ] );
		// A next run starts a worker of its own and reads the whole feed.
		expect( ( await collectFromWorker() ).rows ).toHaveLength( 3 );
	} );

	it( 'asks for the documented feed URL with every column', () => {
		expect(
			awinFeedUrl( {
				...account,
				feedBase: 'https://productdata.awin.com/',
			} )
		).toBe(
			'https://productdata.awin.com/datafeed/download/apikey/feed-key-1/language/any/fid/1001,1003/columns/aw_deep_link,product_name,aw_product_id,merchant_product_id,merchant_image_url,aw_image_url,description,merchant_category,search_price,store_price,rrp_price,currency,merchant_name,merchant_id,brand_name,merchant_deep_link,in_stock,delivery_cost,product_GTIN,ean,last_updated,data_feed_id/format/csv/delimiter/%2C/compression/gzip/'
		);
	} );

	it( 'validates transactions and refuses a window longer than 31 days before calling', async () => {
		const window = {
			start: new Date( '2026-10-01T00:00:00Z' ),
			end: new Date( '2026-10-31T00:00:00Z' ),
		};

		const transactions = await listAwinTransactions(
			clients.api,
			account,
			window
		);

		expect(
			transactions.map( ( t ) => t.clickRefs?.clickRef ?? null )
		).toEqual( [ 'p12_a1b2c3d4', null ] );
		expect( requests ).toEqual( [
			'GET /publishers/123456/transactions/?startDate=2026-10-01T00:00:00&endDate=2026-10-31T00:00:00&timezone=UTC&dateType=transaction',
		] );
		expect( () =>
			listAwinTransactions( clients.api, account, {
				start: new Date( '2026-10-01T00:00:00Z' ),
				end: new Date( '2026-11-02T00:00:00Z' ),
			} )
		).toThrow( RangeError );
		expect( requests ).toHaveLength( 1 );
	} );

	it( 'reads link builder answers, single and batched', async () => {
		const link = await generateAwinLink( clients.api, account, {
			advertiserId: 7001,
			destinationUrl: 'https://www.boulangerie-dupre.fr/buche-de-noel',
			parameters: { clickref: 'p12_a1b2c3d4' },
			shorten: true,
		} );
		const batch = await generateAwinLinks( clients.api, account, [
			{ advertiserId: 7001 },
			{
				advertiserId: 7003,
				destinationUrl: 'https://www.les-petales.fr/',
			},
		] );

		expect( link.shortUrl ).toBe( 'https://tidd.ly/3xYzAb' );
		expect( batch[ 0 ] ).toMatchObject( {
			url: expect.stringContaining( 'awinmid=7001' ),
		} );
		expect( batch[ 1 ] ).toMatchObject( { status: 400 } );
	} );
} );

describe( 'buildAwinLinkTemplate', () => {
	it( 'follows the documented pattern and keeps the placeholders literal', () => {
		expect(
			buildAwinLinkTemplate(
				{
					publisherId: '123456',
					trackingBase: 'https://www.awin1.com',
				},
				'7001'
			)
		).toEqual( {
			programmeId: '7001',
			template:
				'https://www.awin1.com/cread.php?awinmid=7001&awinaffid=123456&clickref={sub_id}&ued={landing_url}',
			trackingHost: 'www.awin1.com',
		} );
	} );

	it( 'uses a configured tracking base such as the sandbox', () => {
		const template = buildAwinLinkTemplate(
			{ publisherId: '123456', trackingBase: 'http://127.0.0.1:8882/' },
			'7002'
		);

		expect( template.template ).toBe(
			'http://127.0.0.1:8882/cread.php?awinmid=7002&awinaffid=123456&clickref={sub_id}&ued={landing_url}'
		);
		expect( template.trackingHost ).toBe( '127.0.0.1' );
	} );
} );

describe( 'parseAwinFeedRow', () => {
	const valid: Record< string, string > = {
		aw_deep_link: 'https://www.awin1.com/pclick.php?p=1',
		product_name: 'Crème',
		aw_product_id: '1',
		merchant_id: '7001',
		currency: 'EUR',
		merchant_deep_link: 'https://www.boulangerie-dupre.fr/creme',
		search_price: '3.20',
	};

	it( 'names the field that is wrong', () => {
		expect( () =>
			parseAwinFeedRow( { ...valid, currency: 'euros' } )
		).toThrow( 'currency: must be an ISO 4217 code' );
		expect( () =>
			parseAwinFeedRow( { ...valid, aw_product_id: ' ' } )
		).toThrow( 'aw_product_id: must not be empty' );
		expect( () =>
			parseAwinFeedRow( { ...valid, merchant_deep_link: 'not a url' } )
		).toThrow( /^merchant_deep_link: / );
	} );

	it( 'keeps an unknown stock value as unknown availability', () => {
		expect(
			parseAwinFeedRow( { ...valid, in_stock: 'peut-être' } ).offers[ 0 ]
				?.availability
		).toBe( 'unknown' );
	} );
} );
