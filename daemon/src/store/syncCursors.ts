import type { CacheDb } from './openCache';
import type { SyncKind } from './syncRunLog';

/** Where an incremental sync left off, per network, kind and account (table sync_cursors). */
export interface CursorKey {
	network: string;
	kind: SyncKind;
	accountId: string;
}

export function readCursor( db: CacheDb, key: CursorKey ): string | null {
	const row = db
		.prepare(
			'SELECT cursor FROM sync_cursors WHERE network = ? AND kind = ? AND account_id = ?'
		)
		.get( key.network, key.kind, key.accountId ) as
		| { cursor: string }
		| undefined;
	return row?.cursor ?? null;
}

// Call inside the transaction that stores what the cursor covers, so a crash leaves either
// both or neither.
export function writeCursor(
	db: CacheDb,
	key: CursorKey,
	cursor: string,
	now: string
): void {
	db.prepare(
		`INSERT INTO sync_cursors (network, kind, account_id, cursor, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (network, kind, account_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`
	).run( key.network, key.kind, key.accountId, cursor, now );
}
