import { MoneyFormatError, parseMinorUnits } from '../../money';
import type { Availability, CatalogueItem, RawFieldColumns } from '../types';

// One Awin feed row → one catalogue item. Its own module (no HTTP, no SQLite) because the feed
// parser worker (ingest/feedParseWorker.ts) runs it off the main thread.

const IN_STOCK = new Set( [ '1', 'yes', 'y', 'true', 'in stock', 'in_stock' ] );
const OUT_OF_STOCK = new Set( [
	'0',
	'no',
	'n',
	'false',
	'out of stock',
	'out_of_stock',
] );

export function parseAvailability( value: string ): Availability {
	const normalised = value.trim().toLowerCase();
	if ( IN_STOCK.has( normalised ) ) {
		return 'in_stock';
	}
	if ( OUT_OF_STOCK.has( normalised ) ) {
		return 'out_of_stock';
	}
	return 'unknown';
}

export class FeedRowError extends Error {
	constructor( message: string ) {
		super( message );
		this.name = 'FeedRowError';
	}
}

function money(
	row: Record< string, string >,
	column: string,
	currency: string
): number | null {
	try {
		return parseMinorUnits( row[ column ], currency );
	} catch ( error ) {
		if ( error instanceof MoneyFormatError ) {
			throw new FeedRowError( `${ column }: ${ error.message }` );
		}
		throw error;
	}
}

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

// The per-row checks of AwinFeedRowSchema, by hand: zod costs ~9 µs a row, a third of the whole
// ingest budget, and the header is already checked once for the columns. Same rules, same
// messages ("column: reason"), so a bad row still names its field.
function checkedText( row: Record< string, string >, column: string ): string {
	const value = row[ column ];
	if ( value === undefined ) {
		throw new FeedRowError( `${ column }: Required` );
	}
	return value;
}

function requiredText( row: Record< string, string >, column: string ): string {
	const value = checkedText( row, column ).trim();
	if ( value === '' ) {
		throw new FeedRowError( `${ column }: must not be empty` );
	}
	return value;
}

function urlText( row: Record< string, string >, column: string ): string {
	const value = checkedText( row, column );
	if ( ! URL.canParse( value ) ) {
		throw new FeedRowError( `${ column }: Invalid url` );
	}
	return value;
}

// The feed columns a cache column holds as is, so raw_json need not repeat them (they are more
// than half of a row's bytes). A value the mapping changed (trimmed, or a fallback image) stays
// in raw_json: the writer compares before it leaves a field out.
export const AWIN_RAW_IN_COLUMNS: RawFieldColumns = {
	aw_product_id: 'products.product_key',
	merchant_id: 'products.programme_id',
	product_name: 'products.title',
	description: 'products.description',
	brand_name: 'products.brand',
	merchant_category: 'products.category',
	aw_image_url: 'products.image_url',
	merchant_name: 'offers.merchant_name',
	merchant_deep_link: 'offers.landing_url',
	aw_deep_link: 'offers.tracking_url',
};

// Where the feed parser worker reads a row's key and programme without parsing the row (the
// values parseAwinFeedRow gives them: trimmed). Bump the version whenever parseAwinFeedRow
// reads the same record differently: stored content hashes are hashes of the feed record, so
// the next re-sync then rewrites every row once with the new reading.
export const AWIN_FEED_ROW_FORMAT = {
	keyColumn: 'aw_product_id',
	programmeColumn: 'merchant_id',
	version: 1,
} as const;

// One feed row → one product with one offer. Throws FeedRowError naming the bad column.
export function parseAwinFeedRow(
	input: Record< string, string >
): CatalogueItem {
	const trackingUrl = urlText( input, 'aw_deep_link' );
	const title = requiredText( input, 'product_name' );
	const productKey = requiredText( input, 'aw_product_id' );
	const currencyCode = checkedText( input, 'currency' ).trim();
	if ( ! CURRENCY_CODE.test( currencyCode ) ) {
		throw new FeedRowError( 'currency: must be an ISO 4217 code' );
	}
	const merchantId = requiredText( input, 'merchant_id' );
	const landingUrl = urlText( input, 'merchant_deep_link' );
	const text = ( column: string ): string => input[ column ] ?? '';
	const currency = currencyCode.toUpperCase();
	const price =
		money( input, 'search_price', currency ) ??
		money( input, 'store_price', currency );
	return {
		productKey,
		programmeId: merchantId,
		title,
		description: text( 'description' ),
		brand: text( 'brand_name' ),
		category: text( 'merchant_category' ),
		// Awin's copy of the image is served from its CDN, more reliably than the merchant's.
		imageUrl: text( 'aw_image_url' ) || text( 'merchant_image_url' ),
		gtin: text( 'product_GTIN' ).trim() || text( 'ean' ).trim() || null,
		mpn: null,
		offers: [
			{
				offerKey: '',
				merchantId,
				merchantName: text( 'merchant_name' ),
				landingUrl,
				trackingUrl,
				priceMinor: price,
				rrpMinor: money( input, 'rrp_price', currency ),
				currency,
				deliveryMinor: money( input, 'delivery_cost', currency ),
				availability: parseAvailability( text( 'in_stock' ) ),
				promoCode: null,
			},
		],
		raw: input,
		rawInColumns: AWIN_RAW_IN_COLUMNS,
	};
}
