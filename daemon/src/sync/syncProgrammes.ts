import type { Logger } from '../logger';
import type { LinkTemplate, NetworkAdapter } from '../networks/types';
import { writeLinkTemplates } from '../store/linkTemplateWriter';
import type { CacheDb } from '../store/openCache';
import { writeProgrammes } from '../store/programmeWriter';
import { failSyncRun, finishSyncRun, startSyncRun } from '../store/syncRunLog';
import { toIsoUtc } from '../store/timestamps';
import { describeFailure } from './describeFailure';

export interface SyncResult {
	network: string;
	kind: string;
	ok: boolean;
	itemsSeen: number;
	itemsWritten: number;
	error?: string;
}

export interface SyncContext {
	db: CacheDb;
	log: Logger;
	signal?: AbortSignal;
	now?: () => Date;
}

// Joined programmes and their terms, plus a link template each (templates need nothing but
// the programme ids, so they come with them for free).
export async function syncProgrammes(
	adapter: NetworkAdapter,
	context: SyncContext
): Promise< SyncResult > {
	const { db, log } = context;
	const now = context.now ?? ( () => new Date() );
	const runId = startSyncRun(
		db,
		adapter.network,
		'programmes',
		toIsoUtc( now() )
	);
	const counts = { itemsSeen: 0, itemsWritten: 0 };
	try {
		const programmes = await adapter.listProgrammes( context.signal );
		counts.itemsSeen = programmes.length;
		const at = toIsoUtc( now() );
		const written = writeProgrammes( db, adapter.network, programmes, at );
		const templates: LinkTemplate[] = programmes.map( ( programme ) =>
			adapter.buildLinkTemplate( programme.programmeId )
		);
		writeLinkTemplates( db, adapter.network, templates, at );
		counts.itemsWritten = written.written + written.left;
		finishSyncRun( db, runId, counts, toIsoUtc( now() ) );
		log.info( 'programmes synced', {
			network: adapter.network,
			...counts,
			left: written.left,
		} );
		return {
			network: adapter.network,
			kind: 'programmes',
			ok: true,
			...counts,
		};
	} catch ( error ) {
		const message = describeFailure( error );
		failSyncRun( db, runId, counts, message, toIsoUtc( now() ) );
		log.error( 'programmes sync failed', {
			network: adapter.network,
			error: message,
		} );
		return {
			network: adapter.network,
			kind: 'programmes',
			ok: false,
			...counts,
			error: message,
		};
	}
}

// Link templates only: one cheap call (the joined programme ids), no details.
export async function syncLinkTemplates(
	adapter: NetworkAdapter,
	context: SyncContext
): Promise< SyncResult > {
	const { db, log } = context;
	const now = context.now ?? ( () => new Date() );
	const runId = startSyncRun(
		db,
		adapter.network,
		'links',
		toIsoUtc( now() )
	);
	const counts = { itemsSeen: 0, itemsWritten: 0 };
	try {
		const ids = await adapter.listProgrammeIds( context.signal );
		counts.itemsSeen = ids.length;
		counts.itemsWritten = writeLinkTemplates(
			db,
			adapter.network,
			ids.map( ( id ) => adapter.buildLinkTemplate( id ) ),
			toIsoUtc( now() )
		);
		finishSyncRun( db, runId, counts, toIsoUtc( now() ) );
		log.info( 'link templates synced', {
			network: adapter.network,
			...counts,
		} );
		return { network: adapter.network, kind: 'links', ok: true, ...counts };
	} catch ( error ) {
		const message = describeFailure( error );
		failSyncRun( db, runId, counts, message, toIsoUtc( now() ) );
		log.error( 'link templates sync failed', {
			network: adapter.network,
			error: message,
		} );
		return {
			network: adapter.network,
			kind: 'links',
			ok: false,
			...counts,
			error: message,
		};
	}
}
