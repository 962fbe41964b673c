import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { parseCsvFeedInWorker } from '../ingest/parseFeedInWorker';
import { AWIN_RAW_IN_COLUMNS } from '../networks/awin/feedRow';
import type {
	CatalogueItem,
	RawFieldColumns,
	RejectedRow,
} from '../networks/types';
import { createCatalogueWriter } from './catalogueWriter';
import { migrate } from './migrate';
import { openCache, type CacheDb } from './openCache';

function item(
	key: string,
	overrides: Partial< CatalogueItem > = {},
	price = 1290
): CatalogueItem {
	return {
		productKey: key,
		programmeId: '7001',
		title: `Produit ${ key }`,
		description: '',
		brand: 'Dupré & Fils',
		category: 'Pâtisserie',
		imageUrl: '',
		gtin: null,
		mpn: null,
		offers: [
			{
				offerKey: '',
				merchantId: '7001',
				merchantName: 'Boulangerie Dupré & Fils',
				landingUrl: `https://www.boulangerie-dupre.fr/${ key }`,
				trackingUrl: null,
				priceMinor: price,
				rrpMinor: null,
				currency: 'EUR',
				deliveryMinor: null,
				availability: 'in_stock',
				promoCode: null,
			},
		],
		raw: { aw_product_id: key },
		...overrides,
	};
}

