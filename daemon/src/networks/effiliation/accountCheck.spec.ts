import { EFFILIATION_SANDBOX_KEY } from '../../sandbox/effiliationRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import type { AccountCheckOptions } from '../../doctor/explainCheckFailure';
import { checkEffiliationAccount } from './accountCheck';
import type { EffiliationAccount } from './index';

/** What `afflux-daemon doctor` says about an Effiliation account, against the sandbox. */
describe( 'checking an Effiliation account', () => {
	let sandbox: Sandbox;
	let account: EffiliationAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			apiKey: EFFILIATION_SANDBOX_KEY,
			apiBase: sandbox.url,
			trackingBase: sandbox.url,
			feedFormat: 'xml',
		};
	} );

	afterAll( () => sandbox.close() );

	function check(
		overrides: Partial< EffiliationAccount > = {},
		options: AccountCheckOptions = { retry: { attempts: 1 } }
	) {
		return checkEffiliationAccount( { ...account, ...overrides }, options );
	}

	it( 'confirms a working account with one call', async () => {
		sandbox.resetCalls();

		expect( await check() ).toEqual( [
			{ check: 'credentials', ok: true, message: 'API key accepted.' },
			{ check: 'programmes', ok: true, message: '3 joined programmes.' },
		] );
		expect( sandbox.calls() ).toEqual( { 'effiliation:programs': 1 } );
	} );

	it( 'names the API key when Effiliation refuses it', async () => {
		const [ credentials ] = await check( { apiKey: 'revoked-key' } );

		expect( credentials ).toEqual( {
			check: 'credentials',
			ok: false,
			message:
				'Effiliation refused the credentials (HTTP 401). The API key is probably wrong or revoked: copy it from your Effiliation publisher account into networks.effiliation.apiKey.',
		} );
	} );

	describeAccountCheckFaults( {
		network: 'effiliation',
		route: 'programs',
		displayName: 'Effiliation',
		sandbox: () => sandbox,
		run: ( options ) => check( {}, options ),
		runUnreachable: ( options ) =>
			check( { apiBase: CLOSED_BASE }, options ),
		wrongShape: {
			body: { programs: [ { id_programme: 12, nom: 'Maison' } ] },
			field: '[0].id_affilieur',
		},
	} );
} );
