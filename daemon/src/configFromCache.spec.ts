import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from './config';
import { loadConfigWithCache, mergeCacheConfig } from './configFromCache';
import { migrate } from './store/migrate';
import { openCache } from './store/openCache';

describe( 'configFromCache', () => {
	let dir: string;
	beforeEach( () => {
		dir = mkdtempSync( join( tmpdir(), 'afflux-config-cache-' ) );
	} );
	afterEach( () => {
		rmSync( dir, { recursive: true, force: true } );
	} );

	function writeRows( cachePath: string, rows: Record< string, unknown > ) {
		const db = openCache( cachePath );
		migrate( db );
		const insert = db.prepare(
			'INSERT INTO config (key, value, updated_at) VALUES (?, ?, ?)'
		);
		for ( const [ key, value ] of Object.entries( rows ) ) {
			insert.run( key, JSON.stringify( value ), '2026-11-21T08:00:00Z' );
		}
		db.close();
	}

	it( 'takes the accounts saved in WordPress over the file, keeping the file’s hosts', () => {
		const cachePath = join( dir, 'cache.sqlite' );
		writeRows( cachePath, {
			'networks.awin': {
				enabled: true,
				publisherId: '777',
				apiToken: 'from-wordpress',
			},
			schedules: { commissions: '0 * * * *' },
		} );
		const file = join( dir, 'daemon.json' );
		writeFileSync(
			file,
			JSON.stringify( {
				cachePath,
				networks: { awin: { apiBase: 'http://127.0.0.1:1' } },
				schedules: { catalogue: '*/30 * * * *' },
			} )
		);

		const config = loadConfigWithCache( { path: file, env: {} } );

		expect( config.networks.awin ).toMatchObject( {
			publisherId: '777',
			apiToken: 'from-wordpress',
			apiBase: 'http://127.0.0.1:1',
		} );
		expect( config.schedules.commissions ).toBe( '0 * * * *' );
		expect( config.schedules.catalogue ).toBe( '*/30 * * * *' );
	} );

	it( 'finds the cache as loadConfig does: relative to the config file, or at AFFLUX_CACHE', () => {
		writeRows( join( dir, 'cache.sqlite' ), {
			'networks.awin': {
				enabled: true,
				publisherId: '777',
				apiToken: 't',
			},
		} );
		const elsewhere = join( dir, 'elsewhere.sqlite' );
		writeRows( elsewhere, {
			'networks.awin': {
				enabled: true,
				publisherId: '888',
				apiToken: 't',
			},
		} );
		const file = join( dir, 'daemon.json' );
		writeFileSync( file, JSON.stringify( { cachePath: 'cache.sqlite' } ) );

		const config = loadConfigWithCache( {
			path: 'daemon.json',
			cwd: dir,
			env: {},
		} );
		expect( config.networks.awin?.publisherId ).toBe( '777' );
		expect( config.cachePath ).toBe( join( dir, 'cache.sqlite' ) );
		expect(
			loadConfigWithCache( {
				path: file,
				env: { AFFLUX_CACHE: elsewhere },
			} ).networks.awin?.publisherId
		).toBe( '888' );
	} );

	it( 'reads the file alone when the cache does not exist yet', () => {
		const file = join( dir, 'daemon.json' );
		writeFileSync(
			file,
			JSON.stringify( {
				cachePath: 'missing.sqlite',
				networks: { awin: { publisherId: '1', apiToken: 't' } },
			} )
		);
		const config = loadConfigWithCache( { path: file, env: {} } );
		expect( config.networks.awin?.publisherId ).toBe( '1' );
	} );

	it( 'ignores a network switched off in WordPress that the file does not have', () => {
		expect(
			mergeCacheConfig( { networks: {} }, [
				{ key: 'networks.impact', value: '{"enabled":false}' },
			] )
		).toEqual( { networks: {} } );
	} );

	it( 'names the field when a saved account is invalid', () => {
		const cachePath = join( dir, 'cache.sqlite' );
		writeRows( cachePath, {
			'networks.awin': {
				enabled: true,
				publisherId: 'abc',
				apiToken: 't',
			},
		} );
		const file = join( dir, 'daemon.json' );
		writeFileSync( file, JSON.stringify( { cachePath } ) );
		expect( () => loadConfigWithCache( { path: file, env: {} } ) ).toThrow(
			/networks\.awin\.publisherId/
		);
	} );

	it( 'refuses a config row that is not JSON, naming its key', () => {
		expect( () =>
			mergeCacheConfig( {}, [ { key: 'schedules', value: '{oops' } ] )
		).toThrow( ConfigError );
	} );
} );
