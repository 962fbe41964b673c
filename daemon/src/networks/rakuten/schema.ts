import { z } from 'zod';

import {
	currencyCode,
	decimalAmount,
	idString,
	networkDate,
} from '../schemaFields';

/**
 * Rakuten Advertising (docs/networks.md, Rakuten section) [client/unsure]: a token from
 * POST /token, then the Events API's transactions as a bare JSON array with no status field
 * (returns are negative rows). Field names are Rakuten's own (snake_case); unknown fields pass
 * through into raw_json.
 */

export const RakutenTokenSchema = z
	.object( {
		access_token: z.string().min( 1, 'must not be empty' ),
		token_type: z.string().nullish(),
		expires_in: z
			.union( [ z.number(), z.string().regex( /^\d+$/ ) ] )
			.transform( Number ),
	} )
	.passthrough();
export type RakutenToken = z.infer< typeof RakutenTokenSchema >;

const optionalText = z.string().nullish();

export const RakutenTransactionSchema = z
	.object( {
		etransaction_id: idString,
		advertiser_id: idString,
		sid: idString.nullish(),
		order_id: optionalText,
		offer_id: idString.nullish(),
		sku_number: optionalText,
		sale_amount: decimalAmount,
		quantity: z.union( [ z.number(), z.string() ] ).nullish(),
		commissions: decimalAmount,
		currency: currencyCode,
		process_date: networkDate(),
		transaction_date: networkDate(),
		transaction_type: optionalText,
		product_name: optionalText,
		// The sub id, at most 72 characters.
		u1: optionalText,
		is_event: optionalText,
	} )
	.passthrough();
export type RakutenTransaction = z.infer< typeof RakutenTransactionSchema >;

/** A bare array: a wrapped answer would be a different API than the one we read. */
export const RakutenTransactionsSchema = z.array( RakutenTransactionSchema );
