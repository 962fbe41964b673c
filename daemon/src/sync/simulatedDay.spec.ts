import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { parseConfig, type DaemonConfig } from '../config';
import {
	SAFE_DEFAULT_RATE_LIMIT,
	type RateLimiter,
	type RateLimiterOptions,
} from '../http/rateLimiter';
import { silentLogger } from '../logger';
import { AWIN_RATE_LIMIT, createAwinAdapter } from '../networks/awin';
import { createAmazonAdapter } from '../networks/amazon';
import { createCjAdapter } from '../networks/cj';
import { createEffiliationAdapter } from '../networks/effiliation';
import { IMPACT_RATE_LIMIT, createImpactAdapter } from '../networks/impact';
import { createRakutenAdapter } from '../networks/rakuten';
import { createTikTokAdapter } from '../networks/tiktok';
import {
	AMAZON_SANDBOX_ASINS,
	AMAZON_SANDBOX_CLIENT_ID,
	AMAZON_SANDBOX_CLIENT_SECRET,
} from '../sandbox/amazonRoutes';
import {
	CJ_SANDBOX_COMPANY_ID,
	CJ_SANDBOX_TOKEN,
	CJ_SANDBOX_WEBSITE_ID,
} from '../sandbox/cjRoutes';
import { EFFILIATION_SANDBOX_KEY } from '../sandbox/effiliationRoutes';
import {
	IMPACT_SANDBOX_SID,
	IMPACT_SANDBOX_TOKEN,
} from '../sandbox/impactRoutes';
import {
	RAKUTEN_SANDBOX_CLIENT_ID,
	RAKUTEN_SANDBOX_CLIENT_SECRET,
	RAKUTEN_SANDBOX_SITE_ID,
} from '../sandbox/rakutenRoutes';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import { maxCallsInWindow } from '../sandbox/sandboxTraffic';
import {
	TIKTOK_SANDBOX_ACCESS_TOKEN,
	TIKTOK_SANDBOX_APP_KEY,
	TIKTOK_SANDBOX_APP_SECRET,
} from '../sandbox/tiktokRoutes';
import { migrate } from '../store/migrate';
import { openCache, type CacheDb } from '../store/openCache';
import { runSync } from './runSync';
import { startSyncScheduler, type ScheduleTask } from './syncScheduler';

/**
 * A day of `afflux-daemon start --now` on a simulated clock, for every network with an API: the
 * real scheduler, node-cron's own matcher for the fire times, and each adapter's own limiter as
 * it configures it in production (sharedRateLimiter, its key and limit), only on the simulated
 * clock: waits, backoffs and Retry-After move the clock instead of sleeping. The sandbox stamps
 * each call with that clock and refuses, with a 429, any call over the network's quota.
 */

// The shared clock. Limiters and retries built by the adapters read and move it.
const mockClock = { now: Date.parse( '2026-11-21T00:00:00Z' ) };

