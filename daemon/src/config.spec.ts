import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	ConfigError,
	configSecrets,
	loadCachePath,
	loadConfig,
	parseConfig,
} from './config';

describe( 'config', () => {
	const awin = { publisherId: '123456', apiToken: 'sandbox-token' };

	it( 'fills in the documented defaults', () => {
		const config = parseConfig(
			{ networks: { awin } },
			{ baseDir: '/srv/afflux' }
		);

		expect( config ).toEqual( {
			cachePath: '/srv/afflux/afflux-cache.sqlite',
			networks: {
				awin: {
					enabled: true,
					publisherId: '123456',
					apiToken: 'sandbox-token',
					feedIds: [],
					countryCode: 'FR',
					apiBase: 'https://api.awin.com',
					feedBase: 'https://productdata.awin.com',
					trackingBase: 'https://www.awin1.com',
					feedGzip: true,
				},
			},
			schedules: {
				programmes: '0 3 * * *',
				catalogue: '0 */6 * * *',
				links: '30 */2 * * *',
				commissions: '15 */4 * * *',
			},
			commissions: { backfillDays: 365 },
		} );
	} );

	it( 'names the field that is wrong', () => {
		expect( () =>
			parseConfig( {
				networks: { awin: { ...awin, publisherId: 'abc' } },
			} )
		).toThrow(
			/networks\.awin\.publisherId: must be Awin’s numeric publisher id/
		);
		expect( () =>
			parseConfig( { schedules: { catalogue: 'every hour' } } )
		).toThrow( /schedules\.catalogue: must be a valid cron expression/ );
		expect( () =>
			parseConfig( { networks: { awin: { publisherId: '1' } } } )
		).toThrow( /networks\.awin\.apiToken: Required/ );
		expect( () => parseConfig( { cachepath: 'x' } ) ).toThrow(
			ConfigError
		);
	} );

	it( 'lets AFFLUX_CACHE override cachePath', () => {
		expect(
			parseConfig(
				{ cachePath: '/a.sqlite' },
				{ env: { AFFLUX_CACHE: '/b.sqlite' } }
			).cachePath
		).toBe( '/b.sqlite' );
	} );

	it( 'reads the file named by AFFLUX_CONFIG and resolves cachePath next to it', () => {
		const dir = mkdtempSync( join( tmpdir(), 'afflux-config-' ) );
		try {
			writeFileSync(
				join( dir, 'afflux.json' ),
				JSON.stringify( { cachePath: 'data/cache.sqlite' } )
			);

			const config = loadConfig( {
				env: { AFFLUX_CONFIG: join( dir, 'afflux.json' ) },
			} );

			expect( config.cachePath ).toBe( join( dir, 'data/cache.sqlite' ) );
		} finally {
			rmSync( dir, { recursive: true, force: true } );
		}
	} );

	it( 'finds the cache path of a file whose network accounts are incomplete, for migrate', () => {
		const dir = mkdtempSync( join( tmpdir(), 'afflux-config-' ) );
		try {
			const file = join( dir, 'afflux.json' );
			// The accounts come from WordPress later: the file has hosts but no credentials.
			writeFileSync(
				file,
				JSON.stringify( {
					cachePath: 'cache.sqlite',
					networks: { awin: { apiBase: 'http://127.0.0.1:1' } },
				} )
			);

			expect( () => loadConfig( { path: file, env: {} } ) ).toThrow(
				ConfigError
			);
			expect( loadCachePath( { path: file, env: {} } ) ).toBe(
				join( dir, 'cache.sqlite' )
			);
			expect(
				loadCachePath( {
					path: file,
					env: { AFFLUX_CACHE: '/x.sqlite' },
				} )
			).toBe( '/x.sqlite' );
		} finally {
			rmSync( dir, { recursive: true, force: true } );
		}
	} );

	it( 'reports a file that is not JSON', () => {
		const dir = mkdtempSync( join( tmpdir(), 'afflux-config-' ) );
		try {
			writeFileSync( join( dir, 'bad.json' ), '{ cachePath: ' );

			expect( () =>
				loadConfig( { path: join( dir, 'bad.json' ), env: {} } )
			).toThrow( /is not valid JSON/ );
		} finally {
			rmSync( dir, { recursive: true, force: true } );
		}
	} );

	it( 'lists the credentials for the logger to mask', () => {
		const config = parseConfig( {
			networks: { awin: { ...awin, feedKey: 'sandbox-feed-key' } },
		} );

		expect( configSecrets( config ) ).toEqual( [
			'sandbox-token',
			'sandbox-feed-key',
		] );
	} );
} );
