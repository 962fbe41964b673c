/* eslint-disable no-bitwise -- SeenIds is a bitmap. */
import {
	prepareCatalogueItems,
	type PreparedCatalogueBatch,
	type StoredCatalogueRow,
} from '../ingest/storedCatalogueRow';
import type {
	CatalogueItem,
	CatalogueOffer,
	RawFieldColumns,
} from '../networks/types';
import type { CacheDb } from './openCache';

// Rows per transaction. 2,000 ingest as fast as 5,000 did, and the items a batch holds (with the
// feed text their strings share) were ~60 MB of a 1 M-row ingest's peak RSS at 5,000.
export const DEFAULT_CATALOGUE_BATCH_SIZE = 2000;

export interface CatalogueWriterOptions {
	network: string;
	/** Run start time: written into checked_at / changed_at of every row this run writes. */
	now: string;
	batchSize?: number;
}

export interface CatalogueWriteStats {
	seen: number;
	/** Products inserted or changed (offers go with their product). */
	written: number;
	unchanged: number;
	gone: number;
}

export interface CatalogueWriter {
	/** Queues an item; returns true when that filled a batch and it was committed. */
	add( item: CatalogueItem ): boolean;
	/**
	 * Commits queued items, then this batch in one transaction of its own (the feed parser
	 * worker's batches are already of the writer's size).
	 */
	addBatch( batch: PreparedCatalogueBatch ): void;
	/** Commits whatever is queued. */
	flush(): void;
	/**
	 * Ends the run. Only a complete run (the whole feed was read) may mark the products of the
	 * programmes it saw but that were missing from it as 'gone'.
	 */
	finish( complete: boolean ): CatalogueWriteStats;
	readonly stats: CatalogueWriteStats;
}

interface StoredProduct {
	id: number;
	contentHash: string;
	status: string;
}

// Which product ids this run has seen, one bit each: 1 M products cost 128 KB, where a temp
// table cost an INSERT per row and a JS Set ~40 MB.
class SeenIds {
	private bits = new Uint8Array( 1 << 16 );

	add( id: number ): void {
		const byte = id >>> 3;
		if ( byte >= this.bits.length ) {
			const grown = new Uint8Array(
				Math.max( byte + 1, this.bits.length * 2 )
			);
			grown.set( this.bits );
			this.bits = grown;
		}
		this.bits[ byte ] = ( this.bits[ byte ] ?? 0 ) | ( 1 << ( id & 7 ) );
	}

	has( id: number ): boolean {
		return ( ( ( this.bits[ id >>> 3 ] ?? 0 ) >>> ( id & 7 ) ) & 1 ) === 1;
	}
}

// How many ids one UPDATE … WHERE id IN (json_each) marks gone.
const GONE_CHUNK = 10_000;

// First imports running in this process, per connection: while one runs, the full-text
// triggers are off (products_fts_deferred) and no other writer may rebuild and turn them on.
const firstImportsRunning = new WeakMap< CacheDb, number >();

// The secondary indexes of products (as 001_initial.sql defines them), which a first import
// drops and builds once at its end: one sorted build costs less than a b-tree insert per row,
// and each batch's commit writes fewer pages. The unique (network, product_key) index stays:
// the inserts need it.
const DEFERRED_INDEXES = [
	'CREATE INDEX IF NOT EXISTS products_gtin ON products (gtin) WHERE gtin IS NOT NULL',
	'CREATE INDEX IF NOT EXISTS products_programme ON products (network, programme_id)',
];
const DROP_DEFERRED_INDEXES =
	'DROP INDEX IF EXISTS products_gtin; DROP INDEX IF EXISTS products_programme';

// Indexes every product in one pass, builds the secondary indexes and turns the full-text
// triggers back on, in one transaction: readers see the index without the products of the
// import, or complete. Meanwhile temporary files are files: with temp_store = MEMORY
// (openCache) SQLite sorts each index whole in memory, the peak RSS of a 1 M-product first
// import (~40 MB over the ingest's); as files, the sort spills past the page cache to disk.
function rebuildDeferredSearchIndex( db: CacheDb ): void {
	const tempStore = Number( db.pragma( 'temp_store', { simple: true } ) );
	db.pragma( 'temp_store = FILE' );
	try {
		db.transaction( () => {
			db.exec(
				`INSERT INTO products_fts (products_fts) VALUES ('rebuild'); ${ DEFERRED_INDEXES.join(
					'; '
				) }; DELETE FROM products_fts_deferred`
			);
		} ).immediate();
	} finally {
		db.pragma( `temp_store = ${ tempStore }` );
	}
}

