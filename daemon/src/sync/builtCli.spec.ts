import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { openCache, type CacheDb } from '../store/openCache';

/**
 * The built CLI (`node daemon/bin/afflux-daemon.js …`) against a slow sandbox: killed with
 * SIGKILL mid-sync and restarted, it ends where an uninterrupted run ends; `start` stopped with
 * SIGTERM finishes the page it is writing and exits cleanly.
 */

const ROOT = resolve( __dirname, '../../..' );
const BIN = join( ROOT, 'daemon/bin/afflux-daemon.js' );
// Whole seconds: the sandbox's clock stands still, so both runs see the same transactions.
const SANDBOX_NOW = new Date( Math.floor( Date.now() / 1000 ) * 1000 );

function writeConfig( dir: string, name: string, sandbox: Sandbox ): string {
	const path = join( dir, `${ name }.json` );
	writeFileSync(
		path,
		JSON.stringify( {
			cachePath: `${ name }.sqlite`,
			networks: {
				awin: {
					publisherId: '123456',
					apiToken: 'sandbox-token',
					apiBase: sandbox.url,
					feedBase: sandbox.url,
					trackingBase: sandbox.url,
				},
			},
			commissions: { backfillDays: 365 },
		} )
	);
	return path;
}

function runCli(
	config: string,
	command: string[] = [ 'sync', 'commissions' ]
): {
	child: ChildProcess;
	exit: Promise< number | null >;
} {
	const child = spawn(
		process.execPath,
		[ BIN, '--json', '--config', config, ...command ],
		{ cwd: ROOT, stdio: [ 'ignore', 'ignore', 'pipe' ] }
	);
	child.stderr?.resume();
	const exit = new Promise< number | null >( ( done ) =>
		child.once( 'exit', ( code ) => done( code ) )
	);
	return { child, exit };
}

function snapshot( db: CacheDb ) {
	return {
		transactions: db
			.prepare(
				`SELECT network, transaction_id, account_id, programme_id, status, network_status,
				sale_minor, commission_minor, currency, sub_id, order_ref, click_at, transaction_at,
				validated_at, paid_at IS NOT NULL AS paid, raw_json
				FROM transactions ORDER BY transaction_id`
			)
			.all(),
		events: db
			.prepare(
				`SELECT transaction_id, from_status, to_status, commission_minor, network_status
				FROM transaction_events ORDER BY transaction_id, id`
			)
			.all(),
	};
}

function answeredCalls( sandbox: Sandbox, count: number ): Promise< void > {
	return new Promise< void >( ( done ) => {
		const poll = setInterval( () => {
			const answered = sandbox
				.callLog()
				.filter(
					( call ) =>
						call.route === 'transactions' && call.status === 200
				).length;
			if ( answered >= count ) {
				clearInterval( poll );
				done();
			}
		}, 20 );
	} );
}

describe( 'the built CLI under signals', () => {
	const sandboxes: Sandbox[] = [];
	let dir: string;

	beforeAll( () => {
		// The test runs the shipped entry point, so it builds it first.
		execFileSync( 'npm', [ 'run', '--silent', 'build:daemon' ], {
			cwd: ROOT,
			stdio: 'ignore',
		} );
		dir = mkdtempSync( join( tmpdir(), 'afflux-kill-' ) );
	}, 120_000 );

	afterAll( async () => {
		for ( const sandbox of sandboxes ) {
			await sandbox.close();
		}
		rmSync( dir, { recursive: true, force: true } );
	} );

	// Each run gets its own sandbox (same seed and clock, so the same data) and so its own quota.
	async function slowSandbox(): Promise< Sandbox > {
		const sandbox = await startSandbox( {
			port: 0,
			subIds: [ 'p12_a1b2c3d4' ],
			now: () => SANDBOX_NOW,
			// Rows carry shop URLs: the same base for both sandboxes, whatever their ports.
			publicBase: 'http://shop.sandbox.invalid',
		} );
		sandbox.injectFault( {
			route: 'transactions',
			kind: 'latency',
			latencyMs: 250,
			times: Infinity,
		} );
		sandboxes.push( sandbox );
		return sandbox;
	}

	it( 'converges after kill -9 mid-sync to the state of an uninterrupted run', async () => {
		const reference = await slowSandbox();
		const referenceRun = runCli(
			writeConfig( dir, 'reference', reference )
		);
		expect( await referenceRun.exit ).toBe( 0 );

		const killed = await slowSandbox();
		const config = writeConfig( dir, 'killed', killed );
		const first = runCli( config );
		// Kill once the run has stored a few windows but not all of them.
		await answeredCalls( killed, 4 );
		first.child.kill( 'SIGKILL' );
		expect( await first.exit ).toBeNull();
		const db = openCache( join( dir, 'killed.sqlite' ) );
		const stored = snapshot( db ).transactions.length;
		const runs = db.prepare( 'SELECT status FROM sync_runs' ).all();

		const second = runCli( config );
		expect( await second.exit ).toBe( 0 );

		const referenceDb = openCache( join( dir, 'reference.sqlite' ) );
		const expected = snapshot( referenceDb );
		expect( stored ).toBeGreaterThan( 0 );
		expect( stored ).toBeLessThan( expected.transactions.length );
		expect( runs ).toEqual( [ { status: 'running' } ] );
		expect( snapshot( db ) ).toEqual( expected );
		expect(
			db
				.prepare( 'SELECT status, error FROM sync_runs ORDER BY id' )
				.all()
		).toEqual( [
			{
				status: 'failed',
				error: 'The daemon stopped before this run finished',
			},
			{ status: 'ok', error: null },
		] );
		db.close();
		referenceDb.close();
	}, 120_000 );

	it( 'stops `start --now` on SIGTERM after the page being written, leaving no run open', async () => {
		const sandbox = await slowSandbox();
		const config = writeConfig( dir, 'stopped', sandbox );
		const daemon = runCli( config, [ 'start', '--now' ] );
		await answeredCalls( sandbox, 3 );

		daemon.child.kill( 'SIGTERM' );

		expect( await daemon.exit ).toBe( 0 );
		const db = openCache( join( dir, 'stopped.sqlite' ) );
		const commissions = db
			.prepare(
				"SELECT status, error, items_seen FROM sync_runs WHERE kind = 'commissions'"
			)
			.get() as { status: string; error: string; items_seen: number };
		expect( commissions ).toMatchObject( {
			status: 'failed',
			error: 'Stopped by a shutdown request',
		} );
		// What it read before stopping is stored, each page whole.
		expect(
			(
				db
					.prepare( 'SELECT COUNT(*) AS n FROM transactions' )
					.get() as {
					n: number;
				}
			 ).n
		).toBe( commissions.items_seen );
		expect(
			db
				.prepare(
					"SELECT COUNT(*) AS n FROM sync_runs WHERE status = 'running'"
				)
				.get()
		).toEqual( { n: 0 } );
		expect( existsSync( join( dir, 'stopped.sqlite.lock' ) ) ).toBe(
			false
		);
		db.close();
	}, 60_000 );
} );
