import { createHash } from 'node:crypto';

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

// Hash of everything we store for an item, so an unchanged row costs one indexed read.
export function catalogueItemHash( item: CatalogueItem ): string {
	const offers = [ ...item.offers ].sort( ( a, b ) =>
		a.offerKey < b.offerKey ? -1 : Number( a.offerKey > b.offerKey )
	);
	return createHash( 'sha1' )
		.update(
			JSON.stringify( [
				item.programmeId,
				item.title,
				item.description,
				item.brand,
				item.category,
				item.imageUrl,
				item.gtin,
				item.mpn,
				offers,
				item.raw,
			] )
		)
		.digest( 'hex' );
}

// Writes a streamed catalogue in batched transactions: one transaction per batch keeps ingest
// fast, and a product and its offers always change together, so readers never see half a row.
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
	let pending: CatalogueItem[] = [];

	// Connection-private scratch table: which products this run has seen.
	db.exec(
		'CREATE TEMP TABLE IF NOT EXISTS catalogue_seen (product_id INTEGER PRIMARY KEY)'
	);
	db.exec( 'DELETE FROM temp.catalogue_seen' );

	const selectProduct = db.prepare(
		'SELECT id, content_hash, status FROM products WHERE network = ? AND product_key = ?'
	);
	const markSeen = db.prepare(
		'INSERT OR IGNORE INTO temp.catalogue_seen (product_id) VALUES (?)'
	);
	const upsertProduct = db.prepare( `
		INSERT INTO products (
			network, product_key, programme_id, title, description, brand, category, image_url,
			gtin, mpn, status, content_hash, checked_at, raw_json
		) VALUES (
			@network, @productKey, @programmeId, @title, @description, @brand, @category, @imageUrl,
			@gtin, @mpn, 'active', @contentHash, @now, @rawJson
		)
		ON CONFLICT (network, product_key) DO UPDATE SET
			programme_id = excluded.programme_id,
			title = excluded.title,
			description = excluded.description,
			brand = excluded.brand,
			category = excluded.category,
			image_url = excluded.image_url,
			gtin = excluded.gtin,
			mpn = excluded.mpn,
			status = 'active',
			content_hash = excluded.content_hash,
			checked_at = excluded.checked_at,
			raw_json = excluded.raw_json
		RETURNING id
	` );
	// changed_at moves only when what a reader pays or can buy changed (it drives page purges).
	const upsertOffer = db.prepare( `
		INSERT INTO offers (
			product_id, offer_key, merchant_id, merchant_name, landing_url, tracking_url,
			price_minor, rrp_minor, currency, delivery_minor, availability, promo_code,
			checked_at, changed_at
		) VALUES (
			@productId, @offerKey, @merchantId, @merchantName, @landingUrl, @trackingUrl,
			@priceMinor, @rrpMinor, @currency, @deliveryMinor, @availability, @promoCode,
			@now, @now
		)
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
	const listOfferKeys = db.prepare(
		'SELECT offer_key FROM offers WHERE product_id = ?'
	);
	const deleteOffer = db.prepare(
		'DELETE FROM offers WHERE product_id = ? AND offer_key = ?'
	);
	const markGone = db.prepare( `
		UPDATE products SET status = 'gone'
		WHERE network = ? AND programme_id = ? AND status = 'active'
			AND id NOT IN (SELECT product_id FROM temp.catalogue_seen)
	` );

	function writeItem( item: CatalogueItem ): void {
		stats.seen++;
		programmesSeen.add( item.programmeId );
		const contentHash = catalogueItemHash( item );
		const existing = selectProduct.get( network, item.productKey ) as
			| { id: number; content_hash: string; status: string }
			| undefined;
		if (
			existing &&
			existing.content_hash === contentHash &&
			existing.status === 'active'
		) {
			markSeen.run( existing.id );
			stats.unchanged++;
			return;
		}
		const row = upsertProduct.get( {
			network,
			productKey: item.productKey,
			programmeId: item.programmeId,
			title: item.title,
			description: item.description,
			brand: item.brand,
			category: item.category,
			imageUrl: item.imageUrl,
			gtin: item.gtin,
			mpn: item.mpn,
			contentHash,
			now,
			rawJson: JSON.stringify( item.raw ),
		} ) as { id: number };
		markSeen.run( row.id );
		const offerKeys = new Set< string >();
		for ( const offer of item.offers ) {
			offerKeys.add( offer.offerKey );
			upsertOffer.run( {
				productId: row.id,
				offerKey: offer.offerKey,
				merchantId: offer.merchantId,
				merchantName: offer.merchantName,
				landingUrl: offer.landingUrl,
				trackingUrl: offer.trackingUrl,
				priceMinor: offer.priceMinor,
				rrpMinor: offer.rrpMinor,
				currency: offer.currency,
				deliveryMinor: offer.deliveryMinor,
				availability: offer.availability,
				promoCode: offer.promoCode,
				now,
			} );
		}
		for ( const old of listOfferKeys.all( row.id ) as Array< {
			offer_key: string;
		} > ) {
			if ( ! offerKeys.has( old.offer_key ) ) {
				deleteOffer.run( row.id, old.offer_key );
			}
		}
		stats.written++;
	}

	const writeBatch = db.transaction( ( items: CatalogueItem[] ) => {
		for ( const item of items ) {
			writeItem( item );
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
					stats.gone += markGone.run( network, programmeId ).changes;
				}
			} ).immediate();
		}
		db.exec( 'DELETE FROM temp.catalogue_seen' );
		return stats;
	}

	return { add, flush, finish, stats };
}
