import type { DaemonConfig } from '../config';
import type { AccountCheck } from '../networks/types';
import { migrate } from '../store/migrate';
import { openCache } from '../store/openCache';
import { readStatus } from '../store/statusReport';
import { ACCOUNT_CHECKS, COMMISSIONS_BY_IMPORT } from './accountChecks';
import type { InvalidAccount } from './doctorConfig';
import type { AccountCheckOptions } from './explainCheckFailure';
import { checkCommissionImports } from './importStatus';

/** What `afflux-daemon doctor` found: the cache, then each configured account's checks. */
export interface DoctorReport {
	ok: boolean;
	cache: AccountCheck;
	networks: Array< { network: string; checks: AccountCheck[] } >;
}

export interface RunDoctorOptions extends AccountCheckOptions {
	config: DaemonConfig;
	/** Accounts whose config section is invalid: reported, not checked. */
	invalid?: InvalidAccount[];
	/** Only this network. */
	network?: string;
}

function checkCache( cachePath: string ): {
	check: AccountCheck;
	imports: ( network: string ) => AccountCheck | undefined;
	close: () => void;
} {
	try {
		const db = openCache( cachePath );
		migrate( db );
		return {
			check: {
				check: 'cache',
				ok: true,
				message: `${ cachePath } is writable, schema version ${
					readStatus( db ).schemaVersion
				}.`,
			},
			imports: ( network ) => checkCommissionImports( db, network ),
			close: () => db.close(),
		};
	} catch ( error ) {
		return {
			check: {
				check: 'cache',
				ok: false,
				message: `cannot open ${ cachePath } (${
					( error as Error ).message
				}). Check cachePath and that this user may write its folder.`,
			},
			imports: () => undefined,
			close: () => undefined,
		};
	}
}

// Accounts are checked one after the other: a check is a call or two, and doctor must not add
// a burst on top of a running daemon's quota.
export async function runDoctor(
	options: RunDoctorOptions
): Promise< DoctorReport > {
	const cache = checkCache( options.config.cachePath );
	const networks: DoctorReport[ 'networks' ] = [];
	try {
		for ( const account of options.invalid ?? [] ) {
			if ( options.network && options.network !== account.network ) {
				continue;
			}
			networks.push( {
				network: account.network,
				checks: account.problems.map( ( problem ) => ( {
					check: 'config',
					ok: false,
					message: `${ problem } Fix it in the config file or the Afflux settings in WordPress; this account is not synced until then.`,
				} ) ),
			} );
		}
		for ( const [ network, checker ] of Object.entries( ACCOUNT_CHECKS ) ) {
			if ( options.network && options.network !== network ) {
				continue;
			}
			const running = checker( options.config, options );
			if ( ! running ) {
				continue;
			}
			const checks = await running;
			const imports = COMMISSIONS_BY_IMPORT.includes( network )
				? cache.imports( network )
				: undefined;
			networks.push( {
				network,
				checks: imports ? [ ...checks, imports ] : checks,
			} );
		}
	} finally {
		cache.close();
	}
	if ( networks.length === 0 ) {
		networks.push( {
			network: 'networks',
			checks: [
				{
					check: 'accounts',
					ok: false,
					message:
						'no network is enabled. Add one under "networks" in the config file, or in the Afflux settings in WordPress.',
				},
			],
		} );
	}
	return {
		ok:
			cache.check.ok &&
			networks.every( ( entry ) =>
				entry.checks.every( ( check ) => check.ok )
			),
		cache: cache.check,
		networks,
	};
}

/** The report as a person reads it: one line per check, "FAIL" where something must be done. */
export function formatDoctorReport( report: DoctorReport ): string {
	const line = ( scope: string, check: AccountCheck ): string =>
		`${ check.ok ? 'ok  ' : 'FAIL' } ${ scope }: ${ check.message }`;
	const lines = [ line( 'cache', report.cache ) ];
	for ( const entry of report.networks ) {
		for ( const check of entry.checks ) {
			lines.push( line( `${ entry.network } ${ check.check }`, check ) );
		}
	}
	return lines.join( '\n' ) + '\n';
}
