import { z } from 'zod';

/**
 * Awin's publisher API and product feed, as documented (docs/networks.md, Awin section).
 * Field names are Awin's own. Objects pass unknown fields through (they are kept in raw_json);
 * every field we read is checked, so a changed API fails here, loudly, naming the field.
 */

// Awin lists valid domains as objects ({"domain": "…"}); a bare string is accepted too.
const validDomain = z.union( [
	z.string(),
	z.object( { domain: z.string() } ).passthrough(),
] );

export const AwinProgrammeSchema = z
	.object( {
		id: z.number().int(),
		name: z.string(),
		currencyCode: z.string().nullish(),
		validDomains: z.array( validDomain ).nullish(),
		status: z.string().nullish(),
	} )
	.passthrough();
export type AwinProgramme = z.infer< typeof AwinProgrammeSchema >;

export const AwinProgrammesSchema = z.array( AwinProgrammeSchema );

// [unsure] Awin names fixed commissions "amount"; "fixed" is accepted as a synonym.
export const AwinCommissionRangeSchema = z
	.object( {
		min: z.number(),
		max: z.number(),
		type: z.enum( [ 'percentage', 'amount', 'fixed' ] ),
	} )
	.passthrough();

export const AwinProgrammeDetailsSchema = z
	.object( {
		programmeInfo: z
			.object( {
				id: z.number().int(),
				name: z.string(),
				currencyCode: z.string().nullish(),
				deeplinkEnabled: z.boolean(),
				validDomains: z.array( validDomain ).nullish(),
				// [unsure] not in the published field list; read when present.
				cookieLength: z.number().int().nonnegative().nullish(),
			} )
			.passthrough(),
		commissionRange: z.array( AwinCommissionRangeSchema ).nullish(),
		kpi: z
			.object( {
				validationDays: z.number().int().nonnegative().nullish(),
				approvalPercentage: z.number().nullish(),
				epc: z.number().nullish(),
			} )
			.passthrough()
			.nullish(),
	} )
	.passthrough();
export type AwinProgrammeDetails = z.infer< typeof AwinProgrammeDetailsSchema >;

const AwinAmountSchema = z
	.object( { amount: z.number(), currency: z.string().length( 3 ) } )
	.passthrough();

export const AwinTransactionSchema = z
	.object( {
		id: z.number().int(),
		advertiserId: z.number().int(),
		publisherId: z.number().int(),
		orderRef: z.string().nullish(),
		commissionStatus: z.enum( [
			'pending',
			'approved',
			'declined',
			'deleted',
		] ),
		declineReason: z.string().nullish(),
		amended: z.boolean().nullish(),
		amendReason: z.string().nullish(),
		saleAmount: AwinAmountSchema,
		commissionAmount: AwinAmountSchema,
		oldSaleAmount: AwinAmountSchema.nullish(),
		clickDate: z.string().nullish(),
		transactionDate: z.string(),
		validationDate: z.string().nullish(),
		clickRefs: z
			.object( {
				clickRef: z.string().nullish(),
				clickRef2: z.string().nullish(),
				clickRef3: z.string().nullish(),
				clickRef4: z.string().nullish(),
				clickRef5: z.string().nullish(),
				clickRef6: z.string().nullish(),
			} )
			.passthrough()
			.nullish(),
		paidToPublisher: z.boolean().nullish(),
		paymentId: z.number().int().nullish(),
		voucherCode: z.string().nullish(),
		transactionParts: z
			.array(
				z
					.object( {
						commissionGroupCode: z.string(),
						amount: z.number(),
						commissionAmount: z.number(),
					} )
					.passthrough()
			)
			.nullish(),
	} )
	.passthrough();
export type AwinTransaction = z.infer< typeof AwinTransactionSchema >;

export const AwinTransactionsSchema = z.array( AwinTransactionSchema );

const clickrefParameters = {
	campaign: z.string().optional(),
	clickref: z.string().optional(),
	clickref2: z.string().optional(),
	clickref3: z.string().optional(),
	clickref4: z.string().optional(),
	clickref5: z.string().optional(),
	clickref6: z.string().optional(),
};

export const AwinLinkRequestSchema = z.object( {
	advertiserId: z.number().int(),
	destinationUrl: z.string().url().optional(),
	parameters: z.object( clickrefParameters ).optional(),
	shorten: z.boolean().optional(),
} );
export type AwinLinkRequest = z.infer< typeof AwinLinkRequestSchema >;

export const AwinLinkBatchRequestSchema = z.object( {
	requests: z.array( AwinLinkRequestSchema ).min( 1 ).max( 100 ),
} );

export const AwinLinkResponseSchema = z
	.object( {
		url: z.string().url(),
		shortUrl: z.string().url().nullish(),
	} )
	.passthrough();
export type AwinLinkResponse = z.infer< typeof AwinLinkResponseSchema >;

export const AwinLinkBatchResponseSchema = z.object( {
	responses: z.array(
		z
			.object( { status: z.number().int(), body: z.unknown() } )
			.passthrough()
	),
} );

/** The feed columns we ask for, in order (the download URL lists them). */
export const AWIN_FEED_COLUMNS = [
	'aw_deep_link',
	'product_name',
	'aw_product_id',
	'merchant_product_id',
	'merchant_image_url',
	'aw_image_url',
	'description',
	'merchant_category',
	'search_price',
	'store_price',
	'rrp_price',
	'currency',
	'merchant_name',
	'merchant_id',
	'brand_name',
	'merchant_deep_link',
	'in_stock',
	'delivery_cost',
	'product_GTIN',
	'ean',
	'last_updated',
	'data_feed_id',
] as const;
export type AwinFeedColumn = ( typeof AWIN_FEED_COLUMNS )[ number ];

const text = z.string().default( '' );
const required = z.string().trim().min( 1, 'must not be empty' );

export const AwinFeedRowSchema = z
	.object( {
		aw_deep_link: z.string().url(),
		product_name: required,
		aw_product_id: required,
		merchant_product_id: text,
		merchant_image_url: text,
		aw_image_url: text,
		description: text,
		merchant_category: text,
		search_price: text,
		store_price: text,
		rrp_price: text,
		currency: z
			.string()
			.trim()
			.regex( /^[A-Za-z]{3}$/, 'must be an ISO 4217 code' ),
		merchant_name: text,
		merchant_id: required,
		brand_name: text,
		merchant_deep_link: z.string().url(),
		in_stock: text,
		delivery_cost: text,
		product_GTIN: text,
		ean: text,
		last_updated: text,
		data_feed_id: text,
	} )
	.passthrough();
export type AwinFeedRow = z.infer< typeof AwinFeedRowSchema >;
