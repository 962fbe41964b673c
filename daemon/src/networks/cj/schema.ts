import { z } from 'zod';

import { decimalAmount, idString, networkDate } from '../schemaFields';

/**
 * CJ's GraphQL APIs (docs/networks.md, CJ section): commissions on commissions.api.cj.com,
 * products on ads.api.cj.com. Field names are CJ's own (camelCase). A GraphQL answer carries
 * `errors` beside (or instead of) `data`; both are read. Unknown fields pass through into raw_json.
 */

const optionalText = z.string().nullish();
const optionalDate = networkDate().nullish().or( z.literal( '' ) );

export const CJ_ACTION_STATUSES = [
	'new',
	'extended',
	'locked',
	'closed',
] as const;
export type CjActionStatus = ( typeof CJ_ACTION_STATUSES )[ number ];

export const CjCommissionSchema = z
	.object( {
		commissionId: idString,
		actionStatus: z.enum( CJ_ACTION_STATUSES ),
		actionType: optionalText,
		advertiserId: idString,
		advertiserName: optionalText,
		orderId: optionalText,
		eventDate: networkDate(),
		postingDate: networkDate(),
		lockingDate: optionalDate,
		clickDate: optionalDate,
		saleAmountPubCurrency: decimalAmount.nullish(),
		pubCommissionAmountPubCurrency: decimalAmount,
		// [unsure] The sub id (sid) comes back as shopperId.
		shopperId: optionalText,
		// false on a correction record, which arrives as an additional record.
		original: z.boolean(),
		correctionReason: optionalText,
	} )
	.passthrough();
export type CjCommission = z.infer< typeof CjCommissionSchema >;

const GraphQlErrorsSchema = z
	.array( z.object( { message: z.string() } ).passthrough() )
	.nullish();

export const CjCommissionsAnswerSchema = z
	.object( {
		data: z
			.object( {
				publisherCommissions: z
					.object( {
						count: z.number().int().nullish(),
						payloadComplete: z.boolean(),
						maxCommissionId: idString.nullish(),
						records: z.array( CjCommissionSchema ),
					} )
					.passthrough(),
			} )
			.nullish(),
		errors: GraphQlErrorsSchema,
	} )
	.passthrough();

/** One product; validated product by product so one odd row is skipped, not the catalogue. */
export const CjProductSchema = z
	.object( {
		id: idString,
		advertiserId: idString,
		title: z.string().min( 1, 'must not be empty' ),
		description: optionalText,
		price: z.object( {
			amount: decimalAmount,
			currency: z
				.string()
				.regex( /^[A-Za-z]{3}$/, 'must be an ISO 4217 code' ),
		} ),
		availability: optionalText,
		link: z.string().url(),
		imageLink: optionalText,
		linkCode: z.object( { clickUrl: z.string().url() } ).nullish(),
	} )
	.passthrough();
export type CjProduct = z.infer< typeof CjProductSchema >;

export const CjProductsAnswerSchema = z
	.object( {
		data: z
			.object( {
				products: z
					.object( {
						totalCount: z.number().int().nullish(),
						count: z.number().int().nullish(),
						resultList: z.array( z.unknown() ),
					} )
					.passthrough(),
			} )
			.nullish(),
		errors: GraphQlErrorsSchema,
	} )
	.passthrough();
