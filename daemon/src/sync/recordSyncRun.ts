import type { Logger } from '../logger';
import type { CacheDb } from '../store/openCache';
import {
	failSyncRun,
	finishSyncRun,
	startSyncRun,
	type SyncKind,
	type SyncRunCounts,
} from '../store/syncRunLog';
import { toIsoUtc } from '../store/timestamps';
import { describeFailure } from './describeFailure';

export interface SyncProgress {
	network: string;
	kind: SyncKind;
	/** Windows, pages or items done so far. */
	done: number;
	/** Known for windowed syncs (commissions); undefined for streams (catalogue). */
	total?: number;
	unit: 'windows' | 'items';
}

export interface SyncContext {
	db: CacheDb;
	log: Logger;
	signal?: AbortSignal;
	now?: () => Date;
	/** Called as a long sync advances (the CLI draws a progress bar on a terminal). */
	onProgress?: ( progress: SyncProgress ) => void;
}

export interface SyncResult extends SyncRunCounts {
	network: string;
	kind: string; // a SyncKind, or the whole target when a network crashed outside a run
	ok: boolean;
	error?: string;
}

export const SHUTDOWN_MESSAGE = 'Stopped by a shutdown request';

// Every sync attempt leaves one sync_runs row (running → ok | failed, with counts and plain
// words) and one log line, and a failure comes back as a result instead of an exception, so
// one network failing never stops the others. `work` keeps `counts` current as it goes, so a
// failed run still records how far it got; what it returns is added to the log line.
export async function recordSyncRun(
	context: SyncContext,
	network: string,
	kind: SyncKind,
	work: (
		counts: SyncRunCounts
	) => Promise< Record< string, number > | void >
): Promise< SyncResult > {
	const { db, log, signal } = context;
	const now = context.now ?? ( () => new Date() );
	const runId = startSyncRun( db, network, kind, toIsoUtc( now() ) );
	const counts: SyncRunCounts = { itemsSeen: 0, itemsWritten: 0 };
	try {
		const details = await work( counts );
		finishSyncRun( db, runId, counts, toIsoUtc( now() ) );
		log.info( `${ kind } synced`, { network, ...counts, ...details } );
		return { network, kind, ok: true, ...counts };
	} catch ( error ) {
		const message = signal?.aborted
			? SHUTDOWN_MESSAGE
			: describeFailure( error );
		failSyncRun( db, runId, counts, message, toIsoUtc( now() ) );
		log.error( `${ kind } sync failed`, { network, error: message } );
		return { network, kind, ok: false, ...counts, error: message };
	}
}
