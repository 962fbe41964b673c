import { z } from 'zod';

import { isoFromNetworkDate } from '../networks/networkDates';
import {
	currencyCode,
	decimalAmount,
	networkDate,
} from '../networks/schemaFields';
import {
	TRANSACTION_STATUSES,
	type TransactionStatus,
} from '../networks/types';

/**
 * The commissions CSV `afflux-daemon import --kind commissions` reads, for networks without a
 * commissions API (Amazon's earnings reports, 1TPE's sales), one row per commission:
 *
 *   transaction_id, programme_id, status, network_status, sale_amount, commission_amount,
 *   currency, sub_id, order_ref, transaction_date, click_date, validation_date, paid_date
 *
 * `status` is Afflux's enum (pending, approved, paid, declined, reversed, on_hold);
 * `network_status` keeps the report's own word (default: status). Amounts are decimals ("12.90",
 * "12,90", "-3.10" for a return); dates ISO 8601 or "yyyy-MM-dd[ HH:mm:ss]" (UTC).
 */

export const COMMISSION_CSV_COLUMNS = [
	'transaction_id',
	'programme_id',
	'status',
	'network_status',
	'sale_amount',
	'commission_amount',
	'currency',
	'sub_id',
	'order_ref',
	'transaction_date',
	'click_date',
	'validation_date',
	'paid_date',
] as const;

export const REQUIRED_COMMISSION_COLUMNS = [
	'transaction_id',
	'status',
	'commission_amount',
	'currency',
	'transaction_date',
] as const;

const optionalText = z
	.string()
	.trim()
	.optional()
	.transform( ( value ) => ( value ? value : null ) );

const optionalDate = z
	.union( [ z.literal( '' ), networkDate() ] )
	.optional()
	.transform( ( value ) => ( value ? isoFromNetworkDate( value ) : null ) );

export const CommissionCsvRowSchema = z.object( {
	transaction_id: z.string().trim().min( 1, 'must not be empty' ),
	programme_id: z.string().trim().default( '' ),
	status: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(
			z.enum(
				TRANSACTION_STATUSES as [
					TransactionStatus,
					...TransactionStatus[],
				],
				{
					errorMap: () => ( {
						message: `must be one of ${ TRANSACTION_STATUSES.join(
							', '
						) }`,
					} ),
				}
			)
		),
	network_status: optionalText,
	sale_amount: z.union( [ z.literal( '' ), decimalAmount ] ).optional(),
	commission_amount: decimalAmount,
	currency: currencyCode,
	sub_id: z
		.string()
		.trim()
		.regex(
			/^[A-Za-z0-9_-]{0,40}$/,
			'must be a sub id ([A-Za-z0-9_-]{1,40})'
		)
		.optional()
		.transform( ( value ) => ( value ? value : null ) ),
	order_ref: optionalText,
	transaction_date: networkDate().transform( ( value ) =>
		isoFromNetworkDate( value )
	),
	click_date: optionalDate,
	validation_date: optionalDate,
	paid_date: optionalDate,
} );
export type CommissionCsvRow = z.infer< typeof CommissionCsvRowSchema >;