jest.mock( '../http/rateLimiter', () => {
	const actual = jest.requireActual< typeof import('../http/rateLimiter') >(
		'../http/rateLimiter'
	);
	const sleep = async ( ms: number ): Promise< void > => {
		mockClock.now += ms;
	};
	const limiters = new Map< string, RateLimiter >();
	return {
		...actual,
		sleepFor: sleep,
		sharedRateLimiter: ( key: string, options: RateLimiterOptions ) => {
			const limiter =
				limiters.get( key ) ??
				actual.createRateLimiter( {
					...options,
					now: () => mockClock.now,
					sleep,
				} );
			limiters.set( key, limiter );
			return limiter;
		},
	};
} );

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
	const runs: string[] = [];

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			products: 300,
			now: () => new Date( mockClock.now ),
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

		const awin = config.networks.awin;
		if ( ! awin ) {
			throw new Error( 'config lost the awin section' );
		}
		const url = sandbox.url;
		const unixNow = () => Math.floor( mockClock.now / 1000 );
		// No rateLimiter option anywhere: each adapter builds the limiter it uses in production.
		const adapters = [
			createAwinAdapter( awin ),
			createImpactAdapter( {
				accountSid: IMPACT_SANDBOX_SID,
				authToken: IMPACT_SANDBOX_TOKEN,
				apiBase: url,
			} ),
			createEffiliationAdapter( {
				apiKey: EFFILIATION_SANDBOX_KEY,
				apiBase: url,
				trackingBase: url,
				feedFormat: 'xml',
			} ),
			createCjAdapter( {
				companyId: CJ_SANDBOX_COMPANY_ID,
				websiteId: CJ_SANDBOX_WEBSITE_ID,
				accessToken: CJ_SANDBOX_TOKEN,
				currency: 'EUR',
				advertisers: [
					{ advertiserId: '5101', adId: '95101' },
					{ advertiserId: '5102', adId: '95102' },
				],
				commissionsBase: `${ url }/cj-commissions`,
				productsBase: `${ url }/cj-ads`,
				trackingBase: url,
			} ),
			createRakutenAdapter(
				{
					clientId: RAKUTEN_SANDBOX_CLIENT_ID,
					clientSecret: RAKUTEN_SANDBOX_CLIENT_SECRET,
					siteId: RAKUTEN_SANDBOX_SITE_ID,
					publisherId: 'AbCdEf123',
					advertisers: [ { advertiserId: '5101' } ],
					apiBase: url,
					trackingBase: url,
				},
				{ now: () => mockClock.now }
			),
			createTikTokAdapter(
				{
					appKey: TIKTOK_SANDBOX_APP_KEY,
					appSecret: TIKTOK_SANDBOX_APP_SECRET,
					accessToken: TIKTOK_SANDBOX_ACCESS_TOKEN,
					creatorId: 'creator-1',
					keywords: [ 'livre', 'vin' ],
					maxPages: 20,
					apiBase: url,
				},
				{ now: unixNow }
			),
			createAmazonAdapter(
				{
					clientId: AMAZON_SANDBOX_CLIENT_ID,
					clientSecret: AMAZON_SANDBOX_CLIENT_SECRET,
					partnerTag: 'monblog-21',
					marketplace: 'www.amazon.fr',
					currency: 'EUR',
					asins: AMAZON_SANDBOX_ASINS,
					apiBase: url,
					tokenUrl: `${ url }/amazon/auth/o2/token`,
				},
				{ now: () => mockClock.now }
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
					now: () => new Date( mockClock.now ),
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
			mockClock.now = Math.max( mockClock.now, fire.at );
			fire.run();
			await scheduler.idle();
		}
		await scheduler.stop();
	}, 300_000 );

	afterAll( async () => {
		db.close();
		await sandbox.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	/**
	 * Each network's limit as the sandbox enforces it, by the routes it counts. Awin and Impact:
	 * documented in docs/networks.md. Effiliation, CJ, Rakuten, TikTok Shop and Amazon: no
	 * number is documented, so the conservative limit their limiter is configured with
	 * (SAFE_DEFAULT_RATE_LIMIT, one limiter per API host) is the limit checked.
	 */
	const LIMITS: Array<
		[ string, string, readonly string[], number, number ]
	> = [
		[
			'awin',
			'API (documented, per user)',
			[
				'programmes',
				'programmedetails',
				'transactions',
				'linkbuilder/generate',
				'linkbuilder/generate-batch',
			],
			AWIN_RATE_LIMIT.windowMs,
			AWIN_RATE_LIMIT.limit,
		],
		[
			'impact',
			'API (documented)',
			[ 'Campaigns', 'TrackingLinks', 'Actions' ],
			IMPACT_RATE_LIMIT.windowMs,
			IMPACT_RATE_LIMIT.limit,
		],
		[
			'impact',
			'/Catalogs (documented)',
			[ 'Catalogs', 'CatalogItems' ],
			IMPACT_RATE_LIMIT.endpoints?.[ '/Catalogs' ]?.windowMs ?? 0,
			IMPACT_RATE_LIMIT.endpoints?.[ '/Catalogs' ]?.limit ?? 0,
		],
		[
			'effiliation',
			'API (conservative)',
			[ 'programs', 'productfeeds', 'transaction' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
		[
			'cj',
			'commissions host (conservative)',
			[ 'commissions' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
		[
			'cj',
			'products host (conservative)',
			[ 'products' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
		[
			'rakuten',
			'API (conservative)',
			[ 'token', 'transactions' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
		[
			'tiktok',
			'API (conservative)',
			[ 'products', 'sharing_links', 'orders' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
		[
			'amazon',
			'token host (conservative)',
			[ 'token' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
		[
			'amazon',
			'Creators API (conservative)',
			[ 'getItems' ],
			SAFE_DEFAULT_RATE_LIMIT.windowMs,
			SAFE_DEFAULT_RATE_LIMIT.limit,
		],
	];

	function callsOf( network: string, routes: readonly string[] ) {
		return sandbox
			.callLog()
			.filter(
				( call ) =>
					call.network === network && routes.includes( call.route )
			);
	}

	it( 'ran every kind on its schedule for every network, all successfully', () => {
		const failed = db
			.prepare(
				"SELECT network, kind, error FROM sync_runs WHERE status <> 'ok'"
			)
			.all();
		const perNetwork = db
			.prepare(
				"SELECT network, SUM(kind = 'commissions') AS commissions, SUM(kind = 'catalogue') AS catalogue FROM sync_runs GROUP BY network ORDER BY network"
			)
			.all();

		expect( failed ).toEqual( [] );
		expect( perNetwork ).toEqual( [
			{ network: 'amazon', commissions: 0, catalogue: 9 },
			{ network: 'awin', commissions: 25, catalogue: 9 },
			{ network: 'cj', commissions: 25, catalogue: 9 },
			{ network: 'effiliation', commissions: 25, catalogue: 9 },
			{ network: 'impact', commissions: 25, catalogue: 9 },
			// Rakuten has no product feed: its catalogue is skipped, never recorded as failed.
			{ network: 'rakuten', commissions: 25, catalogue: 0 },
			{ network: 'tiktok', commissions: 25, catalogue: 9 },
		] );
	} );

	it.each( LIMITS )(
		'%s %s: the sandbox refused no call and counted none above the limit',
		( network, label, routes, windowMs, limit ) => {
			const calls = callsOf( network, routes );
			const busiest = maxCallsInWindow(
				calls.map( ( call ) => call.at ),
				windowMs
			);
			const refused = calls.filter( ( call ) => call.rateLimited );
			// The figures for the closing note.
			process.stdout.write(
				`simulated day, ${ network } ${ label }: ${
					calls.length
				} calls, busiest ${
					windowMs / 60_000
				} min ${ busiest }/${ limit }, ${ refused.length } refused\n`
			);

			expect( calls.length ).toBeGreaterThan( 0 );
			expect( refused ).toEqual( [] );
			expect( calls.filter( ( call ) => call.status >= 400 ) ).toEqual(
				[]
			);
			expect( busiest ).toBeLessThanOrEqual( limit );
		}
	);

	it( 'filled Awin’s minute to the limit on the busiest run, never above', () => {
		expect(
			maxCallsInWindow(
				callsOf( 'awin', LIMITS[ 0 ]?.[ 2 ] ?? [] ).map(
					( call ) => call.at
				),
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
