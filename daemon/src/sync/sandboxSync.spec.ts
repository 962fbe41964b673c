import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseConfig, type DaemonConfig } from '../config';
import { PermanentError } from '../http/errors';
import { fillTemplate } from '../links/fillTemplate';
import { silentLogger } from '../logger';
import {
	createAwinAdapter,
	createAwinClients,
	listProgrammeTerms,
	type AwinAccount,
} from '../networks/awin';
import type { NetworkAdapter } from '../networks/types';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { readStatus } from '../store/statusReport';
import { runSync } from './runSync';

/** Sandbox → Awin adapter → sync → a real SQLite file, end to end. */
describe( 'syncing the Awin sandbox into the cache', () => {
	let sandbox: Sandbox;
	let dir: string;
	let config: DaemonConfig;
	let db: CacheDb;
	let account: AwinAccount;
	const retryDelays: number[] = [];
	let clock = Date.parse( '2026-11-21T08:00:00Z' );
	// Each run gets its own time, so checked_at and changed_at show which run wrote a row.
	const now = () => new Date( clock );

	// Commissions have their own spec (syncCommissions.spec.ts); without them, `all` here stays
	// the programmes + catalogue run whose Awin calls the last test counts.
	function adapter( overrides: Partial< AwinAccount > = {} ): NetworkAdapter {
		const {
			fetchTransactions: _fetch,
			transactionWindow: _window,
			...withoutCommissions
		} = createAwinAdapter(
			{ ...account, ...overrides },
			{
				retry: {
					sleep: async ( ms ) => {
						retryDelays.push( ms );
					},
				},
			}
		);
		return withoutCommissions;
	}

	function sync(
		target: 'programmes' | 'links' | 'catalogue' | 'all',
		adapters = [ adapter() ]
	) {
		clock += 3_600_000;
		return runSync( {
			db,
			config,
			log: silentLogger,
			target,
			adapters,
			now,
		} );
	}

	function lastRun( kind: string ) {
		return db
			.prepare(
				'SELECT * FROM sync_runs WHERE kind = ? ORDER BY id DESC LIMIT 1'
			)
			.get( kind ) as Record< string, unknown >;
	}

	function count( sql: string ): number {
		return ( db.prepare( sql ).get() as { n: number } ).n;
	}

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0, products: 120 } );
		dir = mkdtempSync( join( tmpdir(), 'afflux-sync-' ) );
		config = parseConfig( {
			cachePath: join( dir, 'cache.sqlite' ),
			networks: {
				awin: {
					publisherId: '123456',
					apiToken: 'sandbox-token',
					feedKey: 'sandbox-feed-key',
					feedIds: [ '1001', '1002', '1003' ],
					apiBase: sandbox.url,
					feedBase: sandbox.url,
					trackingBase: sandbox.url,
				},
			},
		} );
		const awin = config.networks.awin;
		if ( ! awin ) {
			throw new Error( 'config lost the awin section' );
		}
		account = awin;
		db = openCache( config.cachePath );
		migrate( db );
		await sync( 'all' );
	} );

	afterAll( async () => {
		db.close();
		await sandbox.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	it( 'records both runs as ok with their counts', () => {
		expect( lastRun( 'programmes' ) ).toMatchObject( {
			network: 'awin',
			status: 'ok',
			items_seen: 4,
			error: null,
		} );
		expect( lastRun( 'catalogue' ) ).toMatchObject( {
			network: 'awin',
			status: 'ok',
			items_seen: 120,
			items_written: 120,
		} );
	} );

	it( 'stores every product of the feed with one offer each', () => {
		expect(
			count(
				"SELECT COUNT(*) AS n FROM products WHERE network = 'awin' AND status = 'active'"
			)
		).toBe( 120 );
		expect( count( 'SELECT COUNT(*) AS n FROM offers' ) ).toBe( 120 );
		expect(
			count(
				'SELECT COUNT(*) AS n FROM offers WHERE price_minor IS NULL'
			)
		).toBe( 0 );
	} );

	it( 'keeps accents, ampersands, quotes and < in titles verbatim', () => {
		const titles = (
			db.prepare( 'SELECT title FROM products' ).all() as Array< {
				title: string;
			} >
		 ).map( ( row ) => row.title );

		expect( titles ).toContain( 'Pain d\'épices "maison" & miel (réf. 2)' );
		expect( titles ).toContain( 'Galette des rois <frangipane> (réf. 5)' );
	} );

	it( 'finds an accented title by full-text search with and without the accents', () => {
		const search = db.prepare(
			`SELECT p.title FROM products_fts JOIN products p ON p.id = products_fts.rowid
			WHERE products_fts MATCH ? ORDER BY p.id LIMIT 1`
		);

		expect( search.get( 'creme brulee' ) ).toEqual( {
			title: 'Crème brûlée à la vanille (réf. 1)',
		} );
		expect( search.get( 'crème brûlée' ) ).toEqual( {
			title: 'Crème brûlée à la vanille (réf. 1)',
		} );
	} );

	it( 'stores programme terms and a link template per programme pointing at the tracking host', () => {
		const programme = db
			.prepare( "SELECT * FROM programmes WHERE programme_id = '7001'" )
			.get() as Record< string, unknown >;
		const templates = db
			.prepare(
				'SELECT programme_id, template, tracking_host FROM link_templates ORDER BY programme_id'
			)
			.all() as Array< {
			programme_id: string;
			template: string;
			tracking_host: string;
		} >;

		expect( programme ).toMatchObject( {
			name: 'Boulangerie Dupré & Fils',
			commission_type: 'percentage',
			commission_min: 350,
			commission_max: 800,
			validation_days: 30,
			cookie_days: 30,
			deeplink_enabled: 1,
			valid_domains: JSON.stringify( [
				'127.0.0.1',
				'www.boulangerie-dupre.fr',
			] ),
		} );
		expect( templates.map( ( t ) => t.programme_id ) ).toEqual( [
			'7001',
			'7002',
			'7003',
			'7004',
		] );
		expect( templates[ 0 ] ).toEqual( {
			programme_id: '7001',
			template: `${ sandbox.url }/cread.php?awinmid=7001&awinaffid=123456&clickref={sub_id}&ued={landing_url}`,
			tracking_host: '127.0.0.1',
		} );
	} );

	it( 'fills a stored template into a link that carries the click to the merchant page', async () => {
		const { template } = db
			.prepare(
				"SELECT template FROM link_templates WHERE programme_id = '7001'"
			)
			.get() as { template: string };
		const { landing_url: landing } = db
			.prepare( 'SELECT landing_url FROM offers ORDER BY id LIMIT 1' )
			.get() as { landing_url: string };

		const link = fillTemplate(
			template,
			landing,
			{ utm_source: 'mon-blog.fr', utm_campaign: "l'été" },
			'p12_a1b2c3d4'
		);
		const click = await fetch( link, { redirect: 'manual' } );
		const page = await (
			await fetch( click.headers.get( 'location' ) ?? '' )
		).text();

		expect( click.status ).toBe( 302 );
		expect( page ).toContain(
			'data-param="awc">7001_123456_p12_a1b2c3d4<'
		);
		expect( page ).toContain( 'data-param="utm_campaign">l&#39;été<' );
	} );

	it( 'writes no row when nothing changed', async () => {
		const before = db.prepare( 'SELECT * FROM products ORDER BY id' ).all();
		const offersBefore = db
			.prepare( 'SELECT * FROM offers ORDER BY id' )
			.all();

		await sync( 'catalogue' );

		expect( lastRun( 'catalogue' ) ).toMatchObject( {
			status: 'ok',
			items_seen: 120,
			items_written: 0,
		} );
		expect(
			db.prepare( 'SELECT * FROM products ORDER BY id' ).all()
		).toEqual( before );
		expect(
			db.prepare( 'SELECT * FROM offers ORDER BY id' ).all()
		).toEqual( offersBefore );
	} );

	it( 'marks a product removed from the feed as gone and moves changed_at of a repriced one only', async () => {
		sandbox.removeProduct( '900005' );
		sandbox.updateProduct( '900006', { search_price: '1.99' } );

		await sync( 'catalogue' );

		const status = ( key: string ) =>
			db
				.prepare(
					`SELECT p.status, o.price_minor, o.changed_at FROM products p JOIN offers o ON o.product_id = p.id
					WHERE p.product_key = ?`
				)
				.get( key ) as {
				status: string;
				price_minor: number;
				changed_at: string;
			};
		expect( lastRun( 'catalogue' ) ).toMatchObject( {
			status: 'ok',
			items_seen: 119,
			items_written: 2,
		} );
		expect( status( '900005' ).status ).toBe( 'gone' );
		expect( status( '900006' ) ).toMatchObject( {
			status: 'active',
			price_minor: 199,
		} );
		expect( status( '900006' ).changed_at ).toBe(
			new Date( clock ).toISOString().replace( '.000Z', 'Z' )
		);
		expect( status( '900007' ).changed_at ).toBe( '2026-11-21T09:00:00Z' );
		expect( count( 'SELECT COUNT(*) AS n FROM products' ) ).toBe( 120 );
	} );

	it( 'fails a catalogue run whose feed is cut short, marking nothing gone', async () => {
		sandbox.removeProduct( '900010' );
		sandbox.truncateNextFeed( 4000 );

		const [ result ] = await sync( 'catalogue' );

		expect( result ).toMatchObject( { ok: false } );
		expect( lastRun( 'catalogue' ) ).toMatchObject( { status: 'failed' } );
		expect( lastRun( 'catalogue' ).error ).toMatch(
			/^Awin GET \/datafeed\/download\/\{feedKey\}: connection failed or body cut short \((ECONNRESET|Z_BUF_ERROR)\)$/
		);
		expect( String( lastRun( 'catalogue' ).error ) ).not.toContain(
			'sandbox-feed-key'
		);
		expect(
			count(
				"SELECT COUNT(*) AS n FROM products WHERE product_key = '900010' AND status = 'gone'"
			)
		).toBe( 0 );
	} );

	it( 'retries a 429 after the Retry-After delay', async () => {
		retryDelays.length = 0;
		sandbox.injectFault( {
			route: 'programmes',
			status: 429,
			retryAfterSeconds: 2,
		} );

		const [ result ] = await sync( 'links' );

		expect( result ).toMatchObject( {
			kind: 'links',
			ok: true,
			itemsSeen: 4,
		} );
		expect( retryDelays ).toEqual( [ 2000 ] );
	} );

	it( 'turns a wrong token into a PermanentError naming Awin, without the token', async () => {
		const clients = createAwinClients(
			{ ...account, apiToken: 'wrong-token-123' },
			{ rateLimiter: { acquire: async () => undefined } }
		);

		const error = await listProgrammeTerms( clients.api, {
			...account,
			apiToken: 'wrong-token-123',
		} ).catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toBe(
			'Awin GET /publishers/{id}/programmes: credentials rejected (HTTP 401); check the publisher id and API token'
		);
	} );

	it( 'records one network failing and still syncs the others', async () => {
		const broken = adapter( { apiToken: 'wrong-token-456' } );
		const renamed: NetworkAdapter = { ...broken, network: 'awin-broken' };

		const results = await sync( 'programmes', [ renamed, adapter() ] );

		expect( results.map( ( r ) => [ r.network, r.ok ] ) ).toEqual( [
			[ 'awin-broken', false ],
			[ 'awin', true ],
		] );
		const failed = db
			.prepare(
				"SELECT status, error FROM sync_runs WHERE network = 'awin-broken'"
			)
			.get() as { status: string; error: string };
		expect( failed.status ).toBe( 'failed' );
		expect( failed.error ).toContain( 'credentials rejected (HTTP 401)' );
		expect( failed.error ).not.toContain( 'wrong-token-456' );
	} );

	it( 'skips a network without a product feed on a catalogue run for all, fails it when named', async () => {
		const feedless: NetworkAdapter = {
			...adapter( { feedIds: [] } ),
			network: 'awin-nofeed',
		};
		const runs = () =>
			db
				.prepare(
					"SELECT status, error FROM sync_runs WHERE network = 'awin-nofeed' AND kind = 'catalogue'"
				)
				.all();

		expect( await sync( 'catalogue', [ feedless ] ) ).toEqual( [] );
		expect( runs() ).toEqual( [] );

		const named = await runSync( {
			db,
			config,
			log: silentLogger,
			target: 'catalogue',
			network: 'awin-nofeed',
			adapters: [ feedless ],
			now,
		} );
		expect( named.map( ( r ) => [ r.network, r.ok ] ) ).toEqual( [
			[ 'awin-nofeed', false ],
		] );
		expect( runs() ).toEqual( [
			{
				status: 'failed',
				error: 'No product feed is configured for awin-nofeed',
			},
		] );
		// The status test below lists every run of this shared cache.
		db.prepare(
			"DELETE FROM sync_runs WHERE network = 'awin-nofeed'"
		).run();
	} );

	it( 'reports the latest run per network and kind in status', () => {
		const report = readStatus( db );

		expect( report.schemaVersion ).toBe( 2 );
		expect(
			report.runs.map(
				( r ) => `${ r.network }/${ r.kind }/${ r.status }`
			)
		).toEqual( [
			'awin/catalogue/failed',
			'awin/links/ok',
			'awin/programmes/ok',
			'awin-broken/programmes/failed',
		] );
		expect( report.catalogue ).toEqual( [
			{ network: 'awin', active: 119, gone: 1, offers: 120 },
		] );
	} );

	it( 'stays within Awin’s 20 calls a minute', () => {
		const calls = sandbox.calls();
		const api = ( calls.programmes ?? 0 ) + ( calls.programmedetails ?? 0 );

		// programmes + 4 details (twice), a 429 and its retry, the links run, two 401s.
		expect( api ).toBeLessThanOrEqual( 20 );
	} );
} );
