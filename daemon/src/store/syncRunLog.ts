import type { CacheDb } from './openCache';
import { toIsoUtc } from './timestamps';

export type SyncKind = 'programmes' | 'links' | 'catalogue' | 'commissions';

export interface SyncRunCounts {
	itemsSeen: number;
	itemsWritten: number;
}

// Records a sync attempt as 'running' and returns its id.
export function startSyncRun(
	db: CacheDb,
	network: string,
	kind: SyncKind,
	startedAt: string = toIsoUtc()
): number {
	const result = db
		.prepare(
			`INSERT INTO sync_runs (network, kind, started_at, status) VALUES (?, ?, ?, 'running')`
		)
		.run( network, kind, startedAt );
	return Number( result.lastInsertRowid );
}

export function finishSyncRun(
	db: CacheDb,
	runId: number,
	counts: SyncRunCounts,
	finishedAt: string = toIsoUtc()
): void {
	db.prepare(
		`UPDATE sync_runs SET status = 'ok', finished_at = ?, items_seen = ?, items_written = ?, error = NULL WHERE id = ?`
	).run( finishedAt, counts.itemsSeen, counts.itemsWritten, runId );
}

// `error` must already be plain words without credentials (see http/errors.ts).
export function failSyncRun(
	db: CacheDb,
	runId: number,
	counts: SyncRunCounts,
	error: string,
	finishedAt: string = toIsoUtc()
): void {
	db.prepare(
		`UPDATE sync_runs SET status = 'failed', finished_at = ?, items_seen = ?, items_written = ?, error = ? WHERE id = ?`
	).run( finishedAt, counts.itemsSeen, counts.itemsWritten, error, runId );
}

// A daemon killed mid-run leaves 'running' rows behind; once we hold the sync lock nobody else
// can be running, so those rows are failures.
export function failAbandonedSyncRuns(
	db: CacheDb,
	now: string = toIsoUtc()
): number {
	return db
		.prepare(
			`UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'The daemon stopped before this run finished' WHERE status = 'running'`
		)
		.run( now ).changes;
}

export interface SyncRunRow {
	id: number;
	network: string;
	kind: string;
	started_at: string;
	finished_at: string | null;
	status: string;
	items_seen: number;
	items_written: number;
	error: string | null;
}

// The latest run of each (network, kind), plus the latest successful one.
export function latestSyncRuns(
	db: CacheDb
): Array< SyncRunRow & { last_ok_at: string | null } > {
	return db
		.prepare(
			`SELECT r.*, (
				SELECT MAX(o.finished_at) FROM sync_runs o
				WHERE o.network = r.network AND o.kind = r.kind AND o.status = 'ok'
			) AS last_ok_at
			FROM sync_runs r
			WHERE r.id = (
				SELECT MAX(l.id) FROM sync_runs l WHERE l.network = r.network AND l.kind = r.kind
			)
			ORDER BY r.network, r.kind`
		)
		.all() as Array< SyncRunRow & { last_ok_at: string | null } >;
}
