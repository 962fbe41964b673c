import type {
	NetworkAdapter,
	TransactionWindow,
	TransactionWindowSpec,
} from '../networks/types';
import type { CacheDb } from '../store/openCache';
import { readCursor, type CursorKey } from '../store/syncCursors';
import { toIsoUtc } from '../store/timestamps';
import { writeTransactions } from '../store/transactionWriter';
import {
	recordSyncRun,
	SHUTDOWN_MESSAGE,
	type SyncContext,
	type SyncResult,
} from './recordSyncRun';
import {
	daysBefore,
	splitIntoWindows,
	startOfUtcDay,
} from './transactionWindows';

/** How far back the first commissions sync of an account reads (config: commissions.backfillDays). */
export const DEFAULT_BACKFILL_DAYS = 365;
/**
 * Transactions still open (pending, approved not yet paid, on hold) are re-read by transaction
 * date up to this age, so a payment or a late refund of an older sale is seen even on networks
 * without a "changed since" query. Older open rows keep their last known state.
 */
export const REVISIT_OPEN_DAYS = 120;

export interface CommissionSyncOptions {
	backfillDays?: number;
}

export interface CommissionCursor {
	/** Transactions dated up to here were read at least once (ISO 8601 UTC). */
	syncedTo: string;
}

interface Pass extends TransactionWindow {
	/** Whether finishing this window moves the cursor (transaction-date windows only). */
	advancesCursor: boolean;
}

function parseCursor( value: string | null ): CommissionCursor | null {
	if ( value === null ) {
		return null;
	}
	try {
		const parsed = JSON.parse( value ) as Partial< CommissionCursor >;
		return typeof parsed.syncedTo === 'string' &&
			! Number.isNaN( Date.parse( parsed.syncedTo ) )
			? { syncedTo: parsed.syncedTo }
			: null;
	} catch {
		return null;
	}
}

function oldestOpenTransaction(
	db: CacheDb,
	network: string,
	accountId: string,
	notBefore: Date
): Date | null {
	const row = db
		.prepare(
			`SELECT MIN(transaction_at) AS oldest FROM transactions
			WHERE network = ? AND account_id = ? AND status IN ('pending', 'approved', 'on_hold')
			AND transaction_at >= ?`
		)
		.get( network, accountId, toIsoUtc( notBefore ) ) as {
		oldest: string | null;
	};
	return row.oldest ? new Date( row.oldest ) : null;
}

// The windows of one run, oldest first: by transaction date from the earliest of (where the
// last run got to, the network's trailing days, the oldest open transaction) up to now, split
// at the network's maximum; then the latest maxDays by each date field that moves on a change.
export function planCommissionPasses(
	spec: TransactionWindowSpec,
	now: Date,
	cursor: CommissionCursor | null,
	oldestOpen: Date | null,
	backfillDays: number
): Pass[] {
	const candidates = [
		cursor
			? new Date( cursor.syncedTo )
			: startOfUtcDay( daysBefore( now, backfillDays ) ),
		daysBefore( now, spec.trailingDays ),
	];
	if ( oldestOpen ) {
		candidates.push( oldestOpen );
	}
	let start = new Date(
		Math.min( ...candidates.map( ( date ) => date.getTime() ) )
	);
	if ( spec.maxLookbackDays !== undefined ) {
		const limit = daysBefore( now, spec.maxLookbackDays );
		start = start < limit ? limit : start;
	}
	const passes: Pass[] = splitIntoWindows(
		{ start, end: now },
		spec.maxDays
	).map( ( window ) => ( { ...window, advancesCursor: true } ) );
	for ( const dateField of spec.changeDateFields ?? [] ) {
		passes.push( {
			start: daysBefore( now, spec.maxDays ),
			end: now,
			dateField,
			advancesCursor: false,
		} );
	}
	return passes;
}

/**
 * Reads the network's commissions window by window (never longer than it allows) and upserts
 * them: a page is written in one SQLite transaction, together with the cursor when it completes
 * a window, so a crash or a failed call loses nothing and the next run resumes where the cursor
 * says. Reading a window again is harmless: unchanged rows write nothing, changes write events.
 */
export function syncCommissions(
	adapter: NetworkAdapter,
	context: SyncContext & CommissionSyncOptions
): Promise< SyncResult > {
	const clock = context.now ?? ( () => new Date() );
	return recordSyncRun(
		context,
		adapter.network,
		'commissions',
		async ( counts ) => {
			const spec = adapter.transactionWindow;
			const fetchTransactions = adapter.fetchTransactions;
			if ( ! spec || ! fetchTransactions ) {
				throw new Error(
					`${ adapter.network } has no commissions API; import its commissions from a CSV file`
				);
			}
			const key: CursorKey = {
				network: adapter.network,
				kind: 'commissions',
				accountId: adapter.accountId ?? '',
			};
			// Whole seconds: the networks' date parameters have no milliseconds.
			const now = new Date(
				Math.floor( clock().getTime() / 1000 ) * 1000
			);
			let cursor = parseCursor( readCursor( context.db, key ) );
			const passes = planCommissionPasses(
				spec,
				now,
				cursor,
				oldestOpenTransaction(
					context.db,
					adapter.network,
					key.accountId,
					daysBefore( now, REVISIT_OPEN_DAYS )
				),
				context.backfillDays ?? DEFAULT_BACKFILL_DAYS
			);
			let events = 0;
			let inserted = 0;
			for ( const [ index, pass ] of passes.entries() ) {
				let pageCursor: string | undefined;
				const seenCursors = new Set< string >();
				do {
					const page = await fetchTransactions(
						{
							start: pass.start,
							end: pass.end,
							cursor: pageCursor,
							dateField: pass.dateField,
						},
						context.signal
					);
					pageCursor = page.nextCursor;
					if ( pageCursor !== undefined ) {
						if ( seenCursors.has( pageCursor ) ) {
							throw new Error(
								`${ adapter.network } returned the same next page twice; stopped to avoid a loop`
							);
						}
						seenCursors.add( pageCursor );
					}
					const completes =
						pageCursor === undefined &&
						pass.advancesCursor &&
						( ! cursor || pass.end > new Date( cursor.syncedTo ) );
					const next = completes
						? { syncedTo: pass.end.toISOString() }
						: null;
					const written = writeTransactions(
						context.db,
						page.transactions.filter(
							( transaction ) =>
								transaction.network === adapter.network
						),
						toIsoUtc( clock() ),
						next
							? { key, value: JSON.stringify( next ) }
							: undefined
					);
					cursor = next ?? cursor;
					counts.itemsSeen += written.seen;
					counts.itemsWritten += written.inserted + written.changed;
					events += written.events;
					inserted += written.inserted;
					// Stop between pages, never inside one.
					if ( context.signal?.aborted ) {
						throw new Error( SHUTDOWN_MESSAGE );
					}
				} while ( pageCursor !== undefined );
				context.onProgress?.( {
					network: adapter.network,
					kind: 'commissions',
					done: index + 1,
					total: passes.length,
					unit: 'windows',
				} );
			}
			return { windows: passes.length, inserted, events };
		}
	);
}
