import { NetworkError } from '../../http/errors';
import {
	doctorClientOptions,
	failedCredentialsCheck,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck, RejectedRow } from '../types';
import {
	createAmazonApi,
	streamAmazonCatalogue,
	type AmazonAccount,
} from './index';

const TOKEN_ENDPOINT = 'POST {token url}';

// Two calls at most: the OAuth token (client id and secret), then getItems for the first ASIN
// only (partner tag, marketplace and the Creators API access Amazon grants on recent sales).
export async function checkAmazonAccount(
	account: AmazonAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const clientOptions = doctorClientOptions( options );
	const api = createAmazonApi( account, clientOptions );
	const first = account.asins[ 0 ];
	const rejected: RejectedRow[] = [];
	try {
		if ( first === undefined ) {
			await api( options.signal );
		} else {
			for await ( const item of streamAmazonCatalogue(
				api,
				{ ...account, asins: [ first ] },
				{
					signal: options.signal,
					onRejectedRow: ( row ) => rejected.push( row ),
				}
			) ) {
				void item;
			}
		}
	} catch ( error ) {
		const atToken =
			error instanceof NetworkError && error.endpoint === TOKEN_ENDPOINT;
		return [
			failedCredentialsCheck( error, {
				network: 'Amazon',
				host: hostOf( atToken ? account.tokenUrl : account.apiBase ),
				hostField: atToken
					? 'networks.amazon.tokenUrl'
					: 'networks.amazon.apiBase',
				unauthorised: atToken
					? 'No token was issued: check networks.amazon.clientId and clientSecret (the Creators API credentials of Associates Central).'
					: 'A token was issued but the Creators API refused it: access needs recent qualifying sales; check networks.amazon.partnerTag and networks.amazon.marketplace.',
				timeoutMs: clientOptions.timeoutMs,
			} ),
		];
	}
	const checks: AccountCheck[] = [
		{
			check: 'credentials',
			ok: true,
			message:
				first === undefined
					? 'Client id and secret accepted.'
					: `Client id and secret accepted; getItems answers for ${ account.marketplace }.`,
		},
	];
	if ( first === undefined ) {
		checks.push( {
			check: 'ASINs',
			ok: true,
			message:
				'No ASIN in networks.amazon.asins: no product is synced (links by ASIN still work).',
		} );
	} else if ( rejected.length > 0 ) {
		checks.push( {
			check: 'ASINs',
			ok: false,
			message: `${
				rejected[ 0 ]?.reason ?? `Amazon did not return ASIN ${ first }`
			}. Check the ASIN exists on ${
				account.marketplace
			}, or remove it from networks.amazon.asins.`,
		} );
	} else {
		checks.push( {
			check: 'ASINs',
			ok: true,
			message: `${ account.asins.length } ASINs configured; ${ first } was read.`,
		} );
	}
	return checks;
}
