import type { AccountCheck } from '../networks/types';
import type { CacheDb } from '../store/openCache';

/**
 * For networks whose commissions come from report files (Amazon earnings, 1TPE): what the cache
 * holds from the last imports. Informational: no import yet is not an error.
 */
export function checkCommissionImports(
	db: CacheDb,
	network: string
): AccountCheck {
	const row = db
		.prepare(
			'SELECT COUNT(*) AS n, MAX(transaction_at) AS latest FROM transactions WHERE network = ?'
		)
		.get( network ) as { n: number; latest: string | null };
	return {
		check: 'commission imports',
		ok: true,
		message:
			row.n > 0
				? `${ row.n } commissions imported, the latest dated ${ (
						row.latest ?? ''
				  ).slice( 0, 10 ) }.`
				: `No commissions imported yet: import the network's report with afflux-daemon import <report.csv> --network ${ network } --kind commissions.`,
	};
}
