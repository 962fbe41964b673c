import type { NetworkAdapter } from '../networks/types';
import { createCatalogueWriter } from '../store/catalogueWriter';
import { failSyncRun, finishSyncRun, startSyncRun } from '../store/syncRunLog';
import { toIsoUtc } from '../store/timestamps';
import { describeFailure } from './describeFailure';
import type { SyncContext, SyncResult } from './syncProgrammes';

export interface CatalogueSyncResult extends SyncResult {
	unchanged: number;
	gone: number;
	rejected: number;
}

// Streams the network's catalogue into products/offers. Products missing from a feed are
// marked 'gone' only when the whole feed was read; an aborted or failed run keeps what it
// wrote (each batch is whole) and marks nothing.
export async function syncCatalogue(
	adapter: NetworkAdapter,
	context: SyncContext & { batchSize?: number }
): Promise< CatalogueSyncResult > {
	const { db, log, signal } = context;
	const now = context.now ?? ( () => new Date() );
	const startedAt = toIsoUtc( now() );
	const runId = startSyncRun( db, adapter.network, 'catalogue', startedAt );
	const writer = createCatalogueWriter( db, {
		network: adapter.network,
		now: startedAt,
		batchSize: context.batchSize,
	} );
	let rejected = 0;
	const result = (): CatalogueSyncResult => ( {
		network: adapter.network,
		kind: 'catalogue',
		ok: false,
		itemsSeen: writer.stats.seen + rejected,
		itemsWritten: writer.stats.written + writer.stats.gone,
		unchanged: writer.stats.unchanged,
		gone: writer.stats.gone,
		rejected,
	} );
	try {
		if ( ! adapter.hasCatalogue() ) {
			throw new Error(
				`No product feed is configured for ${ adapter.network }`
			);
		}
		for await ( const item of adapter.streamCatalogue( {
			signal,
			onRejectedRow: ( row ) => {
				rejected++;
				if ( rejected <= 20 ) {
					log.warn( 'skipped a feed row', {
						network: adapter.network,
						...row,
					} );
				}
			},
		} ) ) {
			const committed = writer.add( item );
			// Stop between batches, never inside one.
			if ( committed && signal?.aborted ) {
				throw new Error( 'Stopped by a shutdown request' );
			}
		}
		if ( rejected > 0 && writer.stats.seen === 0 ) {
			// A feed whose every row fails validation means our reading of it is wrong.
			throw new Error(
				`Every feed row was rejected (${ rejected }); see the log for the first reasons`
			);
		}
		writer.finish( true );
		const done = { ...result(), ok: true };
		finishSyncRun( db, runId, done, toIsoUtc( now() ) );
		log.info( 'catalogue synced', {
			network: adapter.network,
			seen: done.itemsSeen,
			written: done.itemsWritten,
			unchanged: done.unchanged,
			gone: done.gone,
			rejected,
		} );
		return done;
	} catch ( error ) {
		writer.finish( false );
		const message = signal?.aborted
			? 'Stopped by a shutdown request'
			: describeFailure( error );
		const failed = { ...result(), error: message };
		failSyncRun( db, runId, failed, message, toIsoUtc( now() ) );
		log.error( 'catalogue sync failed', {
			network: adapter.network,
			error: message,
		} );
		return failed;
	}
}
