import {
	doctorClientOptions,
	failedCredentialsCheck,
	hostOf,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import type { AccountCheck } from '../types';
import { createImpactClients, type ImpactAccount } from './index';
import { ImpactCampaignsPageSchema } from './schema';

// One call, the cheapest documented one: a one-row page of the joined campaigns, whose envelope
// still carries the total. It counts against the 1000 calls/h of the account, as the sync does.
export async function checkImpactAccount(
	account: ImpactAccount,
	options: AccountCheckOptions = {}
): Promise< AccountCheck[] > {
	const clientOptions = doctorClientOptions( options );
	const { api } = createImpactClients( account, clientOptions );
	try {
		const page = await api.requestJson(
			{
				method: 'GET',
				endpoint: 'GET /Mediapartners/{sid}/Campaigns',
				url: '/Campaigns',
				params: { PageSize: '1' },
				signal: options.signal,
			},
			ImpactCampaignsPageSchema
		);
		const total = page[ '@total' ] ?? page.Campaigns.length;
		return [
			{
				check: 'credentials',
				ok: true,
				message: `Account SID and auth token accepted for ${ account.accountSid }.`,
			},
			total > 0
				? {
						check: 'programmes',
						ok: true,
						message: `${ total } joined campaigns.`,
				  }
				: {
						check: 'programmes',
						ok: false,
						message:
							'No joined campaign: apply to brands in Impact; until one accepts you there is nothing to sync.',
				  },
		];
	} catch ( error ) {
		return [
			failedCredentialsCheck( error, {
				network: 'Impact',
				host: hostOf( account.apiBase ),
				hostField: 'networks.impact.apiBase',
				unauthorised:
					'The Account SID or the auth token is wrong: copy both from Impact (Settings → API) into networks.impact.accountSid and networks.impact.authToken.',
				forbidden:
					'The auth token has no access to this account: check networks.impact.accountSid, and that the token is not a read-only token without Partner API access.',
				timeoutMs: clientOptions.timeoutMs,
			} ),
		];
	}
}
