import type { AccountCheckOptions } from '../../doctor/explainCheckFailure';
import {
	IMPACT_SANDBOX_SID,
	IMPACT_SANDBOX_TOKEN,
} from '../../sandbox/impactRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import { checkImpactAccount } from './accountCheck';
import type { ImpactAccount } from './index';

/** What `afflux-daemon doctor` says about an Impact account, against the sandbox. */
describe( 'checking an Impact account', () => {
	let sandbox: Sandbox;
	let account: ImpactAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			accountSid: IMPACT_SANDBOX_SID,
			authToken: IMPACT_SANDBOX_TOKEN,
			apiBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	function check(
		overrides: Partial< ImpactAccount > = {},
		options: AccountCheckOptions = { retry: { attempts: 1 } }
	) {
		return checkImpactAccount( { ...account, ...overrides }, options );
	}

	it( 'confirms a working account with one call', async () => {
		sandbox.resetCalls();

		expect( await check() ).toEqual( [
			{
				check: 'credentials',
				ok: true,
				message: `Account SID and auth token accepted for ${ IMPACT_SANDBOX_SID }.`,
			},
			{ check: 'programmes', ok: true, message: '3 joined campaigns.' },
		] );
		expect( sandbox.calls() ).toEqual( { 'impact:Campaigns': 1 } );
	} );

	it( 'names both credentials when Impact refuses the token', async () => {
		const [ credentials ] = await check( { authToken: 'old-token' } );

		expect( credentials?.ok ).toBe( false );
		expect( credentials?.message ).toBe(
			'Impact refused the credentials (HTTP 401). The Account SID or the auth token is wrong: copy both from Impact (Settings → API) into networks.impact.accountSid and networks.impact.authToken.'
		);
	} );

	it( 'points at the account when the token is not allowed in (403)', async () => {
		sandbox.injectFault( {
			network: 'impact',
			route: 'Campaigns',
			status: 403,
		} );

		const [ credentials ] = await check();

		expect( credentials?.message ).toMatch(
			/^Impact refused access \(HTTP 403\)\. .*networks\.impact\.accountSid/
		);
	} );

	describeAccountCheckFaults( {
		network: 'impact',
		route: 'Campaigns',
		displayName: 'Impact',
		sandbox: () => sandbox,
		run: ( options ) => check( {}, options ),
		runUnreachable: ( options ) =>
			check( { apiBase: CLOSED_BASE }, options ),
		wrongShape: {
			body: { '@page': '1', Campaign: [] },
			field: 'Campaigns: Required',
		},
	} );
} );
