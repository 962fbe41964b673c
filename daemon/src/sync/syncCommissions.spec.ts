import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseConfig, type DaemonConfig } from '../config';
import { createRateLimiter } from '../http/rateLimiter';
import { silentLogger } from '../logger';
import { AWIN_RATE_LIMIT, createAwinAdapter } from '../networks/awin';
import { AWIN_TRANSACTION_WINDOW } from '../networks/awin/transactions';
import type { NetworkAdapter } from '../networks/types';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { maxCallsInWindow, type SandboxFault } from '../sandbox/sandboxTraffic';
import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { runSync } from './runSync';
import { planCommissionPasses } from './syncCommissions';

/** Awin sandbox → commissions sync → SQLite, with faults injected per test. */

const NOW = Date.parse( '2026-11-21T08:00:00Z' );
const DAY = 86_400_000;
const TRANSACTION_COLUMNS = `network, transaction_id, account_id, programme_id, status, network_status,
	sale_minor, commission_minor, currency, sub_id, order_ref, click_at, transaction_at, validated_at,
	paid_at, raw_json`;

describe( 'planning commission windows', () => {
	it( 'splits a year of backfill into windows of at most 31 days, oldest first, then the change windows', () => {
		const now = new Date( NOW );
		const passes = planCommissionPasses(
			AWIN_TRANSACTION_WINDOW,
			now,
			null,
			null,
			365
		);
		const byDate = passes.filter( ( pass ) => ! pass.dateField );

		expect( byDate[ 0 ]?.start.toISOString() ).toBe(
			'2025-11-21T00:00:00.000Z'
		);
		expect( byDate.at( -1 )?.end ).toEqual( now );
		expect(
			byDate.every(
				( pass ) =>
					pass.end.getTime() - pass.start.getTime() <= 31 * DAY
			)
		).toBe( true );
		expect(
			byDate.every(
				( pass, i ) =>
					i === 0 ||
					pass.start.getTime() === byDate[ i - 1 ]?.end.getTime()
			)
		).toBe( true );
		expect( passes.map( ( pass ) => pass.dateField ).slice( -2 ) ).toEqual(
			[ 'validation', 'amendment' ]
		);
	} );

	it( 'resumes from the cursor but re-reads the trailing days and the oldest open transaction', () => {
		const now = new Date( NOW );
		const passes = planCommissionPasses(
			AWIN_TRANSACTION_WINDOW,
			now,
			{ syncedTo: new Date( NOW - 2 * DAY ).toISOString() },
			new Date( NOW - 50 * DAY ),
			365
		);

		expect( passes[ 0 ]?.start ).toEqual( new Date( NOW - 50 * DAY ) );
		expect( passes.filter( ( pass ) => ! pass.dateField ) ).toHaveLength(
			2
		);
	} );
} );

