import type { LinkTemplate } from '../networks/types';
import type { CacheDb } from './openCache';

// Upserts a network's link templates in one transaction and drops the templates of programmes
// that are no longer joined, so the plugin never builds a link for a programme we left.
// Returns the number of rows inserted, changed or removed.
export function writeLinkTemplates(
	db: CacheDb,
	network: string,
	templates: LinkTemplate[],
	now: string
): number {
	const upsert = db.prepare( `
		INSERT INTO link_templates (network, programme_id, template, tracking_host, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (network, programme_id) DO UPDATE SET
			template = excluded.template,
			tracking_host = excluded.tracking_host,
			updated_at = excluded.updated_at
		WHERE link_templates.template IS NOT excluded.template
			OR link_templates.tracking_host IS NOT excluded.tracking_host
	` );
	const listIds = db.prepare(
		'SELECT programme_id FROM link_templates WHERE network = ?'
	);
	const remove = db.prepare(
		'DELETE FROM link_templates WHERE network = ? AND programme_id = ?'
	);

	return db
		.transaction( () => {
			let changed = 0;
			const keep = new Set< string >();
			for ( const template of templates ) {
				keep.add( template.programmeId );
				changed += upsert.run(
					network,
					template.programmeId,
					template.template,
					template.trackingHost,
					now
				).changes;
			}
			for ( const row of listIds.all( network ) as Array< {
				programme_id: string;
			} > ) {
				if ( ! keep.has( row.programme_id ) ) {
					changed += remove.run( network, row.programme_id ).changes;
				}
			}
			return changed;
		} )
		.immediate();
}
