import { z } from 'zod';

import { currencyCode, idString } from '../schemaFields';

/**
 * TikTok Shop's affiliate creator API (docs/networks.md, TikTok Shop section) [doc mirror].
 * Every answer is an envelope `{code, message, request_id, data}` (code 0 = success). Field names
 * are TikTok's own (snake_case); money may come as formatted strings ("1,234.50"); unknown
 * fields pass through into raw_json.
 */

export const TikTokEnvelopeSchema = z
	.object( {
		code: z.number().int(),
		message: z.string().nullish(),
		request_id: z.string().nullish(),
		data: z.unknown().optional(),
	} )
	.passthrough();

// A formatted amount ("1,234.50", "12.5"); parsed later with the currency beside it.
const formattedAmount = z.union( [
	z.number().finite(),
	z
		.string()
		.trim()
		.regex( /^-?[\d\s.,\u00a0]*\d[\d\s.,\u00a0]*$/, 'must be an amount' ),
] );

export const TikTokProductSchema = z
	.object( {
		id: idString,
		title: z.string().min( 1, 'must not be empty' ),
		main_image_url: z.string().nullish(),
		detail_link: z.string().url(),
		sales_price: z
			.object( {
				currency: currencyCode,
				minimum_amount: formattedAmount,
				maximum_amount: formattedAmount.nullish(),
			} )
			.passthrough(),
		commission: z
			.object( {
				// Hundredths of a percent: 3000 = 30 %.
				rate: z.union( [
					z.number().int(),
					z.string().regex( /^\d+$/ ),
				] ),
				amount: formattedAmount.nullish(),
				currency: currencyCode.nullish(),
			} )
			.passthrough()
			.nullish(),
		has_inventory: z.boolean().nullish(),
		shop: z
			.object( { name: z.string(), id: idString.nullish() } )
			.passthrough(),
	} )
	.passthrough();
export type TikTokProduct = z.infer< typeof TikTokProductSchema >;

export const TikTokProductSearchDataSchema = z
	.object( {
		products: z.array( z.unknown() ).default( [] ),
		next_page_token: z.string().nullish(),
	} )
	.passthrough();

export const TikTokSharingLinksDataSchema = z
	.object( {
		sharing_links: z.array(
			z
				.object( {
					material_id: idString,
					sharing_link: z.string().url(),
				} )
				.passthrough()
		),
	} )
	.passthrough();

export const TIKTOK_ORDER_STATUSES = [
	'ORDERED',
	'SETTLED',
	'REFUNDED',
	'FROZEN',
	'DEDUCTED',
] as const;
export type TikTokOrderStatus = ( typeof TIKTOK_ORDER_STATUSES )[ number ];

const unixSeconds = z.union( [
	z.number().int().nonnegative(),
	z.string().regex( /^\d+$/, 'must be unix seconds' ),
] );

export const TikTokOrderSchema = z
	.object( {
		id: idString,
		status: z.enum( TIKTOK_ORDER_STATUSES ),
		create_time: unixSeconds,
		skus: z
			.array(
				z
					.object( {
						product_id: idString,
						quantity: z
							.union( [
								z.number().int(),
								z.string().regex( /^\d+$/ ),
							] )
							.nullish(),
						// [unsure] The unit price the buyer paid.
						price: z
							.object( {
								amount: formattedAmount,
								currency: currencyCode,
							} )
							.passthrough(),
						// Hundredths of a percent: 3000 = 30 %.
						commission_rate: z.union( [
							z.number().int().nonnegative(),
							z
								.string()
								.regex(
									/^\d+$/,
									'must be hundredths of a percent'
								),
						] ),
						estimated_commission: z
							.object( {
								amount: formattedAmount,
								currency: currencyCode,
							} )
							.passthrough()
							.nullish(),
					} )
					.passthrough()
			)
			.min( 1, 'must hold at least one sku' ),
	} )
	.passthrough();
export type TikTokOrder = z.infer< typeof TikTokOrderSchema >;

export const TikTokOrdersDataSchema = z
	.object( {
		orders: z.array( TikTokOrderSchema ).default( [] ),
		next_page_token: z.string().nullish(),
	} )
	.passthrough();