function searchIndexDeferred( db: CacheDb ): boolean {
	return (
		db.prepare( 'SELECT 1 FROM products_fts_deferred LIMIT 1' ).get() !==
		undefined
	);
}

// The values of a new product row, in the order of insertProduct's placeholders (the ingest
// bench's ceiling inserts the same values).
export function productRowValues(
	network: string,
	row: StoredCatalogueRow,
	contentHash: string,
	now: string
): unknown[] {
	return [
		network,
		row.productKey,
		row.programmeId,
		row.title,
		row.description,
		row.brand,
		row.category,
		row.imageUrl,
		row.gtin,
		row.mpn,
		contentHash,
		now,
		row.rawJson,
	];
}

// The values of an offer row, in the order of insertOffer's and upsertOffer's placeholders.
export function offerRowValues(
	productId: number,
	offer: CatalogueOffer,
	now: string
): unknown[] {
	return [
		productId,
		offer.offerKey,
		offer.merchantId,
		offer.merchantName,
		offer.landingUrl,
		offer.trackingUrl,
		offer.priceMinor,
		offer.rrpMinor,
		offer.currency,
		offer.deliveryMinor,
		offer.availability,
		offer.promoCode,
		now,
		now,
	];
}

// Writes a streamed catalogue in batched transactions: one transaction per batch keeps ingest
// fast, and a product and its offers always change together, so readers never see half a row.
// Per batch: one indexed lookup of every key (json_each), then only the new and changed
// products are written; an unchanged product costs a hash and a bit, no SQLite write.
// A first import (the catalogue is empty) skips the lookups, since every key is new but for
// the feed's own repeats (the insert says so), and builds the full-text index once at the end.
export function createCatalogueWriter(
	db: CacheDb,
	options: CatalogueWriterOptions
): CatalogueWriter {
	const { network, now } = options;
	const batchSize = options.batchSize ?? DEFAULT_CATALOGUE_BATCH_SIZE;
	const stats: CatalogueWriteStats = {
		seen: 0,
		written: 0,
		unchanged: 0,
		gone: 0,
	};
	const programmesSeen = new Set< string >();
	const seen = new SeenIds();
	let pending: CatalogueItem[] = [];
	let firstImport = false;
	let batches = 0;

	// A first import that stopped before its end left the triggers off: index what it wrote.
	if ( ! firstImportsRunning.get( db ) && searchIndexDeferred( db ) ) {
		rebuildDeferredSearchIndex( db );
	}

	const selectProducts = db.prepare( `
		SELECT product_key AS productKey, id, content_hash AS contentHash, status FROM products
		WHERE network = ? AND product_key IN (SELECT value FROM json_each(?))
	` );
	const selectProduct = db.prepare( `
		SELECT id, content_hash AS contentHash, status FROM products
		WHERE network = ? AND product_key = ?
	` );
	// DO NOTHING: on a first import, where no lookup ran, a key the feed repeats in a later
	// batch inserts nothing and takes the update path instead.
	const insertProduct = db.prepare( `
		INSERT INTO products (
			network, product_key, programme_id, title, description, brand, category, image_url,
			gtin, mpn, status, content_hash, checked_at, raw_json
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
		ON CONFLICT (network, product_key) DO NOTHING
	` );
	const catalogueEmpty = db
		.prepare( 'SELECT NOT EXISTS (SELECT 1 FROM products)' )
		.pluck();
	const deferSearchIndex = db.prepare(
		'INSERT INTO products_fts_deferred (since) VALUES (?)'
	);
	// Two forms of the update: the full-text triggers fire on any UPDATE OF title, brand or
	// category, so a product whose searchable text did not change must not name those columns.
	const updateProduct = db.prepare( `
		UPDATE products SET
			programme_id = ?, title = ?, description = ?, brand = ?, category = ?, image_url = ?,
			gtin = ?, mpn = ?, status = 'active', content_hash = ?, checked_at = ?, raw_json = ?
		WHERE id = ?
	` );
	const updateProductKeepText = db.prepare( `
		UPDATE products SET
			programme_id = ?, description = ?, image_url = ?,
			gtin = ?, mpn = ?, status = 'active', content_hash = ?, checked_at = ?, raw_json = ?
		WHERE id = ?
	` );
	const selectSearchText = db.prepare(
		'SELECT title, brand, category FROM products WHERE id = ?'
	);
	const insertOffer = db.prepare( `
		INSERT INTO offers (
			product_id, offer_key, merchant_id, merchant_name, landing_url, tracking_url,
			price_minor, rrp_minor, currency, delivery_minor, availability, promo_code,
			checked_at, changed_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	` );
	// changed_at moves only when what a reader pays or can buy changed (it drives page purges).
	const upsertOffer = db.prepare( `
		INSERT INTO offers (
			product_id, offer_key, merchant_id, merchant_name, landing_url, tracking_url,
			price_minor, rrp_minor, currency, delivery_minor, availability, promo_code,
			checked_at, changed_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (product_id, offer_key) DO UPDATE SET
			merchant_id = excluded.merchant_id,
			merchant_name = excluded.merchant_name,
			landing_url = excluded.landing_url,
			tracking_url = excluded.tracking_url,
			rrp_minor = excluded.rrp_minor,
			delivery_minor = excluded.delivery_minor,
			promo_code = excluded.promo_code,
			checked_at = excluded.checked_at,
			changed_at = CASE
				WHEN offers.price_minor IS NOT excluded.price_minor
					OR offers.currency IS NOT excluded.currency
					OR offers.availability IS NOT excluded.availability
				THEN excluded.changed_at
				ELSE offers.changed_at
			END,
			price_minor = excluded.price_minor,
			currency = excluded.currency,
			availability = excluded.availability
	` );
	const listOfferKeys = db
		.prepare( 'SELECT offer_key FROM offers WHERE product_id = ?' )
		.pluck();
	const deleteOffer = db.prepare(
		'DELETE FROM offers WHERE product_id = ? AND offer_key = ?'
	);
	// Every id of a programme, gone ones too: products_programme holds them all (the rowid is in
	// the index), so the scan never reads a product row; markGone skips those already gone.
	const listProgrammeIds = db
		.prepare(
			'SELECT id FROM products WHERE network = ? AND programme_id = ?'
		)
		.pluck();
	const recordRawFieldColumn = db.prepare(
		'INSERT OR IGNORE INTO raw_field_columns (network, field, column_name) VALUES (?, ?, ?)'
	);
	// Each adapter hands one constant mapping: it is written once per run, with the first batch.
	const recordedMappings = new Set< RawFieldColumns >();
	const markGone = db.prepare(
		"UPDATE products SET status = 'gone' WHERE id IN (SELECT value FROM json_each(?)) AND status = 'active'"
	);

	function writeOffers(
		productId: number,
		item: StoredCatalogueRow,
		isNew: boolean
	): void {
		const statement = isNew ? insertOffer : upsertOffer;
		for ( const offer of item.offers ) {
			statement.run( ...offerRowValues( productId, offer, now ) );
		}
		if ( isNew ) {
			return;
		}
		const offerKeys = new Set(
			item.offers.map( ( offer ) => offer.offerKey )
		);
		for ( const old of listOfferKeys.all( productId ) as string[] ) {
			if ( ! offerKeys.has( old ) ) {
				deleteOffer.run( productId, old );
			}
		}
	}

	function updateExisting(
		id: number,
		item: StoredCatalogueRow,
		contentHash: string
	): void {
		const rawJson = item.rawJson;
		const text = selectSearchText.get( id ) as {
			title: string;
			brand: string;
			category: string;
		};
		if (
			text.title === item.title &&
			text.brand === item.brand &&
			text.category === item.category
		) {
			updateProductKeepText.run(
				item.programmeId,
				item.description,
				item.imageUrl,
				item.gtin,
				item.mpn,
				contentHash,
				now,
				rawJson,
				id
			);
			return;
		}
		updateProduct.run(
			item.programmeId,
			item.title,
			item.description,
			item.brand,
			item.category,
			item.imageUrl,
			item.gtin,
			item.mpn,
			contentHash,
			now,
			rawJson,
			id
		);
	}

	// The new row's id, or null when the key is already stored.
	function insertNew(
		item: StoredCatalogueRow,
		contentHash: string
	): number | null {
		const result = insertProduct.run(
			...productRowValues( network, item, contentHash, now )
		);
		return result.changes === 0 ? null : Number( result.lastInsertRowid );
	}

	function writeItem(
		batch: PreparedCatalogueBatch,
		index: number,
		stored: Map< string, StoredProduct >
	): void {
		const productKey = batch.key( index );
		const contentHash = batch.contentHash( index );
		let existing = stored.get( productKey );
		if (
			existing &&
			existing.contentHash === contentHash &&
			existing.status === 'active'
		) {
			stats.seen++;
			programmesSeen.add( batch.programmeId( index ) );
			seen.add( existing.id );
			stats.unchanged++;
			return;
		}
		// Only a new or changed row is materialised; a row its parser rejects is skipped (the
		// batch reported it), as if the feed lacked it.
		const item = batch.row( index );
		if ( item === null ) {
			return;
		}
		stats.seen++;
		programmesSeen.add( batch.programmeId( index ) );
		let insertedId: number | null = null;
		if ( ! existing && firstImport ) {
			insertedId = insertNew( item, contentHash );
			if ( insertedId === null ) {
				existing = selectProduct.get( network, productKey ) as
					| StoredProduct
					| undefined;
				// The feed repeats a row unchanged.
				if (
					existing &&
					existing.contentHash === contentHash &&
					existing.status === 'active'
				) {
					seen.add( existing.id );
					stats.unchanged++;
					return;
				}
			}
		}
		let id: number;
		if ( existing ) {
			id = existing.id;
			updateExisting( id, item, contentHash );
		} else {
			// Outside a first import the lookup found no row, so the insert cannot conflict.
			id = insertedId ?? ( insertNew( item, contentHash ) as number );
		}
		writeOffers( id, item, ! existing );
		// A key repeated later in the same batch must find this row, not insert a second one.
		stored.set( productKey, { id, contentHash, status: 'active' } );
		seen.add( id );
		stats.written++;
	}

	function recordMappings( batch: PreparedCatalogueBatch ): void {
		for ( const mapping of batch.mappings ) {
			if ( recordedMappings.has( mapping ) ) {
				continue;
			}
			for ( const [ field, column ] of Object.entries( mapping ) ) {
				recordRawFieldColumn.run( network, field, column );
			}
			recordedMappings.add( mapping );
		}
	}

	const writeBatch = db.transaction( ( batch: PreparedCatalogueBatch ) => {
		const stored = new Map< string, StoredProduct >();
		// Decided in the first batch's transaction, so no other write slips in between.
		if ( batches++ === 0 && catalogueEmpty.get() === 1 ) {
			firstImport = true;
			firstImportsRunning.set(
				db,
				( firstImportsRunning.get( db ) ?? 0 ) + 1
			);
			deferSearchIndex.run( now );
			db.exec( DROP_DEFERRED_INDEXES );
		}
		recordMappings( batch );
		if ( ! firstImport ) {
			const keys: string[] = [];
			for ( let index = 0; index < batch.size; index++ ) {
				keys.push( batch.key( index ) );
			}
			for ( const row of selectProducts.all(
				network,
				JSON.stringify( keys )
			) as Array< StoredProduct & { productKey: string } > ) {
				stored.set( row.productKey, row );
			}
		}
		for ( let index = 0; index < batch.size; index++ ) {
			writeItem( batch, index, stored );
		}
	} );

	function flush(): void {
		if ( pending.length === 0 ) {
			return;
		}
		const items = pending;
		pending = [];
		writeBatch.immediate( prepareCatalogueItems( items ) );
	}

	function addBatch( batch: PreparedCatalogueBatch ): void {
		flush();
		if ( batch.size > 0 ) {
			writeBatch.immediate( batch );
		}
	}

	function add( item: CatalogueItem ): boolean {
		pending.push( item );
		if ( pending.length < batchSize ) {
			return false;
		}
		flush();
		return true;
	}

	function markUnseenGone(): void {
		db.transaction( () => {
			for ( const programmeId of programmesSeen ) {
				const unseen = (
					listProgrammeIds.all( network, programmeId ) as number[]
				 ).filter( ( id ) => ! seen.has( id ) );
				for ( let i = 0; i < unseen.length; i += GONE_CHUNK ) {
					stats.gone += markGone.run(
						JSON.stringify( unseen.slice( i, i + GONE_CHUNK ) )
					).changes;
				}
			}
		} ).immediate();
	}

	function endFirstImport(): void {
		if ( ! firstImport ) {
			return;
		}
		firstImport = false;
		const running = ( firstImportsRunning.get( db ) ?? 1 ) - 1;
		firstImportsRunning.set( db, running );
		// The last first import to end indexes them all (another network's may still run).
		if ( running === 0 ) {
			rebuildDeferredSearchIndex( db );
		}
	}

	function finish( complete: boolean ): CatalogueWriteStats {
		try {
			flush();
			// A first import inserted every product this network has (the catalogue was empty):
			// none can be unseen, and listing a million ids to learn that is not free.
			if ( complete && ! firstImport ) {
				markUnseenGone();
			}
		} finally {
			// Even a failed run indexes what it wrote and turns the triggers back on.
			endFirstImport();
		}
		return stats;
	}

	return { add, addBatch, flush, finish, stats };
}
