import type { NetworkAdapter } from '../networks/types';
import { writeLinkTemplates } from '../store/linkTemplateWriter';
import { writeProgrammes } from '../store/programmeWriter';
import { toIsoUtc } from '../store/timestamps';
import {
	recordSyncRun,
	type SyncContext,
	type SyncResult,
} from './recordSyncRun';

// Joined programmes and their terms, plus a link template each (templates need nothing but
// the programme ids, so they come with them for free).
export function syncProgrammes(
	adapter: NetworkAdapter,
	context: SyncContext
): Promise< SyncResult > {
	const now = context.now ?? ( () => new Date() );
	return recordSyncRun(
		context,
		adapter.network,
		'programmes',
		async ( counts ) => {
			const programmes = await adapter.listProgrammes( context.signal );
			counts.itemsSeen = programmes.length;
			const at = toIsoUtc( now() );
			const written = writeProgrammes(
				context.db,
				adapter.network,
				programmes,
				at
			);
			writeLinkTemplates(
				context.db,
				adapter.network,
				programmes.map( ( programme ) =>
					adapter.buildLinkTemplate( programme.programmeId )
				),
				at
			);
			counts.itemsWritten = written.written + written.left;
			return { left: written.left };
		}
	);
}

// Link templates only: one cheap call (the joined programme ids), no details.
export function syncLinkTemplates(
	adapter: NetworkAdapter,
	context: SyncContext
): Promise< SyncResult > {
	const now = context.now ?? ( () => new Date() );
	return recordSyncRun(
		context,
		adapter.network,
		'links',
		async ( counts ) => {
			const ids = await adapter.listProgrammeIds( context.signal );
			counts.itemsSeen = ids.length;
			counts.itemsWritten = writeLinkTemplates(
				context.db,
				adapter.network,
				ids.map( ( id ) => adapter.buildLinkTemplate( id ) ),
				toIsoUtc( now() )
			);
		}
	);
}