describe( 'createCatalogueWriter', () => {
	let db: CacheDb;

	beforeEach( () => {
		db = openCache( ':memory:' );
		migrate( db );
	} );

	afterEach( () => db.close() );

	function run(
		items: CatalogueItem[],
		now: string,
		complete = true,
		batchSize = 2
	) {
		const writer = createCatalogueWriter( db, {
			network: 'awin',
			now,
			batchSize,
		} );
		for ( const entry of items ) {
			writer.add( entry );
		}
		return writer.finish( complete );
	}

	function offer( key: string ) {
		return db
			.prepare(
				`SELECT o.price_minor, o.availability, o.checked_at, o.changed_at, p.status, p.checked_at AS product_checked_at
				FROM offers o JOIN products p ON p.id = o.product_id WHERE p.product_key = ?`
			)
			.get( key ) as Record< string, unknown >;
	}

	it( 'inserts products with their offers across several batches', () => {
		const stats = run(
			[ item( 'a' ), item( 'b' ), item( 'c' ) ],
			'2026-11-21T08:00:00Z'
		);

		expect( stats ).toEqual( {
			seen: 3,
			written: 3,
			unchanged: 0,
			gone: 0,
		} );
		expect(
			db.prepare( 'SELECT COUNT(*) AS n FROM offers' ).get()
		).toEqual( { n: 3 } );
	} );

	it( 'skips unchanged rows entirely on a re-sync', () => {
		run( [ item( 'a' ), item( 'b' ) ], '2026-11-21T08:00:00Z' );
		const before = db.prepare( 'SELECT * FROM products ORDER BY id' ).all();

		const stats = run(
			[ item( 'a' ), item( 'b' ) ],
			'2026-11-21T14:00:00Z'
		);

		expect( stats ).toEqual( {
			seen: 2,
			written: 0,
			unchanged: 2,
			gone: 0,
		} );
		expect(
			db.prepare( 'SELECT * FROM products ORDER BY id' ).all()
		).toEqual( before );
	} );

	it( 'moves changed_at only when the price or availability changed', () => {
		run( [ item( 'a' ), item( 'b' ) ], '2026-11-21T08:00:00Z' );

		run(
			[
				item( 'a', {}, 990 ),
				item( 'b', { title: 'Produit b, nouveau titre' } ),
			],
			'2026-11-21T14:00:00Z'
		);

		expect( offer( 'a' ) ).toMatchObject( {
			price_minor: 990,
			checked_at: '2026-11-21T14:00:00Z',
			changed_at: '2026-11-21T14:00:00Z',
		} );
		expect( offer( 'b' ) ).toMatchObject( {
			price_minor: 1290,
			checked_at: '2026-11-21T14:00:00Z',
			changed_at: '2026-11-21T08:00:00Z',
		} );
	} );

	it( 'keeps the local product id stable across updates', () => {
		run( [ item( 'a' ) ], '2026-11-21T08:00:00Z' );
		const { id } = db
			.prepare( "SELECT id FROM products WHERE product_key = 'a'" )
			.get() as { id: number };

		run( [ item( 'a', {}, 100 ) ], '2026-11-21T14:00:00Z' );

		expect(
			db
				.prepare( "SELECT id FROM products WHERE product_key = 'a'" )
				.get()
		).toEqual( { id } );
	} );

	it( 'marks products missing from a complete run as gone, and brings them back when they return', () => {
		run(
			[ item( 'a' ), item( 'b' ), item( 'c', { programmeId: '7002' } ) ],
			'2026-11-21T08:00:00Z'
		);

		const stats = run( [ item( 'a' ) ], '2026-11-21T14:00:00Z' );

		expect( stats.gone ).toBe( 1 );
		expect( offer( 'b' ).status ).toBe( 'gone' );
		// 7002 was not in this run at all: its products are left alone.
		expect( offer( 'c' ).status ).toBe( 'active' );
		expect(
			db.prepare( 'SELECT COUNT(*) AS n FROM products' ).get()
		).toEqual( { n: 3 } );
		// Still missing the next time: already gone, not counted again.
		expect( run( [ item( 'a' ) ], '2026-11-21T20:00:00Z' ).gone ).toBe( 0 );
		expect( offer( 'b' ).status ).toBe( 'gone' );

		run( [ item( 'a' ), item( 'b' ) ], '2026-11-22T08:00:00Z' );

		expect( offer( 'b' ).status ).toBe( 'active' );
	} );

	it( 'marks nothing gone when the run did not read the whole feed', () => {
		run( [ item( 'a' ), item( 'b' ) ], '2026-11-21T08:00:00Z' );

		const stats = run( [ item( 'a' ) ], '2026-11-21T14:00:00Z', false );

		expect( stats.gone ).toBe( 0 );
		expect( offer( 'b' ).status ).toBe( 'active' );
	} );

	// A second offer of the same product, from another seller.
	function marketplaceOffer( product: CatalogueItem ) {
		return {
			...product.offers[ 0 ]!,
			offerKey: 'marketplace',
			priceMinor: 1100,
		};
	}

	it( 'drops offers that a product no longer has', () => {
		const two = item( 'a' );
		const second = marketplaceOffer( two );
		run(
			[ { ...two, offers: [ ...two.offers, second ] } ],
			'2026-11-21T08:00:00Z'
		);

		run( [ item( 'a' ) ], '2026-11-21T14:00:00Z' );

		expect( db.prepare( 'SELECT offer_key FROM offers' ).all() ).toEqual( [
			{ offer_key: '' },
		] );
	} );

	it( 'counts a product whose offers only came in another order as unchanged', () => {
		const two = item( 'a' );
		const second = marketplaceOffer( two );
		run(
			[ { ...two, offers: [ ...two.offers, second ] } ],
			'2026-11-21T08:00:00Z'
		);

		const stats = run(
			[ { ...two, offers: [ second, ...two.offers ] } ],
			'2026-11-21T14:00:00Z'
		);

		expect( stats ).toMatchObject( { written: 0, unchanged: 1 } );
	} );

	it( 'changes no row at all when a re-sync finds nothing new', () => {
		run(
			[ item( 'a' ), item( 'b' ), item( 'c' ) ],
			'2026-11-21T08:00:00Z'
		);
		const changes = db.prepare( 'SELECT total_changes()' ).pluck();
		const before = changes.get() as number;

		run(
			[ item( 'a' ), item( 'b' ), item( 'c' ) ],
			'2026-11-21T14:00:00Z'
		);

		expect( changes.get() ).toBe( before );
	} );

	it( 'writes a product repeated within one batch once, with its last values', () => {
		const stats = run(
			[ item( 'a' ), item( 'a', {}, 990 ) ],
			'2026-11-21T08:00:00Z',
			true,
			10
		);

		expect( stats ).toMatchObject( { seen: 2, written: 2 } );
		expect(
			db.prepare( 'SELECT COUNT(*) AS n FROM products' ).get()
		).toEqual( { n: 1 } );
		expect( offer( 'a' ).price_minor ).toBe( 990 );
	} );

	it( 'keeps one full-text entry per product through insert, price change, retitle and gone', () => {
		const search = db
			.prepare(
				'SELECT p.product_key FROM products_fts JOIN products p ON p.id = products_fts.rowid WHERE products_fts MATCH ? ORDER BY 1'
			)
			.pluck();
		const indexed = db
			.prepare( 'SELECT COUNT(*) FROM products_fts_docsize' )
			.pluck();

		run( [ item( 'a' ), item( 'b' ) ], '2026-11-21T08:00:00Z' );
		run(
			[ item( 'a', {}, 990 ), item( 'b', { title: 'Théière' } ) ],
			'2026-11-21T14:00:00Z'
		);
		run( [ item( 'b', { title: 'Théière' } ) ], '2026-11-21T20:00:00Z' );

		expect( indexed.get() ).toBe( 2 );
		expect( search.all( 'patisserie' ) ).toEqual( [ 'a', 'b' ] );
		expect( search.all( 'theiere' ) ).toEqual( [ 'b' ] );
		expect( search.all( 'produit' ) ).toEqual( [ 'a' ] );
		// The plugin filters on status: the gone product is still indexed, but not shown.
		expect( offer( 'a' ).status ).toBe( 'gone' );
	} );

	it( 'keeps full-text search in step with title changes', () => {
		run(
			[ item( 'a', { title: 'Crème brûlée' } ) ],
			'2026-11-21T08:00:00Z'
		);
		run(
			[ item( 'a', { title: 'Tarte tatin' } ) ],
			'2026-11-21T14:00:00Z'
		);
		const search = db.prepare(
			'SELECT rowid FROM products_fts WHERE products_fts MATCH ?'
		);

		expect( search.all( 'creme' ) ).toHaveLength( 0 );
		expect( search.all( 'tatin' ) ).toHaveLength( 1 );
	} );
} );

