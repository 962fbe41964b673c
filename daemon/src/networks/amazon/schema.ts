import { z } from 'zod';

import { currencyCode, decimalAmount } from '../schemaFields';

/**
 * Amazon's Creators API (docs/networks.md, Amazon section): an OAuth2 client-credentials token,
 * then getItems for at most 10 ASINs. [unsure] The answer's shape is read as PA-API 5's in
 * camelCase (itemsResult.items[], itemInfo.title.displayValue, offersV2.listings[]); a different
 * one fails here, naming the field. Unknown fields pass through into raw_json.
 */

export const AmazonTokenSchema = z
	.object( {
		access_token: z.string().min( 1, 'must not be empty' ),
		expires_in: z.number().int().positive(),
		token_type: z.string().nullish(),
	} )
	.passthrough();

const displayValue = z
	.object( { displayValue: z.string() } )
	.passthrough()
	.nullish();

export const AMAZON_ASIN = /^[A-Z0-9]{10}$/;

export const AmazonItemSchema = z
	.object( {
		asin: z.string().regex( AMAZON_ASIN, 'must be an ASIN' ),
		detailPageURL: z.string().url(),
		itemInfo: z
			.object( {
				title: z
					.object( { displayValue: z.string().min( 1 ) } )
					.passthrough(),
				byLineInfo: z
					.object( { brand: displayValue } )
					.passthrough()
					.nullish(),
			} )
			.passthrough(),
		images: z
			.object( {
				primary: z
					.object( {
						large: z
							.object( { url: z.string().url() } )
							.passthrough()
							.nullish(),
					} )
					.passthrough()
					.nullish(),
			} )
			.passthrough()
			.nullish(),
		offersV2: z
			.object( {
				listings: z
					.array(
						z
							.object( {
								price: z
									.object( {
										money: z
											.object( {
												amount: decimalAmount,
												currency: currencyCode,
											} )
											.passthrough(),
									} )
									.passthrough()
									.nullish(),
								availability: z
									.object( { type: z.string().nullish() } )
									.passthrough()
									.nullish(),
							} )
							.passthrough()
					)
					.default( [] ),
			} )
			.passthrough()
			.nullish(),
	} )
	.passthrough();
export type AmazonItem = z.infer< typeof AmazonItemSchema >;

export const AmazonGetItemsSchema = z
	.object( {
		itemsResult: z
			.object( { items: z.array( AmazonItemSchema ).default( [] ) } )
			.passthrough()
			.nullish(),
		// ASINs Amazon could not return (gone, not in this marketplace), next to the others.
		errors: z
			.array(
				z
					.object( { code: z.string(), message: z.string() } )
					.passthrough()
			)
			.nullish(),
	} )
	.passthrough();
