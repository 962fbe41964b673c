import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentLogger } from '../logger';
import { createAwinAdapter } from '../networks/awin';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { SHUTDOWN_MESSAGE } from './recordSyncRun';
import { syncCatalogue } from './syncCatalogue';

/** A shutdown request during a catalogue sync read in the feed worker. */
describe( 'syncCatalogue through the feed worker', () => {
	const BATCH = 50;
	let sandbox: Sandbox;
	let dir: string;
	let db: CacheDb;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0, products: 1000 } );
	} );

	afterAll( () => sandbox.close() );

	beforeEach( () => {
		dir = mkdtempSync( join( tmpdir(), 'afflux-sync-catalogue-' ) );
		db = openCache( join( dir, 'cache.sqlite' ) );
		migrate( db );
	} );

	afterEach( () => {
		db.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	const adapter = () =>
		createAwinAdapter( {
			publisherId: '123456',
			apiToken: 'sandbox-token',
			feedKey: 'sandbox-feed-key',
			feedIds: [ '1001', '1002', '1003' ],
			apiBase: sandbox.url,
			feedBase: sandbox.url,
			trackingBase: sandbox.url,
		} );

	const count = ( sql: string ) => Number( db.prepare( sql ).pluck().get() );

	it( 'stops between batches on a shutdown request, keeping whole batches and marking nothing gone', async () => {
		const full = await syncCatalogue( adapter(), {
			db,
			log: silentLogger,
			batchSize: BATCH,
		} );
		expect( full ).toMatchObject( { ok: true, itemsSeen: 1000 } );

		const shutdown = new AbortController();
		const stopped = await syncCatalogue( adapter(), {
			db,
			log: silentLogger,
			batchSize: BATCH,
			signal: shutdown.signal,
			// The request comes while the second batch is read.
			onProgress: ( progress ) => {
				if ( progress.done >= BATCH ) {
					shutdown.abort();
				}
			},
		} );

		expect( stopped.ok ).toBe( false );
		expect( stopped.error ).toContain( SHUTDOWN_MESSAGE );
		expect( stopped.itemsSeen % BATCH ).toBe( 0 );
		expect( stopped.itemsSeen ).toBeLessThan( 1000 );
		expect(
			count( "SELECT COUNT(*) FROM products WHERE status = 'gone'" )
		).toBe( 0 );
		expect( count( 'SELECT COUNT(*) FROM products' ) ).toBe( 1000 );
	} );
} );
