import { explainCheckFailure, hostOf } from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import type { AwinAccount, AwinClients } from './index';
import { awinFeedUrl, listJoinedProgrammes } from './index';

// What a failed call means for the person running `doctor`, and what to do about it.
function explain(
	error: unknown,
	account: AwinAccount,
	what: 'apiToken' | 'feedKey',
	timeoutMs: number | undefined
): string {
	const apiToken = what === 'apiToken';
	return explainCheckFailure( error, {
		network: 'Awin',
		host: hostOf( apiToken ? account.apiBase : account.feedBase ),
		hostField: apiToken
			? 'networks.awin.apiBase'
			: 'networks.awin.feedBase',
		unauthorised: apiToken
			? 'Create an API token in Awin under Toolbox → API credentials and put it in networks.awin.apiToken.'
			: 'The product-feed key is wrong: copy it from Toolbox → Create-a-Feed into networks.awin.feedKey.',
		forbidden: apiToken
			? 'The API token has no access to this publisher: check that networks.awin.publisherId is the id shown in your Awin account.'
			: 'The product-feed key has no access to these feeds: check networks.awin.feedIds.',
		timeoutMs,
	} );
}

// Two or three calls: the joined programmes (credentials and programmes), the feed headers.
export async function checkAwinAccount(
	clients: AwinClients,
	account: AwinAccount,
	signal?: AbortSignal,
	/** The clients' timeout, for "did not answer within …". */
	timeoutMs?: number
): Promise< AccountCheck[] > {
	const checks: AccountCheck[] = [];
	try {
		const programmes = await listJoinedProgrammes(
			clients.api,
			account,
			signal
		);
		checks.push( {
			check: 'credentials',
			ok: true,
			message: `API token accepted for publisher ${ account.publisherId }.`,
		} );
		checks.push(
			programmes.length > 0
				? {
						check: 'programmes',
						ok: true,
						message: `${ programmes.length } joined programmes in ${
							account.countryCode ?? 'FR'
						}.`,
				  }
				: {
						check: 'programmes',
						ok: false,
						message: `No joined programme in ${
							account.countryCode ?? 'FR'
						}. Join programmes in Awin, or set networks.awin.countryCode to the country you joined them in.`,
				  }
		);
	} catch ( error ) {
		checks.push( {
			check: 'credentials',
			ok: false,
			message: explain( error, account, 'apiToken', timeoutMs ),
		} );
	}
	if ( ! account.feedKey || account.feedIds.length === 0 ) {
		checks.push( {
			check: 'feed key',
			ok: true,
			message:
				'No product feed configured (networks.awin.feedKey and feedIds): the catalogue is not synced.',
		} );
		return checks;
	}
	try {
		const body = await clients.feed.openStream( {
			method: 'GET',
			endpoint: 'GET /datafeed/download/{feedKey}',
			url: awinFeedUrl( account ),
			signal,
		} );
		// The status line is the answer; the feed itself can be huge.
		body.destroy();
		checks.push( {
			check: 'feed key',
			ok: true,
			message: `Feed key accepted for feeds ${ account.feedIds.join(
				', '
			) }.`,
		} );
	} catch ( error ) {
		checks.push( {
			check: 'feed key',
			ok: false,
			message: explain( error, account, 'feedKey', timeoutMs ),
		} );
	}
	return checks;
}
