import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CacheDb } from './openCache';

/** Where the numbered SQL files live, next to this module in both src/ and dist/. */
export const MIGRATIONS_DIR = join( __dirname, 'migrations' );

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export function listMigrations( dir: string = MIGRATIONS_DIR ): Migration[] {
	const migrations: Migration[] = [];
	for ( const name of readdirSync( dir ) ) {
		const match = MIGRATION_FILE.exec( name );
		if ( ! match?.[ 1 ] ) {
			continue;
		}
		migrations.push( {
			version: Number( match[ 1 ] ),
			name,
			sql: readFileSync( join( dir, name ), 'utf8' ),
		} );
	}
	migrations.sort( ( a, b ) => a.version - b.version );
	for ( let i = 0; i < migrations.length; i++ ) {
		// A gap or a duplicate number would leave user_version meaning two different schemas.
		if ( migrations[ i ]?.version !== i + 1 ) {
			throw new Error(
				`Migrations must be numbered 001, 002, … without gaps; found ${ migrations
					.map( ( m ) => m.name )
					.join( ', ' ) }`
			);
		}
	}
	return migrations;
}

export function schemaVersion( db: CacheDb ): number {
	return Number( db.pragma( 'user_version', { simple: true } ) );
}

export interface MigrateResult {
	from: number;
	to: number;
	applied: string[];
}

// Applies every migration newer than PRAGMA user_version, each in its own transaction together
// with the version bump, so a reader sees either the old schema or the new one.
export function migrate(
	db: CacheDb,
	dir: string = MIGRATIONS_DIR
): MigrateResult {
	const migrations = listMigrations( dir );
	const from = schemaVersion( db );
	const latest = migrations.length;
	if ( from > latest ) {
		throw new Error(
			`The cache has schema version ${ from }, newer than this daemon knows (${ latest }); upgrade the daemon`
		);
	}
	const applied: string[] = [];
	for ( const migration of migrations ) {
		if ( migration.version <= from ) {
			continue;
		}
		db.transaction( () => {
			db.exec( migration.sql );
			db.pragma( `user_version = ${ migration.version }` );
		} ).immediate();
		applied.push( migration.name );
	}
	return { from, to: schemaVersion( db ), applied };
}
