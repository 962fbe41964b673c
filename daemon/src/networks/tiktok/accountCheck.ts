import { NetworkError } from '../../http/errors';
import {
	doctorClientOptions,
	explainCheckFailure,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import {
	createTikTokCall,
	fetchTikTokOrders,
	type TikTokAccount,
} from './index';

const DAY_MS = 86_400_000;

// TikTok Shop refuses with an error code in a 200 answer, not with a status: what each means.
const API_ERRORS: Record< string, string > = {
	'106001':
		'the signature was refused: networks.tiktok.appKey or appSecret is wrong (both from the TikTok Shop Partner Center app page).',
	'106002':
		"the request's timestamp was refused: this machine's clock is more than 5 minutes off; synchronise it (NTP).",
	'105002':
		'the access token was refused: it expired or was revoked; authorise the app again and put the new token in networks.tiktok.accessToken.',
};

// One signed call, the cheapest documented one: the creator's orders of the last day (app key,
// secret, token and the creator's affiliate access together).
export async function checkTikTokAccount(
	account: TikTokAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const clientOptions = doctorClientOptions( options );
	const now = options.now ?? Date.now;
	const call = createTikTokCall( account, {
		...clientOptions,
		now: () => Math.floor( now() / 1000 ),
	} );
	try {
		await fetchTikTokOrders(
			call,
			account,
			{ start: new Date( now() - DAY_MS ), end: new Date( now() ) },
			options.signal
		);
		return [
			{
				check: 'credentials',
				ok: true,
				message: `App key, secret and access token accepted for creator ${ account.creatorId }.`,
			},
		];
	} catch ( error ) {
		const apiError =
			error instanceof NetworkError && error.status === undefined
				? /API error (\d+): (.*)$/.exec( error.message )
				: null;
		const known = apiError ? API_ERRORS[ apiError[ 1 ] ?? '' ] : undefined;
		let message: string;
		if ( apiError && known ) {
			message = `TikTok Shop refused the call (error ${ apiError[ 1 ] }): ${ known }`;
		} else if ( apiError ) {
			message = `TikTok Shop refused the call (error ${ apiError[ 1 ] }: ${ apiError[ 2 ] }). Check that the app is approved for the affiliate creator APIs.`;
		} else {
			message = explainCheckFailure( error, {
				network: 'TikTok Shop',
				host: hostOf( account.apiBase ),
				hostField: 'networks.tiktok.apiBase',
				unauthorised:
					'Check networks.tiktok.appKey, appSecret and accessToken.',
				timeoutMs: clientOptions.timeoutMs,
			} );
		}
		return [ { check: 'credentials', ok: false, message } ];
	}
}
