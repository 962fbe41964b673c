import type { CacheDb } from './openCache';
import { schemaVersion } from './migrate';
import { latestSyncRuns, type SyncRunRow } from './syncRunLog';

export interface CatalogueCounts {
	network: string;
	active: number;
	gone: number;
	offers: number;
}

export interface CommissionTotals {
	network: string;
	status: string;
	currency: string;
	count: number;
	commission_minor: number;
}

export interface StatusReport {
	schemaVersion: number;
	runs: Array< SyncRunRow & { last_ok_at: string | null } >;
	catalogue: CatalogueCounts[];
	programmes: Array< {
		network: string;
		joined: number;
		left: number;
		link_templates: number;
	} >;
	commissions: CommissionTotals[];
}

// What `afflux-daemon status` shows. Freshness of an unchanged product is the finish time of
// the last successful catalogue run of its network (unchanged rows are not rewritten).
export function readStatus( db: CacheDb ): StatusReport {
	const catalogue = db
		.prepare(
			`SELECT p.network AS network,
				SUM(p.status = 'active') AS active,
				SUM(p.status = 'gone') AS gone,
				(SELECT COUNT(*) FROM offers o JOIN products q ON q.id = o.product_id WHERE q.network = p.network) AS offers
			FROM products p GROUP BY p.network ORDER BY p.network`
		)
		.all() as CatalogueCounts[];
	const programmes = db
		.prepare(
			`SELECT g.network AS network,
				SUM(g.status = 'joined') AS joined,
				SUM(g.status = 'left') AS left,
				(SELECT COUNT(*) FROM link_templates t WHERE t.network = g.network) AS link_templates
			FROM programmes g GROUP BY g.network ORDER BY g.network`
		)
		.all() as StatusReport[ 'programmes' ];
	const commissions = db
		.prepare(
			`SELECT network, status, currency, COUNT(*) AS count, SUM(commission_minor) AS commission_minor
			FROM transactions GROUP BY network, status, currency ORDER BY network, currency, status`
		)
		.all() as CommissionTotals[];
	return {
		schemaVersion: schemaVersion( db ),
		commissions,
		runs: latestSyncRuns( db ),
		catalogue,
		programmes,
	};
}
