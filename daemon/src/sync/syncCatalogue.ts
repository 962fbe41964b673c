import type { NetworkAdapter, RejectedRow } from '../networks/types';
import { createCatalogueWriter } from '../store/catalogueWriter';
import type { SyncRunCounts } from '../store/syncRunLog';
import { toIsoUtc } from '../store/timestamps';
import {
	recordSyncRun,
	SHUTDOWN_MESSAGE,
	type SyncContext,
	type SyncResult,
} from './recordSyncRun';

export interface CatalogueSyncResult extends SyncResult {
	unchanged: number;
	gone: number;
	rejected: number;
}

// How many rejected rows are logged one by one; the rest are only counted.
const LOGGED_REJECTIONS = 20;

// Streams the network's catalogue into products/offers. Products missing from a feed are
// marked 'gone' only when the whole feed was read; an aborted or failed run keeps what it
// wrote (each batch is whole) and marks nothing.
export async function syncCatalogue(
	adapter: NetworkAdapter,
	context: SyncContext & { batchSize?: number }
): Promise< CatalogueSyncResult > {
	const { log, signal } = context;
	const now = context.now ?? ( () => new Date() );
	const writer = createCatalogueWriter( context.db, {
		network: adapter.network,
		now: toIsoUtc( now() ),
		batchSize: context.batchSize,
	} );
	let rejected = 0;
	const copyCounts = ( counts: SyncRunCounts ) => {
		counts.itemsSeen = writer.stats.seen + rejected;
		counts.itemsWritten = writer.stats.written + writer.stats.gone;
	};

	const result = await recordSyncRun(
		context,
		adapter.network,
		'catalogue',
		async ( counts ) => {
			try {
				if ( ! adapter.hasCatalogue() ) {
					throw new Error(
						`No product feed is configured for ${ adapter.network }`
					);
				}
				const streamOptions = {
					signal,
					batchSize: context.batchSize,
					onRejectedRow: ( row: RejectedRow ) => {
						rejected++;
						if ( rejected <= LOGGED_REJECTIONS ) {
							log.warn( 'skipped a feed row', {
								network: adapter.network,
								...row,
							} );
						}
					},
				};
				const progress = () =>
					context.onProgress?.( {
						network: adapter.network,
						kind: 'catalogue',
						done: writer.stats.seen,
						unit: 'items',
					} );
				if ( adapter.streamCatalogueBatches ) {
					// Parsed in a worker: each batch is one transaction.
					for await ( const batch of adapter.streamCatalogueBatches(
						streamOptions
					) ) {
						writer.addBatch( batch );
						progress();
						// Stop between batches, never inside one.
						if ( signal?.aborted ) {
							throw new Error( SHUTDOWN_MESSAGE );
						}
					}
				} else {
					for await ( const item of adapter.streamCatalogue(
						streamOptions
					) ) {
						const committed = writer.add( item );
						if ( committed ) {
							progress();
						}
						// Stop between batches, never inside one.
						if ( committed && signal?.aborted ) {
							throw new Error( SHUTDOWN_MESSAGE );
						}
					}
				}
				if ( rejected > 0 && writer.stats.seen === 0 ) {
					// A feed whose every row fails validation means our reading of it is wrong.
					throw new Error(
						`Every feed row was rejected (${ rejected }); see the log for the first reasons`
					);
				}
				writer.finish( true );
			} catch ( error ) {
				writer.finish( false );
				throw error;
			} finally {
				copyCounts( counts );
			}
			return {
				unchanged: writer.stats.unchanged,
				gone: writer.stats.gone,
				rejected,
			};
		}
	);
	return {
		...result,
		unchanged: writer.stats.unchanged,
		gone: writer.stats.gone,
		rejected,
	};
}
