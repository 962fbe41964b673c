import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { PermanentError, TransientError } from '../../http/errors';
import { startLocalServer, type LocalServer } from '../../testing/localServer';
import type { CatalogueItem, RejectedRow } from '../types';
import {
	createGoogleFeedAdapter,
	parseGoogleMerchantRow,
	streamGoogleMerchantFeed,
	type GoogleFeedFormat,
} from '.';

const fixture = ( name: string ): Buffer =>
	readFileSync( join( __dirname, 'fixtures', name ) );

const source = { programmeId: 'the-et-cie', merchantName: 'Thé & Cie' };
const context = { network: 'Google Merchant feed', endpoint: 'GET {feed}' };

async function collect(
	body: Buffer,
	format: GoogleFeedFormat,
	rejected: RejectedRow[] = []
): Promise< CatalogueItem[] > {
	const items: CatalogueItem[] = [];
	for await ( const item of streamGoogleMerchantFeed(
		Readable.from( [ body ] ),
		format,
		source,
		context,
		{ onRejectedRow: ( row ) => rejected.push( row ) }
	) ) {
		items.push( item );
	}
	return items;
}

describe( 'Google Merchant feeds', () => {
	it( 'reads a CSV feed: sale price as the price, price as the RRP, every availability', async () => {
		const rejected: RejectedRow[] = [];

		const items = await collect( fixture( 'feed.csv' ), 'csv', rejected );

		expect( items.map( ( item ) => item.productKey ) ).toEqual( [
			'SKU-1',
			'SKU-2',
			'SKU-4',
			'SKU-5',
		] );
		expect( rejected ).toEqual( [
			{
				row: 3,
				reason: 'price: not a decimal amount: "douze EUR" (expected "15.00 EUR")',
			},
		] );
		expect( items[ 0 ] ).toMatchObject( {
			programmeId: 'the-et-cie',
			title: 'Théière "Impériale" & tasses',
			description: 'Fonte émaillée <1 L>',
			brand: 'Thé & Cie',
			category: 'Cuisine > Thé',
			gtin: '3760000000101',
			mpn: 'TH-01',
			offers: [
				{
					merchantName: 'Thé & Cie',
					landingUrl:
						'https://www.the-et-cie.fr/theiere?coloris=noir',
					priceMinor: 3990,
					rrpMinor: 4990,
					currency: 'EUR',
					availability: 'in_stock',
				},
			],
		} );
		expect(
			items.map( ( item ) => item.offers[ 0 ]?.availability )
		).toEqual( [ 'in_stock', 'preorder', 'backorder', 'out_of_stock' ] );
		expect( items[ 1 ]?.offers[ 0 ] ).toMatchObject( {
			priceMinor: 2500,
			rrpMinor: null,
		} );
		expect( items[ 2 ]?.offers[ 0 ]?.priceMinor ).toBe( 450 );
	} );

	it( 'reads the same products from TSV', async () => {
		const items = await collect( fixture( 'feed.tsv' ), 'tsv' );

		expect( items.map( ( item ) => item.title ) ).toEqual( [
			'Théière Impériale & tasses',
			'Coffret dégustation',
		] );
		expect( items[ 0 ]?.offers[ 0 ]?.priceMinor ).toBe( 3990 );
	} );

	it( 'streams an XML feed, gzip or not, with g: fields, CDATA and entities', async () => {
		const rejected: RejectedRow[] = [];

		const plain = await collect( fixture( 'feed.xml' ), 'xml', rejected );
		const gzipped = await collect(
			gzipSync( fixture( 'feed.xml' ) ),
			'xml'
		);

		expect( plain ).toEqual( gzipped );
		expect( plain.map( ( item ) => item.productKey ) ).toEqual( [
			'SKU-1',
			'SKU-2',
		] );
		expect( plain[ 0 ] ).toMatchObject( {
			title: 'Théière "Impériale" & tasses',
			description: 'Fonte émaillée <1 L>',
			brand: 'Thé & Cie',
		} );
		expect( plain[ 0 ]?.offers[ 0 ]?.landingUrl ).toBe(
			'https://www.the-et-cie.fr/theiere?coloris=noir&taille=1l'
		);
		expect( plain[ 0 ]?.raw ).toMatchObject( {
			additional_image_link:
				'https://www.the-et-cie.fr/img/theiere-1.jpg',
			'shipping.price': '4.90 EUR',
		} );
		expect( rejected ).toEqual( [
			{
				row: 3,
				reason: 'price: not a decimal amount: "25.00" (expected "15.00 EUR")',
			},
		] );
	} );

	it( 'reads an XML feed split into one-byte chunks (multi-byte characters across chunks)', async () => {
		const bytes = fixture( 'feed.xml' );
		const chunks = [ ...bytes ].map( ( byte ) => Buffer.from( [ byte ] ) );
		const items: CatalogueItem[] = [];
		for await ( const item of streamGoogleMerchantFeed(
			Readable.from( chunks ),
			'xml',
			source,
			context
		) ) {
			items.push( item );
		}

		expect( items[ 0 ]?.title ).toBe( 'Théière "Impériale" & tasses' );
	} );

	it( 'fails with a TransientError when an XML feed stops before its closing tags', async () => {
		const whole = fixture( 'feed.xml' ).toString( 'utf8' );
		const cut = Buffer.from( whole.slice( 0, whole.indexOf( '</rss>' ) ) );

		await expect( collect( cut, 'xml' ) ).rejects.toBeInstanceOf(
			TransientError
		);
	} );

	it( 'fails with a PermanentError naming the network for XML that is not well-formed', async () => {
		const broken = Buffer.from(
			'<rss><channel><item><g:id>1</g:id></channel></rss>'
		);

		const error = await collect( broken, 'xml' ).catch(
			( e: unknown ) => e
		);

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toMatch(
			/^Google Merchant feed GET \{feed\}: feed is not valid XML: /
		);
	} );

	it( 'refuses a CSV feed without the price column', async () => {
		await expect(
			collect(
				Buffer.from( 'id,title,link\n1,Thé,https://x.fr/\n' ),
				'csv'
			)
		).rejects.toThrow(
			'Google Merchant feed GET {feed}: feed header lacks the column(s) price'
		);
	} );

	it( 'names the field that is wrong in one row', () => {
		const row = {
			id: '1',
			title: 'Thé',
			link: 'https://x.fr/',
			price: '1.00 EUR',
		};
		expect( () =>
			parseGoogleMerchantRow(
				{ ...row, availability: 'bientôt' },
				source
			)
		).toThrow( /^availability: / );
		expect( () =>
			parseGoogleMerchantRow( { ...row, link: 'pas une url' }, source )
		).toThrow( /^link: / );
		expect( () =>
			parseGoogleMerchantRow( { ...row, sale_price: '0.90 USD' }, source )
		).toThrow( 'sale_price: currency USD differs from price' );
	} );
} );

