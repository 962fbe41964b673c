import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type CacheDb = Database.Database;

export interface OpenCacheOptions {
	readonly?: boolean;
	busyTimeoutMs?: number;
}

// Opens the cache file with the settings every connection needs. WAL lets the plugin's PHP
// readers keep reading while the daemon writes; busy_timeout makes a briefly locked file wait
// instead of failing.
export function openCache(
	path: string,
	options: OpenCacheOptions = {}
): CacheDb {
	if ( ! options.readonly && path !== ':memory:' ) {
		mkdirSync( dirname( path ), { recursive: true } );
	}
	const db = new Database( path, { readonly: options.readonly ?? false } );
	db.pragma( `busy_timeout = ${ options.busyTimeoutMs ?? 5000 }` );
	if ( ! options.readonly ) {
		db.pragma( 'journal_mode = WAL' );
		// NORMAL is durable across application crashes in WAL mode and much faster than FULL.
		db.pragma( 'synchronous = NORMAL' );
		// 64 MB of page cache: catalogue batches touch the products, offers and FTS b-trees at once.
		db.pragma( 'cache_size = -65536' );
	}
	db.pragma( 'foreign_keys = ON' );
	db.pragma( 'temp_store = MEMORY' );
	return db;
}
