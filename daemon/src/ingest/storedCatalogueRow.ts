import { hash } from 'node:crypto';

import type {
	CatalogueItem,
	RawFieldColumn,
	RawFieldColumns,
} from '../networks/types';

// The value a raw field's column holds for this item; undefined when the column cannot hold it
// (an offer column of an item with several offers). One switch on the whole name: this runs
// for every mapped field of every row.
function columnValue(
	item: CatalogueItem,
	column: RawFieldColumn
): string | null | undefined {
	const offer = item.offers.length === 1 ? item.offers[ 0 ] : undefined;
	switch ( column ) {
		case 'offers.merchant_id':
			return offer?.merchantId;
		case 'offers.merchant_name':
			return offer?.merchantName;
		case 'offers.landing_url':
			return offer?.landingUrl;
		case 'offers.tracking_url':
			return offer?.trackingUrl;
		case 'products.product_key':
			return item.productKey;
		case 'products.programme_id':
			return item.programmeId;
		case 'products.title':
			return item.title;
		case 'products.description':
			return item.description;
		case 'products.brand':
			return item.brand;
		case 'products.category':
			return item.category;
		case 'products.image_url':
			return item.imageUrl;
		case 'products.gtin':
			return item.gtin;
		default:
			return item.mpn;
	}
}

// Whether raw_json leaves this field out: its column holds the same value byte for byte.
function heldByColumn(
	item: CatalogueItem,
	field: string,
	value: unknown
): boolean {
	const column = item.rawInColumns?.[ field ];
	return (
		column !== undefined &&
		typeof value === 'string' &&
		value === columnValue( item, column )
	);
}

// The raw_json we store: the network's fields, less those a column already holds byte for byte
// (raw_field_columns names that column, so the verbatim row can be put back together). The
// description, URLs and title are most of a feed row: storing them once halves the row, and
// SQLite's write time follows the bytes.
export function storedRawJson( item: CatalogueItem ): string {
	if ( ! item.rawInColumns ) {
		return JSON.stringify( item.raw );
	}
	const kept: Record< string, unknown > = {};
	for ( const field of Object.keys( item.raw ) ) {
		const value = item.raw[ field ];
		if ( ! heldByColumn( item, field, value ) ) {
			kept[ field ] = value;
		}
	}
	return JSON.stringify( kept );
}

const NULL_MARK = '\u0000';
const OFFER_MARK = '\u001e';
const RAW_MARK = '\u001d';
// Before a raw value that is not a string (its JSON): 5 and "5" must not hash alike.
const JSON_MARK = '\u0002';

// Hash of everything we store for an item, so an unchanged row costs no write at all: the
// columns, then the fields raw_json keeps (name and value, exactly the fields storedRawJson
// keeps, so the hash changes when the stored JSON would), joined by a unit separator and
// hashed in one native call. Built without the JSON itself: an unchanged row (most of a
// re-sync) never needs it. Offers are joined field by field, in offer-key order so a feed that
// reorders them is still unchanged.
export function catalogueItemHash( item: CatalogueItem ): string {
	const offers =
		item.offers.length > 1
			? [ ...item.offers ].sort( ( a, b ) =>
					a.offerKey < b.offerKey
						? -1
						: Number( a.offerKey > b.offerKey )
			  )
			: item.offers;
	const parts = [
		item.programmeId,
		item.title,
		item.description,
		item.brand,
		item.category,
		item.imageUrl,
		item.gtin ?? NULL_MARK,
		item.mpn ?? NULL_MARK,
	];
	for ( const offer of offers ) {
		parts.push(
			OFFER_MARK,
			offer.offerKey,
			offer.merchantId,
			offer.merchantName,
			offer.landingUrl,
			offer.trackingUrl ?? NULL_MARK,
			String( offer.priceMinor ),
			String( offer.rrpMinor ),
			offer.currency,
			String( offer.deliveryMinor ),
			offer.availability,
			offer.promoCode ?? NULL_MARK
		);
	}
	for ( const field of Object.keys( item.raw ) ) {
		const value = item.raw[ field ];
		if ( heldByColumn( item, field, value ) ) {
			continue;
		}
		parts.push(
			RAW_MARK,
			field,
			typeof value === 'string'
				? value
				: JSON_MARK + String( JSON.stringify( value ) )
		);
	}
	return hash( 'sha1', parts.join( '\u001f' ) );
}

/** One product as the cache stores it: the item's columns and its raw_json, without `raw`. */
export type StoredCatalogueRow = Omit<
	CatalogueItem,
	'raw' | 'rawInColumns'
> & {
	rawJson: string;
};

/**
 * A batch of catalogue rows as the writer takes them: what it needs to decide (key, programme,
 * content hash) for every row, and the row itself only on demand, so an unchanged row of a
 * re-sync is never parsed (the feed parser worker sends feed records, not parsed rows).
 * row() is null for a row its parser rejected, which the batch has reported (line and field):
 * the writer skips it. A row whose key and hash equal a stored row's was valid when stored.
 */
export interface PreparedCatalogueBatch {
	readonly size: number;
	/** The raw-field mappings of the batch's items (one per adapter), recorded once per run. */
	readonly mappings: readonly RawFieldColumns[];
	key( index: number ): string;
	programmeId( index: number ): string;
	contentHash( index: number ): string;
	row( index: number ): StoredCatalogueRow | null;
}

export function storedCatalogueRow( item: CatalogueItem ): StoredCatalogueRow {
	return {
		productKey: item.productKey,
		programmeId: item.programmeId,
		title: item.title,
		description: item.description,
		brand: item.brand,
		category: item.category,
		imageUrl: item.imageUrl,
		gtin: item.gtin,
		mpn: item.mpn,
		offers: item.offers,
		rawJson: storedRawJson( item ),
	};
}

// Items read on this thread (API-based adapters, specs): hashed now, raw_json built only for
// the rows the writer asks for.
export function prepareCatalogueItems(
	items: readonly CatalogueItem[]
): PreparedCatalogueBatch {
	const hashes = items.map( catalogueItemHash );
	const mappings = new Set< RawFieldColumns >();
	for ( const item of items ) {
		if ( item.rawInColumns ) {
			mappings.add( item.rawInColumns );
		}
	}
	const at = ( index: number ): CatalogueItem =>
		items[ index ] as CatalogueItem;
	return {
		size: items.length,
		mappings: [ ...mappings ],
		key: ( index ) => at( index ).productKey,
		programmeId: ( index ) => at( index ).programmeId,
		contentHash: ( index ) => hashes[ index ] as string,
		row: ( index ) => storedCatalogueRow( at( index ) ),
	};
}
