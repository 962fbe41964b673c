import {
	doctorClientOptions,
	failedCredentialsCheck,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import {
	createEffiliationClient,
	listEffiliationProgrammes,
	type EffiliationAccount,
} from './index';

// One call, the cheapest documented one: the joined programmes (key, and something to sync).
export async function checkEffiliationAccount(
	account: EffiliationAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const clientOptions = doctorClientOptions( options );
	const api = createEffiliationClient( account, clientOptions );
	try {
		const programmes = await listEffiliationProgrammes(
			api,
			account,
			options.signal
		);
		return [
			{ check: 'credentials', ok: true, message: 'API key accepted.' },
			programmes.length > 0
				? {
						check: 'programmes',
						ok: true,
						message: `${ programmes.length } joined programmes.`,
				  }
				: {
						check: 'programmes',
						ok: false,
						message:
							'No joined programme: apply to programmes in your Effiliation account; until one accepts you there is nothing to sync.',
				  },
		];
	} catch ( error ) {
		return [
			failedCredentialsCheck( error, {
				network: 'Effiliation',
				host: hostOf( account.apiBase ),
				hostField: 'networks.effiliation.apiBase',
				unauthorised:
					'The API key is probably wrong or revoked: copy it from your Effiliation publisher account into networks.effiliation.apiKey.',
				timeoutMs: clientOptions.timeoutMs,
			} ),
		];
	}
}
