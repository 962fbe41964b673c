import {
	mkdtempSync,
	rmSync,
	writeFileSync,
	mkdirSync,
	copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	MIGRATIONS_DIR,
	listMigrations,
	migrate,
	schemaVersion,
} from './migrate';
import { openCache, type CacheDb } from './openCache';

describe( 'cache migrations', () => {
	let dir: string;
	let db: CacheDb;

	beforeEach( () => {
		dir = mkdtempSync( join( tmpdir(), 'afflux-migrate-' ) );
		db = openCache( join( dir, 'cache.sqlite' ) );
	} );

	afterEach( () => {
		db.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	it( 'creates the schema and sets user_version to the highest migration', () => {
		const result = migrate( db );

		expect( result ).toEqual( {
			from: 0,
			to: 2,
			applied: [ '001_initial.sql', '002_catalogue_ingest.sql' ],
		} );
		expect( schemaVersion( db ) ).toBe( 2 );
		const tables = (
			db
				.prepare(
					"SELECT name FROM sqlite_master WHERE type = 'table'"
				)
				.all() as Array< {
				name: string;
			} >
		 ).map( ( row ) => row.name );
		expect( tables ).toEqual(
			expect.arrayContaining( [
				'programmes',
				'products',
				'products_fts',
				'offers',
				'banners',
				'link_templates',
				'transactions',
				'transaction_events',
				'sync_runs',
				'sync_cursors',
				'config',
				'raw_field_columns',
				'products_fts_deferred',
			] )
		);
	} );

	it( 'opens the cache in WAL mode with foreign keys on', () => {
		expect( db.pragma( 'journal_mode', { simple: true } ) ).toBe( 'wal' );
		expect( db.pragma( 'foreign_keys', { simple: true } ) ).toBe( 1 );
	} );

	it( 'is a no-op when run again', () => {
		migrate( db );
		db.prepare(
			"INSERT INTO config (key, value, updated_at) VALUES ('k', '1', '2026-11-21T08:00:00Z')"
		).run();

		const again = migrate( db );

		expect( again ).toEqual( { from: 2, to: 2, applied: [] } );
		expect(
			db.prepare( 'SELECT COUNT(*) AS n FROM config' ).get()
		).toEqual( { n: 1 } );
	} );

	it( 'refuses a cache from a newer daemon', () => {
		db.pragma( 'user_version = 99' );

		expect( () => migrate( db ) ).toThrow(
			/schema version 99, newer than this daemon knows/
		);
	} );

	it( 'rolls a failing migration back together with its version bump', () => {
		const migrations = join( dir, 'migrations' );
		mkdirSync( migrations );
		copyFileSync(
			join( MIGRATIONS_DIR, '001_initial.sql' ),
			join( migrations, '001_initial.sql' )
		);
		writeFileSync(
			join( migrations, '002_broken.sql' ),
			'CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;'
		);

		expect( () => migrate( db, migrations ) ).toThrow();

		expect( schemaVersion( db ) ).toBe( 1 );
		expect(
			db
				.prepare(
					"SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'"
				)
				.get()
		).toEqual( { n: 0 } );
	} );

	it( 'refuses a gap in the migration numbers', () => {
		const migrations = join( dir, 'gap' );
		mkdirSync( migrations );
		writeFileSync( join( migrations, '001_a.sql' ), 'SELECT 1;' );
		writeFileSync( join( migrations, '003_c.sql' ), 'SELECT 1;' );

		expect( () => listMigrations( migrations ) ).toThrow( /without gaps/ );
	} );

	it( 'lets full-text search find an accented title with or without its accents', () => {
		migrate( db );
		db.prepare(
			`INSERT INTO products (network, product_key, programme_id, title, content_hash, checked_at)
			VALUES ('awin', '1', '7001', 'Crème brûlée à la vanille', 'h', '2026-11-21T08:00:00Z')`
		).run();
		const search = db.prepare(
			'SELECT p.title FROM products_fts f JOIN products p ON p.id = f.rowid WHERE products_fts MATCH ?'
		);

		expect( search.all( 'creme brulee' ) ).toEqual( [
			{ title: 'Crème brûlée à la vanille' },
		] );
		expect( search.all( 'crème' ) ).toHaveLength( 1 );
	} );
} );
