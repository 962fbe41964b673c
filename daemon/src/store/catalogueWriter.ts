/* eslint-disable no-bitwise -- SeenIds is a bitmap. */
import { hash } from 'node:crypto';

import type { CatalogueItem } from '../networks/types';
import type { CacheDb } from './openCache';

export const DEFAULT_CATALOGUE_BATCH_SIZE = 5000;

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
	/** Commits whatever is queued. */
	flush(): void;
	/**
	 * Ends the run. Only a complete run (the whole feed was read) may mark the products of the
	 * programmes it saw but that were missing from it as 'gone'.
	 */
	finish( complete: boolean ): CatalogueWriteStats;
	readonly stats: CatalogueWriteStats;
}

// Hash of everything we store for an item, so an unchanged row costs no write at all. One-shot
// crypto.hash over the fields joined by a unit separator is ~3 times cheaper than the
// createHash + JSON.stringify of the whole item it replaced; raw_json goes in as the exact
// text we store, computed once per item.
export function catalogueItemHash(
	item: CatalogueItem,
	rawJson: string = JSON.stringify( item.raw )
): string {
	const offers =
		item.offers.length > 1
			? [ ...item.offers ].sort( ( a, b ) =>
					a.offerKey < b.offerKey
						? -1
						: Number( a.offerKey > b.offerKey )
			  )
			: item.offers;
	return hash(
		'sha1',
		[
			item.programmeId,
			item.title,
			item.description,
			item.brand,
			item.category,
			item.imageUrl,
			item.gtin ?? '\u0000',
			item.mpn ?? '\u0000',
			JSON.stringify( offers ),
			rawJson,
		].join( '\u001f' )
	);
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

// Writes a streamed catalogue in batched transactions: one transaction per batch keeps ingest
// fast, and a product and its offers always change together, so readers never see half a row.
// Per batch: one indexed lookup of every key (json_each), then only the new and changed
// products are written; an unchanged product costs a hash and a bit, no SQLite write.
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

	const selectProducts = db.prepare( `
		SELECT product_key AS productKey, id, content_hash AS contentHash, status FROM products
		WHERE network = ? AND product_key IN (SELECT value FROM json_each(?))
	` );
	const insertProduct = db.prepare( `
		INSERT INTO products (
			network, product_key, programme_id, title, description, brand, category, image_url,
			gtin, mpn, status, content_hash, checked_at, raw_json
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
	` );
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
	const listActiveIds = db
		.prepare(
			"SELECT id FROM products WHERE network = ? AND programme_id = ? AND status = 'active'"
		)
		.pluck();
	const markGone = db.prepare(
		"UPDATE products SET status = 'gone' WHERE id IN (SELECT value FROM json_each(?))"
	);

	function writeOffers(
		productId: number,
		item: CatalogueItem,
		isNew: boolean
	): void {
		const statement = isNew ? insertOffer : upsertOffer;
		for ( const offer of item.offers ) {
			statement.run(
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
				now
			);
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
		item: CatalogueItem,
		contentHash: string,
		rawJson: string
	): void {
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

	function writeItem(
		item: CatalogueItem,
		stored: Map< string, StoredProduct >
	): void {
		stats.seen++;
		programmesSeen.add( item.programmeId );
		const rawJson = JSON.stringify( item.raw );
		const contentHash = catalogueItemHash( item, rawJson );
		const existing = stored.get( item.productKey );
		if (
			existing &&
			existing.contentHash === contentHash &&
			existing.status === 'active'
		) {
			seen.add( existing.id );
			stats.unchanged++;
			return;
		}
		let id: number;
		if ( existing ) {
			id = existing.id;
			updateExisting( id, item, contentHash, rawJson );
		} else {
			id = Number(
				insertProduct.run(
					network,
					item.productKey,
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
					rawJson
				).lastInsertRowid
			);
		}
		writeOffers( id, item, ! existing );
		// A key repeated later in the same batch must find this row, not insert a second one.
		stored.set( item.productKey, { id, contentHash, status: 'active' } );
		seen.add( id );
		stats.written++;
	}

	const writeBatch = db.transaction( ( items: CatalogueItem[] ) => {
		const stored = new Map< string, StoredProduct >();
		const keys = JSON.stringify( items.map( ( item ) => item.productKey ) );
		for ( const row of selectProducts.all( network, keys ) as Array<
			StoredProduct & { productKey: string }
		> ) {
			stored.set( row.productKey, row );
		}
		for ( const item of items ) {
			writeItem( item, stored );
		}
	} );

	function flush(): void {
		if ( pending.length === 0 ) {
			return;
		}
		const batch = pending;
		pending = [];
		writeBatch.immediate( batch );
	}

	function add( item: CatalogueItem ): boolean {
		pending.push( item );
		if ( pending.length < batchSize ) {
			return false;
		}
		flush();
		return true;
	}

	function finish( complete: boolean ): CatalogueWriteStats {
		flush();
		if ( complete ) {
			db.transaction( () => {
				for ( const programmeId of programmesSeen ) {
					const unseen = (
						listActiveIds.all( network, programmeId ) as number[]
					 ).filter( ( id ) => ! seen.has( id ) );
					for ( let i = 0; i < unseen.length; i += GONE_CHUNK ) {
						stats.gone += markGone.run(
							JSON.stringify( unseen.slice( i, i + GONE_CHUNK ) )
						).changes;
					}
				}
			} ).immediate();
		}
		return stats;
	}

	return { add, flush, finish, stats };
}