describe( 'createCatalogueWriter on a first import', () => {
	let dir: string;
	let db: CacheDb;

	beforeEach( () => {
		dir = mkdtempSync( join( tmpdir(), 'afflux-first-import-' ) );
		db = openCache( join( dir, 'cache.sqlite' ) );
		migrate( db );
	} );

	afterEach( () => {
		db.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	// Repeats 'b' in a later batch with a new price and title, as a merchant feed may.
	const feed = [
		item( 'a', { title: 'Crème brûlée' } ),
		item( 'b' ),
		item( 'c', { title: 'Théière en fonte' } ),
		item( 'b', { title: 'Pain d’épices' }, 990 ),
		item( 'd' ),
	];

	function write(
		target: CacheDb,
		items: CatalogueItem[],
		now = '2026-11-21T08:00:00Z'
	) {
		const writer = createCatalogueWriter( target, {
			network: 'awin',
			now,
			batchSize: 2,
		} );
		for ( const entry of items ) {
			writer.add( entry );
		}
		return writer.finish( true );
	}

	function rows( target: CacheDb ) {
		return target
			.prepare(
				`SELECT p.product_key, p.title, p.brand, p.category, p.status, p.content_hash, p.raw_json,
					o.offer_key, o.price_minor, o.landing_url, o.checked_at, o.changed_at
				FROM products p JOIN offers o ON o.product_id = p.id
				WHERE p.network = 'awin' ORDER BY p.product_key, o.offer_key`
			)
			.all();
	}

	function hits( target: CacheDb, words: string ): string[] {
		return target
			.prepare(
				`SELECT p.product_key FROM products_fts JOIN products p ON p.id = products_fts.rowid
				WHERE products_fts MATCH ? AND p.network = 'awin' ORDER BY 1`
			)
			.pluck()
			.all( words ) as string[];
	}

	function productIndexes( target: CacheDb ): string[] {
		return target
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'products' AND sql IS NOT NULL ORDER BY 1"
			)
			.pluck()
			.all() as string[];
	}

	function checkSearchIndex( target: CacheDb ): void {
		// FTS5 compares its index with the products table and throws on any difference.
		target
			.prepare(
				"INSERT INTO products_fts (products_fts) VALUES ('integrity-check')"
			)
			.run();
	}

	it( 'writes the same rows and search hits as the incremental path on the same feed', () => {
		const incremental = openCache( ':memory:' );
		migrate( incremental );
		try {
			// Another network's product makes the catalogue non-empty: the incremental path.
			const other = createCatalogueWriter( incremental, {
				network: 'effiliation',
				now: '2026-11-21T07:00:00Z',
			} );
			other.add( item( 'z' ) );
			other.finish( true );

			const stats = write( db, feed );
			const reference = write( incremental, feed );

			expect( stats ).toEqual( reference );
			expect(
				incremental
					.prepare( 'SELECT COUNT(*) FROM products_fts_deferred' )
					.pluck()
					.get()
			).toBe( 0 );
			expect( stats ).toEqual( {
				seen: 5,
				written: 5,
				unchanged: 0,
				gone: 0,
			} );
			expect( rows( db ) ).toEqual( rows( incremental ) );
			for ( const words of [ 'creme', 'epices', 'theiere', 'produit' ] ) {
				expect( hits( db, words ) ).toEqual(
					hits( incremental, words )
				);
			}
			expect( hits( db, 'epices' ) ).toEqual( [ 'b' ] );
			checkSearchIndex( db );
		} finally {
			incremental.close();
		}
	} );

	it( 'finds nothing by search until the first import ends, then every product', () => {
		const writer = createCatalogueWriter( db, {
			network: 'awin',
			now: '2026-11-21T08:00:00Z',
			batchSize: 2,
		} );
		for ( const entry of feed ) {
			writer.add( entry );
		}

		// Two batches committed (a, b, c and b again); d still waits for finish().
		expect(
			db.prepare( 'SELECT COUNT(*) FROM products' ).pluck().get()
		).toBe( 3 );
		expect( hits( db, 'patisserie' ) ).toEqual( [] );
		// The secondary indexes are built once at the end.
		expect( productIndexes( db ) ).toEqual( [] );

		writer.finish( true );

		expect( hits( db, 'patisserie' ) ).toEqual( [ 'a', 'b', 'c', 'd' ] );
		expect( productIndexes( db ) ).toEqual( [
			'products_gtin',
			'products_programme',
		] );
		expect(
			db
				.prepare( 'SELECT COUNT(*) FROM products_fts_deferred' )
				.pluck()
				.get()
		).toBe( 0 );
		checkSearchIndex( db );
	} );

	it( 'builds the indexes with temporary files on disk, then keeps them in memory again', () => {
		// What the connection ran, in order: the temp_store settings and the index build.
		const steps: string[] = [];
		const pragma = db.pragma.bind( db );
		const exec = db.exec.bind( db );
		jest.spyOn( db, 'pragma' ).mockImplementation( ( source, options ) => {
			if ( source.startsWith( 'temp_store =' ) ) {
				steps.push( source );
			}
			return pragma( source, options );
		} );
		jest.spyOn( db, 'exec' ).mockImplementation( ( source ) => {
			if ( source.includes( "VALUES ('rebuild')" ) ) {
				steps.push( 'rebuild' );
			}
			return exec( source );
		} );

		write( db, feed );

		// 2 = MEMORY, as openCache set it.
		expect( steps ).toEqual( [
			'temp_store = FILE',
			'rebuild',
			'temp_store = 2',
		] );
		expect( pragma( 'temp_store', { simple: true } ) ).toBe( 2 );
		expect( productIndexes( db ) ).toEqual( [
			'products_gtin',
			'products_programme',
		] );
	} );

	it( 'indexes what a failed first import wrote', () => {
		const writer = createCatalogueWriter( db, {
			network: 'awin',
			now: '2026-11-21T08:00:00Z',
			batchSize: 2,
		} );
		writer.add( item( 'a' ) );
		writer.add( item( 'b' ) );

		writer.finish( false );

		expect( hits( db, 'patisserie' ) ).toEqual( [ 'a', 'b' ] );
		checkSearchIndex( db );
	} );

	it( 'rebuilds the search index a first import left behind when the daemon stopped mid-way', () => {
		const path = join( dir, 'cache.sqlite' );
		const stopped = createCatalogueWriter( db, {
			network: 'awin',
			now: '2026-11-21T08:00:00Z',
			batchSize: 2,
		} );
		stopped.add( item( 'a' ) );
		stopped.add( item( 'b' ) );
		// The process dies here: no finish(), the connection goes away.
		db.close();
		db = openCache( path );

		expect( hits( db, 'patisserie' ) ).toEqual( [] );
		expect( productIndexes( db ) ).toEqual( [] );
		write( db, [ item( 'a' ), item( 'b' ), item( 'c' ) ] );

		expect( hits( db, 'patisserie' ) ).toEqual( [ 'a', 'b', 'c' ] );
		expect( productIndexes( db ) ).toEqual( [
			'products_gtin',
			'products_programme',
		] );
		checkSearchIndex( db );
		// Later changes go through the triggers again.
		write(
			db,
			[ item( 'a', { title: 'Tarte tatin' } ), item( 'b' ), item( 'c' ) ],
			'2026-11-21T14:00:00Z'
		);
		expect( hits( db, 'tatin' ) ).toEqual( [ 'a' ] );
		checkSearchIndex( db );
	} );

	it( 'skips an unchanged re-sync after a first import', () => {
		write( db, feed );
		const stats = write( db, feed, '2026-11-21T14:00:00Z' );

		// The repeated 'b' is written back and forth, as on the incremental path.
		expect( stats ).toMatchObject( { seen: 5, unchanged: 3 } );
	} );
} );

describe( 'raw_json of a catalogue item', () => {
	let db: CacheDb;

	beforeEach( () => {
		db = openCache( ':memory:' );
		migrate( db );
	} );

	afterEach( () => db.close() );

	const rawInColumns: RawFieldColumns = {
		aw_product_id: 'products.product_key',
		product_name: 'products.title',
		description: 'products.description',
		merchant_deep_link: 'offers.landing_url',
	};

	function awinLike( title: string ): CatalogueItem {
		const raw = {
			aw_product_id: 'a',
			// Trimmed by the adapter: the title column does not hold it verbatim.
			product_name: title,
			description: 'Pâte à tartiner « maison », 350 g',
			merchant_deep_link: 'https://www.boulangerie-dupre.fr/a',
			search_price: '12.90',
			last_updated: '2026-11-01 10:00:00',
		};
		return item( 'a', {
			title: title.trim(),
			description: raw.description,
			raw,
			rawInColumns,
		} );
	}

	function write( entry: CatalogueItem ): void {
		const writer = createCatalogueWriter( db, {
			network: 'awin',
			now: '2026-11-21T08:00:00Z',
		} );
		writer.add( entry );
		writer.finish( true );
	}

	// What a reader does: raw_json, plus each listed field it lacks taken from its column.
	function verbatimRow(): Record< string, unknown > {
		const stored = db
			.prepare(
				`SELECT p.*, o.landing_url AS offer_landing_url FROM products p
				JOIN offers o ON o.product_id = p.id WHERE p.product_key = 'a'`
			)
			.get() as Record< string, unknown > & { raw_json: string };
		const row = JSON.parse( stored.raw_json ) as Record< string, unknown >;
		const columns = db
			.prepare(
				"SELECT field, column_name FROM raw_field_columns WHERE network = 'awin'"
			)
			.all() as Array< { field: string; column_name: string } >;
		for ( const { field, column_name: column } of columns ) {
			if ( ! ( field in row ) ) {
				const [ table, name ] = column.split( '.' );
				row[ field ] =
					stored[ table === 'offers' ? `offer_${ name }` : name! ];
			}
		}
		return row;
	}

	it( 'leaves out the fields a column holds verbatim and can be put back together', () => {
		const entry = awinLike( 'Pâte à tartiner' );
		write( entry );

		expect(
			JSON.parse(
				db
					.prepare( 'SELECT raw_json FROM products' )
					.pluck()
					.get() as string
			)
		).toEqual( {
			search_price: '12.90',
			last_updated: '2026-11-01 10:00:00',
		} );
		expect( verbatimRow() ).toEqual( entry.raw );
	} );

	it( 'keeps a field in raw_json when its column holds a changed value', () => {
		const entry = awinLike( '  Pâte à tartiner ' );
		write( entry );

		expect( verbatimRow() ).toEqual( entry.raw );
		expect(
			db.prepare( 'SELECT raw_json FROM products' ).pluck().get()
		).toContain( '"product_name":"  Pâte à tartiner "' );
	} );

	// The content hash is built from the fields raw_json keeps, not from the JSON itself: a
	// change there alone must still be written, and a change only a column holds must not be
	// counted twice.
	function resync( entry: CatalogueItem, now: string ) {
		const writer = createCatalogueWriter( db, { network: 'awin', now } );
		writer.add( entry );
		return writer.finish( true );
	}

	function storedRaw(): Record< string, unknown > {
		return JSON.parse(
			db
				.prepare( 'SELECT raw_json FROM products' )
				.pluck()
				.get() as string
		) as Record< string, unknown >;
	}

	it( 'rewrites a product when only a raw field no column holds changed', () => {
		write( awinLike( 'Pâte à tartiner' ) );
		const changed = awinLike( 'Pâte à tartiner' );
		changed.raw = { ...changed.raw, last_updated: '2026-11-20 09:00:00' };

		expect( resync( changed, '2026-11-21T14:00:00Z' ).written ).toBe( 1 );
		expect( storedRaw().last_updated ).toBe( '2026-11-20 09:00:00' );
		expect( resync( changed, '2026-11-21T20:00:00Z' ).unchanged ).toBe( 1 );
	} );

	it( 'rewrites a product when a column-held raw field only changed its spacing', () => {
		write( awinLike( 'Pâte à tartiner' ) );

		// Same title column, but the feed's own text now differs from it.
		const stats = resync(
			awinLike( ' Pâte à tartiner' ),
			'2026-11-21T14:00:00Z'
		);

		expect( stats.written ).toBe( 1 );
		expect( storedRaw().product_name ).toBe( ' Pâte à tartiner' );
	} );

	it( 'tells a raw number from the same digits as text', () => {
		write( item( 'a', { raw: { aw_product_id: 'a', stock: 5 } } ) );

		const stats = resync(
			item( 'a', { raw: { aw_product_id: 'a', stock: '5' } } ),
			'2026-11-21T14:00:00Z'
		);

		expect( stats.written ).toBe( 1 );
		expect( storedRaw() ).toEqual( { aw_product_id: 'a', stock: '5' } );
	} );

	it( 'keeps every field for an item that names no columns', () => {
		write( item( 'a', { raw: { aw_product_id: 'a', extra: 'x' } } ) );

		expect(
			db.prepare( 'SELECT raw_json FROM products' ).pluck().get()
		).toBe( '{"aw_product_id":"a","extra":"x"}' );
	} );
} );

// The sync's path: feed records hashed as bytes, only new and changed rows parsed and written.
describe( 'createCatalogueWriter with batches from the feed parser worker', () => {
	let db: CacheDb;

	beforeEach( () => {
		db = openCache( ':memory:' );
		migrate( db );
	} );

	afterEach( () => db.close() );

	const HEADER =
		'aw_deep_link,product_name,aw_product_id,merchant_id,merchant_deep_link,currency,search_price';

	function feedRow( key: string, price = '12.90', title = 'Crème' ): string {
		return `https://www.awin1.com/pclick.php?p=${ key },${ title } ${ key },${ key },7001,https://shop.example/${ key },EUR,${ price }`;
	}

	async function sync( rows: string[], now: string ) {
		const rejected: RejectedRow[] = [];
		const writer = createCatalogueWriter( db, { network: 'awin', now } );
		const body = Readable.from( [
			gzipSync( [ HEADER, ...rows, '' ].join( '\n' ) ),
		] );
		for await ( const batch of parseCsvFeedInWorker( body, {
			parser: 'awin',
			requiredColumns: [ 'aw_product_id' ],
			mappings: [ AWIN_RAW_IN_COLUMNS ],
			batchSize: 2,
			onRejectedRow: ( row ) => rejected.push( row ),
		} ) ) {
			writer.addBatch( batch );
		}
		return { stats: writer.finish( true ), rejected };
	}

	const changes = () =>
		db.prepare( 'SELECT total_changes()' ).pluck().get() as number;
	const product = ( key: string ) =>
		db
			.prepare(
				`SELECT p.title, p.status, o.price_minor FROM products p
				JOIN offers o ON o.product_id = p.id WHERE p.product_key = ?`
			)
			.get( key );

	it( 'writes no row on an unchanged re-sync, and only the row whose field changed', async () => {
		const feed = [ feedRow( 'a' ), feedRow( 'b' ), feedRow( 'c' ) ];
		await sync( feed, '2026-11-21T08:00:00Z' );
		const before = changes();

		const unchanged = await sync( feed, '2026-11-21T14:00:00Z' );

		expect( changes() ).toBe( before );
		expect( unchanged.stats ).toMatchObject( {
			seen: 3,
			written: 0,
			unchanged: 3,
			gone: 0,
		} );

		const changed = await sync(
			[ feedRow( 'a' ), feedRow( 'b', '13.50' ), feedRow( 'c' ) ],
			'2026-11-21T20:00:00Z'
		);

		expect( changed.stats ).toMatchObject( { written: 1, unchanged: 2 } );
		expect( product( 'b' ) ).toEqual( {
			title: 'Crème b',
			status: 'active',
			price_minor: 1350,
		} );
	} );

	it( 'names a bad row by line and field, keeps what is stored, and marks it gone after a complete read', async () => {
		await sync(
			[ feedRow( 'a' ), feedRow( 'b' ), feedRow( 'c' ) ],
			'2026-11-21T08:00:00Z'
		);

		const { stats, rejected } = await sync(
			[ feedRow( 'a' ), feedRow( 'b', 'douze' ), feedRow( 'c' ) ],
			'2026-11-21T14:00:00Z'
		);

		expect( rejected ).toEqual( [
			{ row: 2, reason: 'search_price: not a decimal amount: "douze"' },
		] );
		expect( stats ).toMatchObject( { seen: 2, unchanged: 2, gone: 1 } );
		// Its stored values are kept, only no longer offered.
		expect( product( 'b' ) ).toEqual( {
			title: 'Crème b',
			status: 'gone',
			price_minor: 1290,
		} );
	} );
} );