describe( 'Google Merchant feed adapter', () => {
	let server: LocalServer;

	beforeAll( async () => {
		server = await startLocalServer( ( req, res ) => {
			const name = req.url === '/feed.xml' ? 'feed.xml' : 'feed.csv';
			res.writeHead( 200, { 'Content-Type': 'text/plain' } );
			res.end( fixture( name ) );
		} );
	} );

	afterAll( () => server.close() );

	it( 'downloads every configured feed and uses the configured link template', async () => {
		const adapter = createGoogleFeedAdapter(
			{
				feeds: [
					{
						...source,
						url: `${ server.url }/feed.xml`,
						format: 'xml',
						linkTemplate:
							'https://track.exemple-reseau.fr/clic?m=42&sub={sub_id}&url={landing_url}',
					},
					{
						programmeId: 'autre',
						merchantName: 'Autre',
						url: `${ server.url }/feed.csv`,
						format: 'csv',
					},
				],
			},
			{ retry: { attempts: 1 } }
		);
		const keys: string[] = [];
		for await ( const item of adapter.streamCatalogue( {
			onRejectedRow: () => undefined,
		} ) ) {
			keys.push( `${ item.programmeId }/${ item.productKey }` );
		}

		expect( keys ).toEqual( [
			'the-et-cie/SKU-1',
			'the-et-cie/SKU-2',
			'autre/SKU-1',
			'autre/SKU-2',
			'autre/SKU-4',
			'autre/SKU-5',
		] );
		expect( await adapter.listProgrammeIds() ).toEqual( [ 'the-et-cie' ] );
		expect( adapter.buildLinkTemplate( 'the-et-cie' ) ).toEqual( {
			programmeId: 'the-et-cie',
			template:
				'https://track.exemple-reseau.fr/clic?m=42&sub={sub_id}&url={landing_url}',
			trackingHost: 'track.exemple-reseau.fr',
		} );
		expect( () => adapter.buildLinkTemplate( 'autre' ) ).toThrow(
			RangeError
		);
	} );
} );
