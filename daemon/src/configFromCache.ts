import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

import {
	ConfigError,
	parseConfig,
	type DaemonConfig,
	type LoadConfigOptions,
} from './config';

export interface CacheConfigRow {
	key: string;
	value: string;
}

type RawConfig = Record< string, unknown > & {
	networks?: Record< string, unknown >;
	schedules?: Record< string, unknown >;
};

function isObject( value: unknown ): value is Record< string, unknown > {
	return (
		typeof value === 'object' && value !== null && ! Array.isArray( value )
	);
}

// The WordPress plugin hands the daemon its accounts through the cache's `config` table
// (keys "networks.<name>" and "schedules", JSON objects). They are merged over the JSON file,
// field by field, so the file keeps what the plugin does not set (API hosts, backfill days).
// A network the plugin only switches off is ignored when the file does not have it at all.
export function mergeCacheConfig(
	file: unknown,
	rows: readonly CacheConfigRow[]
): unknown {
	if ( rows.length === 0 ) {
		return file;
	}
	const merged: RawConfig = isObject( file ) ? { ...file } : {};
	for ( const row of rows ) {
		let value: unknown;
		try {
			value = JSON.parse( row.value );
		} catch {
			throw new ConfigError(
				`The cache's config table holds invalid JSON under "${ row.key }": save the Afflux settings in WordPress again.`
			);
		}
		if ( ! isObject( value ) ) {
			throw new ConfigError(
				`The cache's config table holds a non-object under "${ row.key }": save the Afflux settings in WordPress again.`
			);
		}
		const network = /^networks\.([A-Za-z][A-Za-z0-9]*)$/.exec(
			row.key
		)?.[ 1 ];
		if ( network !== undefined ) {
			const networks = isObject( merged.networks )
				? { ...merged.networks }
				: {};
			const current = networks[ network ];
			if ( value.enabled === false && current === undefined ) {
				continue;
			}
			networks[ network ] = {
				...( isObject( current ) ? current : {} ),
				...value,
			};
			merged.networks = networks;
		} else if ( row.key === 'schedules' ) {
			merged.schedules = {
				...( isObject( merged.schedules ) ? merged.schedules : {} ),
				...value,
			};
		}
		// Other keys belong to later versions: ignored, not an error.
	}
	return merged;
}

// The rows of the cache's config table; none when the cache or the table does not exist yet.
export function readCacheConfigRows( cachePath: string ): CacheConfigRow[] {
	if ( ! existsSync( cachePath ) ) {
		return [];
	}
	const db = new Database( cachePath, { readonly: true } );
	try {
		db.pragma( 'busy_timeout = 5000' );
		const table = db
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'config'"
			)
			.get();
		if ( ! table ) {
			return [];
		}
		return db
			.prepare( 'SELECT key, value FROM config ORDER BY key' )
			.all() as CacheConfigRow[];
	} finally {
		db.close();
	}
}

function readConfigFile( file: string ): unknown {
	let text: string;
	try {
		text = readFileSync( file, 'utf8' );
	} catch ( error ) {
		throw new ConfigError(
			`Cannot read the config file ${ file }: ${
				( error as Error ).message
			}`
		);
	}
	try {
		return JSON.parse( text );
	} catch ( error ) {
		throw new ConfigError(
			`The config file ${ file } is not valid JSON: ${
				( error as Error ).message
			}`
		);
	}
}

// loadConfig, with the accounts and schedules the plugin wrote into the cache merged over the file.
export function loadConfigWithCache(
	options: LoadConfigOptions = {}
): DaemonConfig {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	const path = options.path ?? env.AFFLUX_CONFIG;
	const file = path ? resolve( cwd, path ) : undefined;
	const baseDir = file ? dirname( file ) : cwd;
	const input = file ? readConfigFile( file ) : {};

	const fileCache =
		isObject( input ) && typeof input.cachePath === 'string'
			? input.cachePath
			: 'afflux-cache.sqlite';
	const cachePath =
		env.AFFLUX_CACHE && env.AFFLUX_CACHE !== ''
			? env.AFFLUX_CACHE
			: fileCache;
	const rows = readCacheConfigRows(
		isAbsolute( cachePath ) ? cachePath : resolve( baseDir, cachePath )
	);
	return parseConfig( mergeCacheConfig( input, rows ), {
		env,
		baseDir,
		source:
			rows.length > 0
				? `${ path ?? 'defaults' } with the accounts saved in WordPress`
				: path ?? 'defaults',
	} );
}
