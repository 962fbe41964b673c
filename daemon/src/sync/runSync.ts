import type { DaemonConfig } from '../config';
import type { Logger } from '../logger';
import { enabledAdapters } from '../networks/registry';
import type { NetworkAdapter } from '../networks/types';
import type { CacheDb } from '../store/openCache';
import { failAbandonedSyncRuns } from '../store/syncRunLog';
import { syncCatalogue } from './syncCatalogue';
import { withSyncLock } from './syncLock';
import type { SyncContext, SyncResult } from './recordSyncRun';
import { syncCommissions } from './syncCommissions';
import { syncLinkTemplates, syncProgrammes } from './syncProgrammes';

export type SyncTarget =
	| 'programmes'
	| 'links'
	| 'catalogue'
	| 'commissions'
	| 'all';

export const SYNC_TARGETS: readonly SyncTarget[] = [
	'programmes',
	'links',
	'catalogue',
	'commissions',
	'all',
];

export interface RunSyncOptions {
	db: CacheDb;
	config: DaemonConfig;
	log: Logger;
	target: SyncTarget;
	network?: string;
	signal?: AbortSignal;
	/** Tests hand in adapters wired to a sandbox; otherwise they come from the config. */
	adapters?: NetworkAdapter[];
	now?: () => Date;
	onProgress?: SyncContext[ 'onProgress' ];
}

async function syncOne(
	adapter: NetworkAdapter,
	target: SyncTarget,
	options: RunSyncOptions
): Promise< SyncResult[] > {
	const context = {
		db: options.db,
		log: options.log,
		signal: options.signal,
		now: options.now,
		onProgress: options.onProgress,
	};
	const results: SyncResult[] = [];
	if ( target === 'programmes' || target === 'all' ) {
		// Programmes bring their link templates along.
		results.push( await syncProgrammes( adapter, context ) );
	}
	if ( target === 'links' ) {
		results.push( await syncLinkTemplates( adapter, context ) );
	}
	if (
		( target === 'catalogue' || target === 'all' ) &&
		! options.signal?.aborted
	) {
		// A network with nothing to read (Rakuten, 1TPE, Amazon without ASINs…) is skipped when
		// the catalogue runs for every network (the schedule); asked for by name, it fails and
		// says what to configure.
		if ( adapter.hasCatalogue() || options.network === adapter.network ) {
			results.push( await syncCatalogue( adapter, context ) );
		} else if ( target === 'catalogue' ) {
			options.log.info( 'no product feed configured for this network', {
				network: adapter.network,
			} );
		}
	}
	if (
		( target === 'commissions' || target === 'all' ) &&
		! options.signal?.aborted
	) {
		if ( adapter.fetchTransactions ) {
			results.push(
				await syncCommissions( adapter, {
					...context,
					backfillDays: options.config.commissions.backfillDays,
				} )
			);
		} else if ( target === 'commissions' ) {
			// Not a failure: such networks (Amazon, 1TPE) bring commissions by CSV import.
			options.log.info( 'no commissions API for this network', {
				network: adapter.network,
			} );
		}
	}
	return results;
}

// Runs one sync target over every enabled network while holding the cache's sync lock. Each
// network is isolated: its failure is recorded and logged, and the next network still runs.
export async function runSync(
	options: RunSyncOptions
): Promise< SyncResult[] > {
	const adapters =
		options.adapters ??
		enabledAdapters(
			options.config,
			{ log: options.log },
			options.network
		);
	if ( adapters.length === 0 ) {
		options.log.warn( 'no enabled network to sync', {
			network: options.network ?? 'all',
		} );
		return [];
	}
	return withSyncLock( options.config.cachePath, () =>
		syncEach( adapters, options )
	);
}

async function syncEach(
	adapters: NetworkAdapter[],
	options: RunSyncOptions
): Promise< SyncResult[] > {
	failAbandonedSyncRuns( options.db );
	const results: SyncResult[] = [];
	for ( const adapter of adapters ) {
		if ( options.signal?.aborted ) {
			break;
		}
		try {
			results.push(
				...( await syncOne( adapter, options.target, options ) )
			);
		} catch ( error ) {
			// syncProgrammes/syncCatalogue record their own failures; this is the last guard.
			options.log.error( 'network sync crashed', {
				network: adapter.network,
				error: ( error as Error ).message,
			} );
			results.push( {
				network: adapter.network,
				kind: options.target,
				ok: false,
				itemsSeen: 0,
				itemsWritten: 0,
				error: ( error as Error ).message,
			} );
		}
	}
	return results;
}
