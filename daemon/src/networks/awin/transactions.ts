import { PermanentError } from '../../http/errors';
import type { HttpClient } from '../../http/httpClient';
import { MoneyFormatError, parseMinorUnits } from '../../money';
import { toIsoUtc } from '../../store/timestamps';
import type {
	NormalisedTransaction,
	TransactionPage,
	TransactionStatus,
	TransactionWindow,
	TransactionWindowSpec,
} from '../types';
import type { AwinTransaction } from './schema';

export const AWIN_NETWORK = 'awin';

/**
 * Awin: ≤ 31-day windows, no paging. Awin has no "changed since" query, so the sync re-reads
 * the last 31 days by transaction date and, for changes to older sales, the last 31 days by
 * validation date (approvals, declines) and by amendment date (amounts changed, refunds).
 */
export const AWIN_TRANSACTION_WINDOW: TransactionWindowSpec = {
	maxDays: 31,
	paging: 'none',
	trailingDays: 31,
	changeDateFields: [ 'validation', 'amendment' ],
};

export type AwinDateType = 'transaction' | 'validation' | 'amendment';

export function awinDateType( window: TransactionWindow ): AwinDateType {
	const field = window.dateField ?? 'transaction';
	if (
		field !== 'transaction' &&
		field !== 'validation' &&
		field !== 'amendment'
	) {
		throw new RangeError( `Awin cannot filter transactions by ${ field }` );
	}
	return field;
}

// Awin answers in the timezone asked for (UTC), without an offset: "2026-10-02T09:31:00".
export function awinDateToIso(
	value: string | null | undefined
): string | null {
	if ( ! value ) {
		return null;
	}
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test( value ) ? value : `${ value }Z`;
	const at = Date.parse( zoned );
	if ( Number.isNaN( at ) ) {
		throw new RangeError( `"${ value }" is not a date` );
	}
	return toIsoUtc( new Date( at ) );
}

// [unsure] "paid" = approved + paidToPublisher: Awin documents the flag, not the meaning; a
// wrong guess only moves rows between approved and paid (docs/networks.md).
export function awinStatus( transaction: AwinTransaction ): TransactionStatus {
	switch ( transaction.commissionStatus ) {
		case 'pending':
			return 'pending';
		case 'approved':
			return transaction.paidToPublisher ? 'paid' : 'approved';
		// 'deleted' never pays either; after an approval the store turns either into 'reversed'.
		case 'declined':
		case 'deleted':
			return 'declined';
	}
}

const ENDPOINT = 'GET /publishers/{id}/transactions/';

function minor(
	amount: { amount: number; currency: string },
	field: string,
	id: number
): number {
	try {
		const value = parseMinorUnits( amount.amount, amount.currency );
		if ( value === null ) {
			throw new MoneyFormatError( 'empty amount' );
		}
		return value;
	} catch ( error ) {
		throw new PermanentError(
			`transaction ${ id }: ${ field } ${ ( error as Error ).message }`,
			{ network: 'Awin', endpoint: ENDPOINT }
		);
	}
}

export function normaliseAwinTransaction(
	transaction: AwinTransaction
): NormalisedTransaction {
	const currency = transaction.commissionAmount.currency.toUpperCase();
	return {
		network: AWIN_NETWORK,
		transactionId: String( transaction.id ),
		accountId: String( transaction.publisherId ),
		programmeId: String( transaction.advertiserId ),
		status: awinStatus( transaction ),
		networkStatus: transaction.commissionStatus,
		saleMinor: minor(
			transaction.saleAmount,
			'saleAmount',
			transaction.id
		),
		commissionMinor: minor(
			transaction.commissionAmount,
			'commissionAmount',
			transaction.id
		),
		currency,
		subId: transaction.clickRefs?.clickRef ?? null,
		orderRef: transaction.orderRef ?? null,
		clickAt: awinDateToIso( transaction.clickDate ),
		transactionAt:
			awinDateToIso( transaction.transactionDate ) ??
			transaction.transactionDate,
		validatedAt: awinDateToIso( transaction.validationDate ),
		// Awin gives a paymentId but no payment date.
		paidAt: null,
		raw: transaction,
	};
}

export type ListAwinTransactions = (
	window: { start: Date; end: Date; dateType: AwinDateType },
	signal?: AbortSignal
) => Promise< AwinTransaction[] >;

export async function fetchAwinTransactions(
	list: ListAwinTransactions,
	window: TransactionWindow,
	signal?: AbortSignal
): Promise< TransactionPage > {
	const rows = await list(
		{
			start: window.start,
			end: window.end,
			dateType: awinDateType( window ),
		},
		signal
	);
	return { transactions: rows.map( normaliseAwinTransaction ) };
}

export type { HttpClient };
