import { NetworkError } from '../../http/errors';
import {
	doctorClientOptions,
	explainCheckFailure,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import { createCjClients, fetchCjCommissions, type CjAccount } from './index';

const DAY_MS = 86_400_000;

// One call, the cheapest documented one: the commissions of the last day (token and CID). The
// advertisers are configuration, checked locally.
export async function checkCjAccount(
	account: CjAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const clientOptions = doctorClientOptions( options );
	const { commissions } = createCjClients( account, clientOptions );
	const now = options.now?.() ?? Date.now();
	const checks: AccountCheck[] = [];
	try {
		await fetchCjCommissions(
			commissions,
			account,
			{ start: new Date( now - DAY_MS ), end: new Date( now ) },
			options.signal
		);
		checks.push( {
			check: 'credentials',
			ok: true,
			message: `Personal access token accepted for company ${ account.companyId }.`,
		} );
	} catch ( error ) {
		// CJ answers a CID the token does not belong to with a GraphQL error, not a status.
		const graphQl =
			error instanceof NetworkError &&
			error.status === undefined &&
			/GraphQL error: (.*)$/.exec( error.message )?.[ 1 ];
		checks.push( {
			check: 'credentials',
			ok: false,
			message: graphQl
				? `CJ refused the commissions query: ${ graphQl }. Check networks.cj.companyId is your company id (CID) and that the token was created in that account.`
				: explainCheckFailure( error, {
						network: 'CJ',
						host: hostOf( account.commissionsBase ),
						hostField: 'networks.cj.commissionsBase',
						unauthorised:
							'The personal access token is wrong or revoked: create one on developers.cj.com and put it in networks.cj.accessToken.',
						timeoutMs: clientOptions.timeoutMs,
				  } ),
		} );
	}
	checks.push(
		account.advertisers.length > 0
			? {
					check: 'advertisers',
					ok: true,
					message: `${ account.advertisers.length } advertiser${
						account.advertisers.length === 1 ? '' : 's'
					} configured for links and products.`,
			  }
			: {
					check: 'advertisers',
					ok: true,
					message:
						'No advertiser in networks.cj.advertisers: commissions are synced, but no links or products.',
			  }
	);
	return checks;
}
