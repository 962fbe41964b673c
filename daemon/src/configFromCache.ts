import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

import {
	ConfigError,
	parseConfig,
	readConfigInput,
	resolveCachePath,
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

// loadConfig, with the accounts and schedules the plugin wrote into the cache merged over the file.
export function loadConfigWithCache(
	options: LoadConfigOptions = {}
): DaemonConfig {
	const { input, env, baseDir, source } = readConfigInput( options );
	const fileCache =
		isObject( input ) && typeof input.cachePath === 'string'
			? input.cachePath
			: 'afflux-cache.sqlite';
	const rows = readCacheConfigRows(
		resolveCachePath( fileCache, env, baseDir )
	);
	return parseConfig( mergeCacheConfig( input, rows ), {
		env,
		baseDir,
		source:
			rows.length > 0
				? `${ source } with the accounts saved in WordPress`
				: source,
	} );
}
