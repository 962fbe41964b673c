import { z } from 'zod';

import {
	bareOrWrappedArray,
	decimalAmount,
	idString,
	networkDate,
} from '../schemaFields';

/**
 * Effiliation's API v2 (docs/networks.md, Effiliation section). Field names are Effiliation's
 * own (French). Every answer may come bare or wrapped in an object [unsure]; amounts are strings;
 * dates are Paris wall times. Unknown fields pass through into raw_json.
 */

export const EFFILIATION_TIME_ZONE = 'Europe/Paris';

export const EffiliationProgrammeSchema = z
	.object( {
		id_programme: idString,
		nom: z.string(),
		id_affilieur: idString,
		pays: z.string().nullish(),
	} )
	.passthrough();
export type EffiliationProgramme = z.infer< typeof EffiliationProgrammeSchema >;

export const EffiliationProgrammesSchema = bareOrWrappedArray(
	EffiliationProgrammeSchema
);

// [unsure] The feed list's field names are not published; these are the ones we read, so a
// different shape fails here naming them.
export const EffiliationFeedSchema = z
	.object( {
		id_programme: idString,
		url: z.string().url(),
	} )
	.passthrough();
export type EffiliationFeed = z.infer< typeof EffiliationFeedSchema >;

export const EffiliationFeedsSchema = bareOrWrappedArray(
	EffiliationFeedSchema
);

/** English strings (lg=en) and the French ones Effiliation sends without it. */
export const EFFILIATION_STATUSES = [
	'Pending',
	'Valid',
	'Refusal',
	'Attente',
	'Valide',
	'Refus',
	'Refusé',
] as const;
export type EffiliationStatus = ( typeof EFFILIATION_STATUSES )[ number ];

const parisDate = networkDate( EFFILIATION_TIME_ZONE );

export const EffiliationTransactionSchema = z
	.object( {
		id_transaction: idString,
		id_affilieur: idString,
		id_programme: idString,
		id_session: z.string().nullish(),
		effi_id: z.string().nullish(),
		effi_id2: z.string().nullish(),
		type: z.string(),
		montant: decimalAmount,
		commission: decimalAmount,
		etat: z.enum( EFFILIATION_STATUSES ),
		date: parisDate,
		dateclic: parisDate.nullish().or( z.literal( '' ) ),
		datetran: parisDate.nullish().or( z.literal( '' ) ),
		datevalidation: parisDate.nullish().or( z.literal( '' ) ),
	} )
	.passthrough();
export type EffiliationTransaction = z.infer<
	typeof EffiliationTransactionSchema
>;

export const EffiliationTransactionsSchema = bareOrWrappedArray(
	EffiliationTransactionSchema
);
