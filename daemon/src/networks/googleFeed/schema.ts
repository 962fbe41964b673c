import { z } from 'zod';

/**
 * A Google Merchant product row (docs/networks.md, "Generic product feeds"), as CSV/TSV columns
 * or XML elements (namespace prefix dropped). Field names are Google's own. Effiliation's type-33
 * feeds and Awin's enhanced feeds follow it.
 */

const text = z.string().default( '' );
const required = z.string().trim().min( 1, 'must not be empty' );

export const GOOGLE_AVAILABILITY = [
	'in_stock',
	'out_of_stock',
	'preorder',
	'backorder',
] as const;

// Google's older spellings ("in stock", "available for order") still circulate in feeds.
const availability = z
	.string()
	.trim()
	.toLowerCase()
	.transform( ( value ) => value.replace( / /g, '_' ) )
	.pipe( z.enum( [ ...GOOGLE_AVAILABILITY, 'available_for_order', '' ] ) )
	.default( '' );

export const GoogleMerchantRowSchema = z
	.object( {
		id: required,
		title: required,
		description: text,
		link: z.string().trim().url(),
		image_link: text,
		availability,
		price: required,
		sale_price: text,
		brand: text,
		gtin: text,
		mpn: text,
		condition: text,
		item_group_id: text,
		product_type: text,
		google_product_category: text,
	} )
	.passthrough();
export type GoogleMerchantRow = z.infer< typeof GoogleMerchantRowSchema >;
