import { NetworkError, TransientError } from '../../http/errors';
import type { AccountCheck } from '../types';
import type { AwinAccount, AwinClients } from './index';
import { awinFeedUrl, listJoinedProgrammes } from './index';

// What a failed call means for the person running `doctor`, and what to do about it.
function explain( error: unknown, what: 'apiToken' | 'feedKey' ): string {
	if ( error instanceof TransientError ) {
		return `Awin did not answer properly (${ error.message }). Try again in a few minutes; if it persists, check the machine's network access to Awin.`;
	}
	if ( error instanceof NetworkError && error.status === 401 ) {
		return what === 'apiToken'
			? 'Awin refused the API token (HTTP 401). Create one in Awin under Toolbox → API credentials and put it in networks.awin.apiToken.'
			: 'Awin refused the product-feed key (HTTP 401). Copy it from Toolbox → Create-a-Feed into networks.awin.feedKey.';
	}
	if ( error instanceof NetworkError && error.status === 403 ) {
		return 'The API token has no access to this publisher (HTTP 403). Check that networks.awin.publisherId is the id shown in your Awin account.';
	}
	if ( error instanceof NetworkError ) {
		return `Awin rejected the request: ${ error.message }.`;
	}
	return `Unexpected failure: ${ ( error as Error ).message }`;
}

// Two or three calls: the joined programmes (credentials and programmes), the feed headers.
export async function checkAwinAccount(
	clients: AwinClients,
	account: AwinAccount,
	signal?: AbortSignal
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
			message: explain( error, 'apiToken' ),
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
			message: explain( error, 'feedKey' ),
		} );
	}
	return checks;
}