describe( 'syncing Awin commissions', () => {
	let sandbox: Sandbox;
	let dir: string;
	let config: DaemonConfig;
	let clock = NOW;
	const dbs: CacheDb[] = [];

	function newCache( name: string ): CacheDb {
		const db = openCache( join( dir, `${ name }.sqlite` ) );
		migrate( db );
		dbs.push( db );
		return db;
	}

	// A fresh limiter per run, on a simulated clock: waiting for a slot moves the clock, not time.
	function adapter(): NetworkAdapter {
		const sleep = async ( ms: number ) => {
			clock += ms;
		};
		const awin = config.networks.awin;
		if ( ! awin ) {
			throw new Error( 'config lost the awin section' );
		}
		return createAwinAdapter( awin, {
			rateLimiter: createRateLimiter( {
				...AWIN_RATE_LIMIT,
				now: () => clock,
				sleep,
			} ),
			retry: { sleep, baseDelayMs: 10 },
			timeoutMs: 500,
		} );
	}

	function syncInto( db: CacheDb ) {
		return runSync( {
			db,
			config: { ...config, cachePath: db.name },
			log: silentLogger,
			target: 'commissions',
			adapters: [ adapter() ],
			now: () => new Date( NOW ),
		} );
	}

	function transactions( db: CacheDb ): unknown[] {
		return db
			.prepare(
				`SELECT ${ TRANSACTION_COLUMNS } FROM transactions ORDER BY network, transaction_id`
			)
			.all();
	}

	function events( db: CacheDb ): unknown[] {
		return db
			.prepare(
				`SELECT network, transaction_id, from_status, to_status, commission_minor, network_status
				FROM transaction_events ORDER BY network, transaction_id, id`
			)
			.all();
	}

	let baseline: CacheDb;

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p12_a1b2c3d4', 'p40_ffee0011' ],
			now: () => new Date( NOW ),
		} );
		dir = mkdtempSync( join( tmpdir(), 'afflux-commissions-' ) );
		config = parseConfig( {
			cachePath: join( dir, 'unused.sqlite' ),
			networks: {
				awin: {
					publisherId: '123456',
					apiToken: 'sandbox-token',
					apiBase: sandbox.url,
					feedBase: sandbox.url,
					trackingBase: sandbox.url,
				},
			},
			commissions: { backfillDays: 120 },
		} );
		baseline = newCache( 'baseline' );
		const [ result ] = await syncInto( baseline );
		expect( result ).toMatchObject( { kind: 'commissions', ok: true } );
	} );

	afterAll( async () => {
		for ( const db of dbs ) {
			db.close();
		}
		await sandbox.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	beforeEach( () => {
		sandbox.clearFaults();
		sandbox.resetCalls();
		// A minute later than anything before: each test starts with a full quota.
		clock += 3_600_000;
	} );

	it( 'stores the sandbox transactions with one first-sighting event each', () => {
		const rows = transactions( baseline ) as Array< {
			status: string;
			currency: string;
		} >;
		const statuses = new Set( rows.map( ( row ) => row.status ) );

		expect( rows.length ).toBeGreaterThan( 80 );
		expect( [ ...statuses ].sort() ).toEqual( [
			'approved',
			'declined',
			'paid',
			'pending',
		] );
		expect( events( baseline ) ).toHaveLength( rows.length );
		expect(
			baseline
				.prepare(
					'SELECT COUNT(*) AS n FROM transaction_events WHERE from_status IS NOT NULL'
				)
				.get()
		).toEqual( { n: 0 } );
	} );

	it( 'writes nothing when a second run sees no change', async () => {
		const before = baseline
			.prepare( 'SELECT * FROM transactions ORDER BY transaction_id' )
			.all();

		const [ result ] = await syncInto( baseline );

		expect( result ).toMatchObject( { ok: true, itemsWritten: 0 } );
		expect(
			baseline
				.prepare( 'SELECT * FROM transactions ORDER BY transaction_id' )
				.all()
		).toEqual( before );
		expect( events( baseline ) ).toHaveLength( before.length );
	} );

	const faults: Array< [ string, SandboxFault ] > = [
		[
			'latency on every call',
			{
				route: 'transactions',
				kind: 'latency',
				latencyMs: 40,
				times: Infinity,
			},
		],
		[
			'429 with Retry-After',
			{
				route: 'transactions',
				status: 429,
				retryAfterSeconds: 7,
				times: 2,
			},
		],
		[
			'429 without Retry-After',
			{ route: 'transactions', status: 429, times: 2 },
		],
		[ '500', { route: 'transactions', status: 500, times: 3 } ],
		[ '503', { route: 'transactions', status: 503, times: 2 } ],
		[
			'a timeout (no answer)',
			{ route: 'transactions', kind: 'timeout', times: 2 },
		],
		[
			'a truncated body',
			{ route: 'transactions', kind: 'truncate', times: 2 },
		],
	];

	it.each( faults )(
		'ends with exactly the fault-free transactions and events after %s',
		async ( _name, fault ) => {
			const db = newCache( `fault-${ _name.replace( /\W+/g, '-' ) }` );
			sandbox.injectFault( fault );

			const [ result ] = await syncInto( db );

			expect( result?.error ).toBeUndefined();
			expect( result ).toMatchObject( { ok: true } );
			expect( transactions( db ) ).toEqual( transactions( baseline ) );
			expect( events( db ) ).toEqual( events( baseline ) );
			const answered = sandbox
				.callLog()
				.filter( ( call ) => call.route === 'transactions' );
			expect( answered.some( ( call ) => call.status !== 200 ) ).toBe(
				fault.kind !== 'latency'
			);
		}
	);

	it( 'fails a run on a malformed body without losing anything, and the next run converges', async () => {
		const db = newCache( 'fault-malformed' );
		await syncInto( db );
		const before = transactions( db );
		sandbox.injectFault( { route: 'transactions', kind: 'malformed' } );

		const [ failed ] = await syncInto( db );
		const [ next ] = await syncInto( db );

		expect( failed ).toMatchObject( {
			ok: false,
			error: 'Awin GET /publishers/{id}/transactions/: response is not JSON',
		} );
		expect( before ).toEqual( transactions( baseline ) );
		expect( next ).toMatchObject( { ok: true } );
		expect( transactions( db ) ).toEqual( transactions( baseline ) );
		expect( events( db ) ).toEqual( events( baseline ) );
	} );

	it( 'resumes a backfill from its cursor after a run that failed half way', async () => {
		const db = newCache( 'fault-permanent' );
		// The fourth window is refused (HTTP 400, permanent): windows 1–3 stay stored and the
		// cursor says how far they got; the next run starts there.
		sandbox.injectFault( {
			route: 'transactions',
			status: 400,
			skip: 3,
		} );
		const [ failed ] = await syncInto( db );
		const cursor = db
			.prepare( 'SELECT cursor FROM sync_cursors' )
			.get() as { cursor: string };
		const stored = transactions( db ).length;

		const [ next ] = await syncInto( db );

		expect( failed ).toMatchObject( { ok: false } );
		expect( JSON.parse( cursor.cursor ) ).toEqual( {
			syncedTo: '2026-10-25T00:00:00.000Z',
		} );
		expect( stored ).toBeGreaterThan( 0 );
		expect( stored ).toBeLessThan( transactions( baseline ).length );
		expect( next ).toMatchObject( { ok: true } );
		expect( transactions( db ) ).toEqual( transactions( baseline ) );
	} );

	it( 'never asks for a window longer than 31 days and keeps to 20 calls a minute', () => {
		const log = sandbox.callLog();

		expect(
			log.filter( ( call ) => call.status === 400 || call.rateLimited )
		).toEqual( [] );
		expect(
			maxCallsInWindow(
				log.map( ( call ) => call.at ),
				60_000
			)
		).toBeLessThanOrEqual( 20 );
	} );

	it( 'records pending → approved → reversed (a refund after validation) as events', async () => {
		const db = newCache( 'status-changes' );
		await syncInto( db );
		const pending = db
			.prepare(
				"SELECT transaction_id, raw_json FROM transactions WHERE status = 'pending' ORDER BY transaction_at DESC LIMIT 1"
			)
			.get() as { transaction_id: string; raw_json: string };
		const id = Number( pending.transaction_id );
		const commission = (
			JSON.parse( pending.raw_json ) as {
				commissionAmount: { amount: number };
			}
		 ).commissionAmount.amount;

		sandbox.patchTransaction( id, {
			commissionStatus: 'approved',
			validationDate: '2026-11-20T10:00:00',
		} );
		await syncInto( db );
		sandbox.patchTransaction( id, {
			commissionStatus: 'declined',
			declineReason: 'Commande retournée',
		} );
		await syncInto( db );
		sandbox.patchTransaction( id, {
			commissionAmount: { amount: 0, currency: 'EUR' },
		} );
		await syncInto( db );
		await syncInto( db );

		const history = db
			.prepare(
				`SELECT from_status, to_status, commission_minor, network_status FROM transaction_events
				WHERE transaction_id = ? ORDER BY id`
			)
			.all( pending.transaction_id );
		const cents = Math.round( commission * 100 );
		expect( history ).toEqual( [
			{
				from_status: null,
				to_status: 'pending',
				commission_minor: cents,
				network_status: 'pending',
			},
			{
				from_status: 'pending',
				to_status: 'approved',
				commission_minor: cents,
				network_status: 'approved',
			},
			{
				from_status: 'approved',
				to_status: 'reversed',
				commission_minor: cents,
				network_status: 'declined',
			},
			{
				from_status: 'reversed',
				to_status: 'reversed',
				commission_minor: 0,
				network_status: 'declined',
			},
		] );
		expect(
			db
				.prepare(
					'SELECT status, network_status, commission_minor, validated_at FROM transactions WHERE transaction_id = ?'
				)
				.get( pending.transaction_id )
		).toEqual( {
			status: 'reversed',
			network_status: 'declined',
			commission_minor: 0,
			validated_at: '2026-11-20T10:00:00Z',
		} );
	} );
} );
