import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentLogger } from '../logger';
import { createAwinAdapter } from '../networks/awin';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { syncCatalogue } from './syncCatalogue';

/**
 * What the plugin sees while the daemon writes a catalogue: a second connection (as PHP's)
 * reading between the writer's steps never finds a product without its offer, nor part of a
 * batch.
 */
describe( 'catalogue updates as a reader sees them', () => {
	const BATCH = 50;
	const PRODUCTS = 1200;
	let sandbox: Sandbox;
	let dir: string;
	let writer: CacheDb;
	let reader: CacheDb;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0, products: PRODUCTS } );
		dir = mkdtempSync( join( tmpdir(), 'afflux-readers-' ) );
		writer = openCache( join( dir, 'cache.sqlite' ) );
		migrate( writer );
		reader = openCache( join( dir, 'cache.sqlite' ), { readonly: true } );
	} );

	afterAll( async () => {
		reader.close();
		writer.close();
		await sandbox.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	it( 'shows whole batches of products, each with its offer, at every point of a sync', async () => {
		const orphans = reader.prepare(
			`SELECT COUNT(*) AS n FROM products p
			WHERE NOT EXISTS (SELECT 1 FROM offers o WHERE o.product_id = p.id)`
		);
		const products = reader.prepare( 'SELECT COUNT(*) AS n FROM products' );
		const seen: Array< { products: number; orphans: number } > = [];
		function takeSample(): void {
			seen.push( {
				products: ( products.get() as { n: number } ).n,
				orphans: ( orphans.get() as { n: number } ).n,
			} );
		}
		// Two kinds of reads: whenever the event loop lets this one in (any point of the sync,
		// as a page view would), and right after each batch the writer reports, so the reader
		// sees the catalogue grow however the worker's batches happen to be scheduled.
		let reading = true;
		function read(): void {
			if ( ! reading ) {
				return;
			}
			takeSample();
			setImmediate( read );
		}
		read();

		const result = await syncCatalogue(
			createAwinAdapter( {
				publisherId: '123456',
				apiToken: 'sandbox-token',
				feedKey: 'sandbox-feed-key',
				feedIds: [ '1001', '1002', '1003' ],
				apiBase: sandbox.url,
				feedBase: sandbox.url,
				trackingBase: sandbox.url,
			} ),
			{
				db: writer,
				log: silentLogger,
				batchSize: BATCH,
				onProgress: takeSample,
			}
		);
		reading = false;

		const counts = new Set( seen.map( ( sample ) => sample.products ) );
		expect( result ).toMatchObject( { ok: true } );
		expect( seen.every( ( sample ) => sample.orphans === 0 ) ).toBe( true );
		// The reader saw the catalogue grow (the samples are not all taken before or after).
		expect( counts.size ).toBeGreaterThan( 3 );
		expect(
			[ ...counts ].every(
				( n ) => n % BATCH === 0 || n === result.itemsSeen
			)
		).toBe( true );
	} );
} );
