import type { CatalogueItem } from '../networks/types';
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

		run( [ item( 'a' ), item( 'b' ) ], '2026-11-22T08:00:00Z' );

		expect( offer( 'b' ).status ).toBe( 'active' );
	} );

	it( 'marks nothing gone when the run did not read the whole feed', () => {
		run( [ item( 'a' ), item( 'b' ) ], '2026-11-21T08:00:00Z' );

		const stats = run( [ item( 'a' ) ], '2026-11-21T14:00:00Z', false );

		expect( stats.gone ).toBe( 0 );
		expect( offer( 'b' ).status ).toBe( 'active' );
	} );

	it( 'drops offers that a product no longer has', () => {
		const two = item( 'a' );
		const second = {
			...two.offers[ 0 ]!,
			offerKey: 'marketplace',
			priceMinor: 1100,
		};
		run(
			[ { ...two, offers: [ ...two.offers, second ] } ],
			'2026-11-21T08:00:00Z'
		);

		run( [ item( 'a' ) ], '2026-11-21T14:00:00Z' );

		expect( db.prepare( 'SELECT offer_key FROM offers' ).all() ).toEqual( [
			{ offer_key: '' },
		] );
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
