import { NetworkError } from '../../http/errors';
import {
	doctorClientOptions,
	failedCredentialsCheck,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import {
	createRakutenApi,
	fetchRakutenTransactions,
	type RakutenAccount,
} from './index';

const DAY_MS = 86_400_000;
const TOKEN_ENDPOINT = 'POST /token';

// Two calls: the token (client id, secret and site id, its scope), then the last day of
// transactions, so a token without Events API access is caught too.
export async function checkRakutenAccount(
	account: RakutenAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const clientOptions = doctorClientOptions( options );
	const api = createRakutenApi( account, clientOptions );
	const now = options.now?.() ?? Date.now();
	try {
		const client = await api( options.signal );
		await fetchRakutenTransactions(
			client,
			account,
			{ start: new Date( now - DAY_MS ), end: new Date( now ) },
			options.signal
		);
		return [
			{
				check: 'credentials',
				ok: true,
				message: `Client credentials accepted for site ${ account.siteId }, and the Events API answers.`,
			},
		];
	} catch ( error ) {
		const atToken =
			error instanceof NetworkError && error.endpoint === TOKEN_ENDPOINT;
		return [
			failedCredentialsCheck( error, {
				network: 'Rakuten',
				host: hostOf( account.apiBase ),
				hostField: 'networks.rakuten.apiBase',
				unauthorised: atToken
					? 'No token was issued: check networks.rakuten.clientId and clientSecret (your API credentials) and networks.rakuten.siteId (the SID the token is for).'
					: 'A token was issued but the Events API refused it: the account may lack Events API access; ask Rakuten to enable it for this site id.',
				timeoutMs: clientOptions.timeoutMs,
			} ),
		];
	}
}
