import type {
	NormalisedTransaction,
	TransactionStatus,
} from '../networks/types';
import type { CacheDb } from './openCache';
import { writeCursor, type CursorKey } from './syncCursors';

export interface TransactionWriteResult {
	seen: number;
	inserted: number;
	changed: number;
	events: number;
}

interface StoredTransaction {
	status: TransactionStatus;
	network_status: string;
	sale_minor: number | null;
	commission_minor: number;
	currency: string;
	paid_at: string | null;
	raw_json: string;
	sub_id: string | null;
	validated_at: string | null;
}

// A decline after the commission was approved (or paid) is a clawback: the dashboard shows it
// as reversed, not as a sale that never counted. Networks that say so themselves (Impact
// REVERSED, Rakuten's negative rows) arrive as 'reversed' already.
export function effectiveStatus(
	previous: TransactionStatus | undefined,
	incoming: TransactionStatus
): TransactionStatus {
	if (
		incoming === 'declined' &&
		( previous === 'approved' ||
			previous === 'paid' ||
			previous === 'reversed' )
	) {
		return 'reversed';
	}
	return incoming;
}

/**
 * Upserts one page of transactions in a single SQLite transaction (with the cursor, when given,
 * so a crash keeps both or neither). The first sighting and every change of status or amount
 * write a transaction_events row; a row seen again unchanged writes nothing. Rows are keyed by
 * (network, transaction_id), so reading a window twice never duplicates anything.
 */
export function writeTransactions(
	db: CacheDb,
	transactions: readonly NormalisedTransaction[],
	now: string,
	cursor?: { key: CursorKey; value: string }
): TransactionWriteResult {
	const find = db.prepare(
		`SELECT status, network_status, sale_minor, commission_minor, currency, paid_at, raw_json, sub_id, validated_at
		FROM transactions WHERE network = ? AND transaction_id = ?`
	);
	const upsert = db.prepare( `
		INSERT INTO transactions (
			network, transaction_id, account_id, programme_id, status, network_status, sale_minor,
			commission_minor, currency, sub_id, order_ref, click_at, transaction_at, validated_at,
			paid_at, raw_json, first_seen_at, updated_at
		) VALUES (
			@network, @transactionId, @accountId, @programmeId, @status, @networkStatus, @saleMinor,
			@commissionMinor, @currency, @subId, @orderRef, @clickAt, @transactionAt, @validatedAt,
			@paidAt, @rawJson, @now, @now
		)
		ON CONFLICT (network, transaction_id) DO UPDATE SET
			account_id = excluded.account_id,
			programme_id = excluded.programme_id,
			status = excluded.status,
			network_status = excluded.network_status,
			sale_minor = excluded.sale_minor,
			commission_minor = excluded.commission_minor,
			currency = excluded.currency,
			sub_id = excluded.sub_id,
			order_ref = excluded.order_ref,
			click_at = excluded.click_at,
			transaction_at = excluded.transaction_at,
			validated_at = excluded.validated_at,
			paid_at = excluded.paid_at,
			raw_json = excluded.raw_json,
			updated_at = excluded.updated_at
	` );
	const addEvent = db.prepare(
		`INSERT INTO transaction_events (network, transaction_id, at, from_status, to_status, commission_minor, network_status)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	);

	return db
		.transaction( () => {
			const result: TransactionWriteResult = {
				seen: transactions.length,
				inserted: 0,
				changed: 0,
				events: 0,
			};
			for ( const transaction of transactions ) {
				const stored = find.get(
					transaction.network,
					transaction.transactionId
				) as StoredTransaction | undefined;
				const status = effectiveStatus(
					stored?.status,
					transaction.status
				);
				// Networks rarely date a payment: the first sighting as paid stands for it.
				const paidAt =
					stored?.paid_at ??
					transaction.paidAt ??
					( status === 'paid' ? now : null );
				const rawJson = JSON.stringify( transaction.raw ?? {} );
				const moved =
					! stored ||
					stored.status !== status ||
					stored.commission_minor !== transaction.commissionMinor ||
					stored.sale_minor !== transaction.saleMinor ||
					stored.currency !== transaction.currency;
				const touched =
					moved ||
					stored.network_status !== transaction.networkStatus ||
					stored.raw_json !== rawJson ||
					stored.paid_at !== paidAt ||
					stored.sub_id !== transaction.subId ||
					stored.validated_at !== transaction.validatedAt;
				if ( ! touched ) {
					continue;
				}
				upsert.run( {
					network: transaction.network,
					transactionId: transaction.transactionId,
					accountId: transaction.accountId,
					programmeId: transaction.programmeId,
					status,
					networkStatus: transaction.networkStatus,
					saleMinor: transaction.saleMinor,
					commissionMinor: transaction.commissionMinor,
					currency: transaction.currency,
					subId: transaction.subId,
					orderRef: transaction.orderRef,
					clickAt: transaction.clickAt,
					transactionAt: transaction.transactionAt,
					validatedAt: transaction.validatedAt,
					paidAt,
					rawJson,
					now,
				} );
				if ( stored ) {
					result.changed++;
				} else {
					result.inserted++;
				}
				if ( moved ) {
					addEvent.run(
						transaction.network,
						transaction.transactionId,
						now,
						stored?.status ?? null,
						status,
						transaction.commissionMinor,
						transaction.networkStatus
					);
					result.events++;
				}
			}
			if ( cursor ) {
				writeCursor( db, cursor.key, cursor.value, now );
			}
			return result;
		} )
		.immediate();
}
