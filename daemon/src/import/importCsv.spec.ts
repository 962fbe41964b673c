import { join } from 'node:path';

import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { CsvImportError, importCsvFile } from './importCsv';

const fixture = ( name: string ): string => join( __dirname, 'fixtures', name );
const now = new Date( '2026-11-21T08:00:00Z' );

describe( 'importCsvFile', () => {
	let db: CacheDb;

	beforeEach( () => {
		db = openCache( ':memory:' );
		migrate( db );
	} );

	afterEach( () => db.close() );

	function transactions(): unknown[] {
		return db
			.prepare(
				'SELECT transaction_id, status, network_status, sale_minor, commission_minor, currency, sub_id, transaction_at, validated_at FROM transactions ORDER BY transaction_id'
			)
			.all();
	}

	it( 'imports commissions with statuses, the report’s own words and amounts in minor units', async () => {
		const result = await importCsvFile( db, {
			file: fixture( 'amazon-earnings.csv' ),
			network: 'amazon',
			kind: 'commissions',
			now,
		} );

		expect( result ).toEqual( { rows: 3, written: 3 } );
		expect( transactions() ).toEqual( [
			{
				transaction_id: 'AMZ-2026-10-001',
				status: 'pending',
				network_status: 'Shipped',
				sale_minor: 2990,
				commission_minor: 120,
				currency: 'EUR',
				sub_id: 'p12_a1b2c3d4',
				transaction_at: '2026-10-05T14:32:10Z',
				validated_at: null,
			},
			{
				transaction_id: 'AMZ-2026-10-002',
				status: 'approved',
				network_status: 'Shipped',
				sale_minor: 12000,
				commission_minor: 360,
				currency: 'EUR',
				sub_id: 'p7_x',
				transaction_at: '2026-10-06T00:00:00Z',
				validated_at: '2026-11-06T00:00:00Z',
			},
			{
				transaction_id: 'AMZ-2026-10-003',
				status: 'reversed',
				network_status: 'Returned',
				sale_minor: -2990,
				commission_minor: -120,
				currency: 'EUR',
				sub_id: 'p12_a1b2c3d4',
				transaction_at: '2026-10-09T10:00:00Z',
				validated_at: null,
			},
		] );
	} );

	it( 'changes nothing when the same file is imported again', async () => {
		const options = {
			file: fixture( 'amazon-earnings.csv' ),
			network: 'amazon',
			kind: 'commissions' as const,
			now,
		};
		await importCsvFile( db, options );
		const events = (): unknown =>
			db.prepare( 'SELECT COUNT(*) AS n FROM transaction_events' ).get();
		const before = events();

		const again = await importCsvFile( db, options );

		expect( again ).toEqual( { rows: 3, written: 0 } );
		expect( events() ).toEqual( before );
		expect( transactions() ).toHaveLength( 3 );
	} );

	it( 'refuses a bad file whole, naming the file, the line and the column, and keeps what was stored', async () => {
		await importCsvFile( db, {
			file: fixture( 'amazon-earnings.csv' ),
			network: 'amazon',
			kind: 'commissions',
			now,
		} );
		const before = transactions();

		const error = await importCsvFile( db, {
			file: fixture( 'amazon-earnings-bad.csv' ),
			network: 'amazon',
			kind: 'commissions',
			now,
		} ).catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( CsvImportError );
		expect( ( error as CsvImportError ).message ).toBe(
			'amazon-earnings-bad.csv was not imported (nothing changed):\n' +
				'line 3, column 3 (status): must be one of pending, approved, paid, declined, reversed, on_hold\n' +
				'line 4, column 6 (commission_amount): must be a decimal amount'
		);
		expect( transactions() ).toEqual( before );
	} );

	it( 'refuses a file whose header lacks a required column', async () => {
		await expect(
			importCsvFile( db, {
				file: fixture( 'onetpe-products.csv' ),
				network: 'onetpe',
				kind: 'commissions',
				now,
			} )
		).rejects.toThrow(
			'onetpe-products.csv was not imported (nothing changed):\nline 1: the header lacks the column(s) transaction_id, status, commission_amount, currency, transaction_date'
		);
	} );

	it( 'imports products in Google Merchant columns, and re-imports them without writing', async () => {
		const options = {
			file: fixture( 'onetpe-products.csv' ),
			network: 'onetpe',
			kind: 'products' as const,
			now,
		};

		const first = await importCsvFile( db, options );
		const again = await importCsvFile( db, options );

		expect( first ).toEqual( { rows: 2, written: 2 } );
		expect( again ).toEqual( { rows: 2, written: 0 } );
		expect(
			db
				.prepare(
					'SELECT p.product_key, p.title, o.price_minor, o.currency, o.merchant_name FROM products p JOIN offers o ON o.product_id = p.id ORDER BY p.product_key'
				)
				.all()
		).toEqual( [
			{
				product_key: '12',
				title: 'Formation "Écrire & publier" <en ligne>',
				price_minor: 9700,
				currency: 'EUR',
				merchant_name: 'Formateur Dupré & Cie',
			},
			{
				product_key: '13',
				title: 'Guide du blogueur',
				price_minor: 1900,
				currency: 'EUR',
				merchant_name: 'Formateur Dupré & Cie',
			},
		] );
	} );

	it( 'refuses a products file with a bad row and writes none of its rows', async () => {
		const error = await importCsvFile( db, {
			file: fixture( 'onetpe-products-bad.csv' ),
			network: 'onetpe',
			kind: 'products',
			now,
		} ).catch( ( e: unknown ) => e );

		expect( ( error as Error ).message ).toBe(
			'onetpe-products-bad.csv was not imported (nothing changed):\nline 3, column 3 (link): Invalid url'
		);
		expect(
			db.prepare( 'SELECT COUNT(*) AS n FROM products' ).get()
		).toEqual( { n: 0 } );
	} );
} );
