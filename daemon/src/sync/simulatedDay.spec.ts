import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { parseConfig, type DaemonConfig } from '../config';
import { createRateLimiter } from '../http/rateLimiter';
import { silentLogger } from '../logger';
import { AWIN_RATE_LIMIT, createAwinAdapter } from '../networks/awin';
import { IMPACT_RATE_LIMIT, createImpactAdapter } from '../networks/impact';
import {
	IMPACT_SANDBOX_SID,
	IMPACT_SANDBOX_TOKEN,
} from '../sandbox/impactRoutes';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { maxCallsInWindow } from '../sandbox/sandboxTraffic';
import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { runSync } from './runSync';
import { startSyncScheduler, type ScheduleTask } from './syncScheduler';

/**
 * A day of `afflux-daemon start --now` on a simulated clock: the real scheduler, node-cron's own
 * matcher for the fire times, the real limiter whose waits move the clock instead of sleeping,
 * and a sandbox that stamps each call with that clock and refuses calls over Awin's quota.
 */

// node-cron computes fire times with this class; its package exports only the scheduler.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { TimeMatcher } = require(
	join( dirname( require.resolve( 'node-cron' ) ), 'time', 'time-matcher.js' )
) as {
	TimeMatcher: new ( pattern: string ) => {
		getNextMatch( date: Date ): Date;
	};
};

const DAY_START = Date.parse( '2026-11-21T00:00:00Z' );
const DAY_END = DAY_START + 86_400_000;

describe( 'a simulated day of schedules', () => {
	let sandbox: Sandbox;
	let dir: string;
	let db: CacheDb;
	let config: DaemonConfig;
	let clock = DAY_START;
	const runs: string[] = [];

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			products: 300,
			now: () => new Date( clock ),
		} );
		dir = mkdtempSync( join( tmpdir(), 'afflux-day-' ) );
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
			// Two years of backfill: the first commissions run alone needs 26 calls.
			commissions: { backfillDays: 730 },
			// Every kind more often than the defaults, links every 10 minutes.
			schedules: {
				programmes: '0 */6 * * *',
				catalogue: '0 */3 * * *',
				links: '*/10 * * * *',
				commissions: '0 * * * *',
			},
		} );
		db = openCache( config.cachePath );
		migrate( db );

		const sleep = async ( ms: number ) => {
			clock += ms;
		};
		const awin = config.networks.awin;
		if ( ! awin ) {
			throw new Error( 'config lost the awin section' );
		}
		const limiter = ( spec: { limit: number; windowMs: number } ) =>
			createRateLimiter( { ...spec, now: () => clock, sleep } );
		const catalogs = IMPACT_RATE_LIMIT.endpoints?.[ '/Catalogs' ];
		if ( ! catalogs ) {
			throw new Error( 'Impact lost its /Catalogs limit' );
		}
		const adapters = [
			createAwinAdapter( awin, {
				rateLimiter: limiter( AWIN_RATE_LIMIT ),
				retry: { sleep },
			} ),
			createImpactAdapter(
				{
					accountSid: IMPACT_SANDBOX_SID,
					authToken: IMPACT_SANDBOX_TOKEN,
					apiBase: sandbox.url,
				},
				{
					rateLimiter: limiter( IMPACT_RATE_LIMIT ),
					catalogRateLimiter: limiter( catalogs ),
					retry: { sleep },
				}
			),
		];
		const jobs: Array< { expression: string; run: () => void } > = [];
		const scheduleTask: ScheduleTask = ( expression, run ) => {
			jobs.push( { expression, run } );
			return { stop: () => undefined, destroy: () => undefined };
		};
		const controller = new AbortController();
		const scheduler = startSyncScheduler( {
			schedules: config.schedules,
			log: silentLogger,
			signal: controller.signal,
			scheduleTask,
			run: async ( target ) => {
				runs.push( target );
				await runSync( {
					db,
					config,
					log: silentLogger,
					target,
					adapters,
					now: () => new Date( clock ),
				} );
			},
		} );

		// Fire times of the day, in order, as node-cron would fire them.
		const fires: Array< { at: number; run: () => void } > = [];
		for ( const job of jobs ) {
			const matcher = new TimeMatcher( job.expression );
			let at = new Date( DAY_START - 1000 );
			for (;;) {
				at = matcher.getNextMatch( at );
				if ( at.getTime() >= DAY_END ) {
					break;
				}
				fires.push( { at: at.getTime(), run: job.run } );
			}
		}
		fires.sort( ( a, b ) => a.at - b.at );

		await scheduler.enqueue( 'all' ); // start --now
		for ( const fire of fires ) {
			// A run that overran its slot delays the next one, as the queue does in real time.
			clock = Math.max( clock, fire.at );
			fire.run();
			await scheduler.idle();
		}
		await scheduler.stop();
	}, 120_000 );

	afterAll( async () => {
		db.close();
		await sandbox.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	function apiCalls( network: string ) {
		return sandbox
			.callLog()
			.filter(
				( call ) =>
					call.network === network && call.route !== 'datafeed'
			);
	}

	it( 'ran every kind on its schedule for both networks, all successfully', () => {
		const failed = db
			.prepare(
				"SELECT network, kind, error FROM sync_runs WHERE status <> 'ok'"
			)
			.all();
		const perKind = db
			.prepare(
				'SELECT network, kind, COUNT(*) AS n FROM sync_runs GROUP BY network, kind ORDER BY network, kind'
			)
			.all();

		expect( failed ).toEqual( [] );
		expect( perKind ).toEqual( [
			{ network: 'awin', kind: 'catalogue', n: 9 },
			{ network: 'awin', kind: 'commissions', n: 25 },
			{ network: 'awin', kind: 'links', n: 144 },
			{ network: 'awin', kind: 'programmes', n: 5 },
			{ network: 'impact', kind: 'catalogue', n: 9 },
			{ network: 'impact', kind: 'commissions', n: 25 },
			{ network: 'impact', kind: 'links', n: 144 },
			{ network: 'impact', kind: 'programmes', n: 5 },
		] );
	} );

	it.each( [
		[ 'awin', 60_000, 20 ],
		[ 'impact', 3_600_000, 1000 ],
	] )(
		'%s: the sandbox refused no call and counted none above the documented limit',
		( network, windowMs, limit ) => {
			const calls = apiCalls( network );
			const busiest = maxCallsInWindow(
				calls.map( ( call ) => call.at ),
				windowMs
			);
			// The figures for the report.
			process.stdout.write(
				`simulated day, ${ network }: ${
					calls.length
				} API calls, busiest ${
					windowMs / 60_000
				} min ${ busiest }/${ limit }, ` +
					`${
						calls.filter( ( call ) => call.rateLimited ).length
					} refused\n`
			);

			expect( calls.filter( ( call ) => call.rateLimited ) ).toEqual(
				[]
			);
			expect( calls.filter( ( call ) => call.status >= 400 ) ).toEqual(
				[]
			);
			expect( busiest ).toBeLessThanOrEqual( limit );
		}
	);

	it( 'filled Awin’s minute to the limit on the busiest run, never above', () => {
		expect(
			maxCallsInWindow(
				apiCalls( 'awin' ).map( ( call ) => call.at ),
				60_000
			)
		).toBe( 20 );
	} );

	it( 'stored the commissions of the two years backfilled', () => {
		expect(
			(
				db
					.prepare(
						"SELECT COUNT(*) AS n FROM transactions WHERE network = 'awin'"
					)
					.get() as {
					n: number;
				}
			 ).n
		).toBeGreaterThan( 500 );
	} );
} );
