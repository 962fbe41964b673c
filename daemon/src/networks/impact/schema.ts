import { z } from 'zod';

import { decimalAmount, idString, networkDate } from '../schemaFields';

/**
 * Impact.com's Partner API (docs/networks.md, Impact section), JSON with `Accept:
 * application/json`. Field names are Impact's own (PascalCase); numbers arrive as strings; lists
 * come in an envelope with `@page`, `@numpages`, `@total`, `@nextpageuri`. Unknown fields pass
 * through into raw_json.
 */

const optionalText = z.string().nullish();
const optionalAmount = decimalAmount.nullish().or( z.literal( '' ) );
const optionalDate = networkDate().nullish().or( z.literal( '' ) );

// Impact writes the envelope's counters as strings ("1"), sometimes as numbers.
const pageNumber = z.union( [
	z.number().int(),
	z.string().regex( /^\d+$/, 'must be a page number' ).transform( Number ),
] );

const envelope = {
	'@page': pageNumber,
	'@numpages': pageNumber.optional(),
	'@total': pageNumber.optional(),
	'@nextpageuri': z.string().nullish(),
};

/** [unsure] The joined programmes: GET /Campaigns (the API's path segment for "Programs"). */
export const ImpactCampaignSchema = z
	.object( {
		CampaignId: idString,
		CampaignName: z.string(),
		AdvertiserName: optionalText,
		ContractStatus: optionalText,
		TrackingLink: optionalText,
		AllowsDeeplinking: z.union( [ z.string(), z.boolean() ] ).nullish(),
		DeeplinkDomains: z.array( z.string() ).nullish(),
	} )
	.passthrough();
export type ImpactCampaign = z.infer< typeof ImpactCampaignSchema >;

export const ImpactCampaignsPageSchema = z
	.object( { ...envelope, Campaigns: z.array( ImpactCampaignSchema ) } )
	.passthrough();

export const ImpactTrackingLinkSchema = z
	.object( { TrackingURL: z.string().url() } )
	.passthrough();

export const ImpactCatalogSchema = z
	.object( {
		Id: idString,
		Name: z.string(),
		CampaignId: idString,
		CampaignName: optionalText,
	} )
	.passthrough();
export type ImpactCatalog = z.infer< typeof ImpactCatalogSchema >;

export const ImpactCatalogsPageSchema = z
	.object( { ...envelope, Catalogs: z.array( ImpactCatalogSchema ) } )
	.passthrough();

export const IMPACT_STOCK_AVAILABILITIES = [
	'InStock',
	'OutOfStock',
	'PreOrder',
] as const;

/** One catalogue item; validated item by item so one odd row is skipped, not the catalogue. */
export const ImpactCatalogItemSchema = z
	.object( {
		CatalogItemId: idString,
		Name: z.string().min( 1, 'must not be empty' ),
		Description: optionalText,
		Manufacturer: optionalText,
		Url: z.string().url(),
		ImageUrl: optionalText,
		CurrentPrice: optionalAmount,
		OriginalPrice: optionalAmount,
		Currency: z
			.string()
			.regex( /^[A-Za-z]{3}$/, 'must be an ISO 4217 code' ),
		// An empty value means unknown; any other string must be a documented one.
		StockAvailability: z.preprocess(
			( value ) => ( value === '' ? null : value ),
			z.enum( IMPACT_STOCK_AVAILABILITIES ).nullish()
		),
		Gtin: optionalText,
		Mpn: optionalText,
		Asin: optionalText,
		Category: optionalText,
	} )
	.passthrough();
export type ImpactCatalogItem = z.infer< typeof ImpactCatalogItemSchema >;

export const ImpactCatalogItemsPageSchema = z
	.object( { ...envelope, Items: z.array( z.unknown() ) } )
	.passthrough();

export const IMPACT_ACTION_STATES = [
	'PENDING',
	'APPROVED',
	'REVERSED',
] as const;
export type ImpactActionState = ( typeof IMPACT_ACTION_STATES )[ number ];

export const ImpactActionSchema = z
	.object( {
		Id: idString,
		CampaignId: idString,
		CampaignName: optionalText,
		Oid: optionalText,
		State: z.enum( IMPACT_ACTION_STATES ),
		Amount: optionalAmount,
		Payout: decimalAmount,
		Currency: z
			.string()
			.regex( /^[A-Za-z]{3}$/, 'must be an ISO 4217 code' ),
		DeltaPayout: optionalAmount,
		IntendedPayout: optionalAmount,
		ReferringDate: optionalDate,
		EventDate: networkDate(),
		CreationDate: optionalDate,
		LockingDate: optionalDate,
		ClearedDate: optionalDate,
		SubId1: optionalText,
		SubId2: optionalText,
		SubId3: optionalText,
		SharedId: optionalText,
		PromoCode: optionalText,
	} )
	.passthrough();
export type ImpactAction = z.infer< typeof ImpactActionSchema >;

export const ImpactActionsPageSchema = z
	.object( { ...envelope, Actions: z.array( ImpactActionSchema ) } )
	.passthrough();
