import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	doctorClientOptions,
	type AccountCheckOptions,
} from '../../doctor/explainCheckFailure';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import { checkAwinAccount } from './accountCheck';
import { createAwinClients, type AwinAccount } from './index';

/** What `afflux-daemon doctor` says about an Awin account, against the sandbox. */
describe( 'checking an Awin account', () => {
	let sandbox: Sandbox;
	let account: AwinAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			publisherId: '123456',
			apiToken: 'sandbox-token',
			feedKey: 'sandbox-feed-key',
			feedIds: [ '1001' ],
			apiBase: sandbox.url,
			feedBase: sandbox.url,
			trackingBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	function check( overrides: Partial< AwinAccount > ) {
		return checkForDoctor( overrides, { retry: { attempts: 1 } } );
	}

	it( 'confirms a working account in three checks', async () => {
		expect( await check( {} ) ).toEqual( [
			{
				check: 'credentials',
				ok: true,
				message: 'API token accepted for publisher 123456.',
			},
			{
				check: 'programmes',
				ok: true,
				message: '4 joined programmes in FR.',
			},
			{
				check: 'feed key',
				ok: true,
				message: 'Feed key accepted for feeds 1001.',
			},
		] );
	} );

	it( 'says where to find a new token when Awin refuses it', async () => {
		const [ credentials ] = await check( { apiToken: 'expired-token-1' } );

		expect( credentials ).toEqual( {
			check: 'credentials',
			ok: false,
			message:
				'Awin refused the credentials (HTTP 401). Create an API token in Awin under Toolbox → API credentials and put it in networks.awin.apiToken.',
		} );
	} );

	it( 'points at the publisher id when the token belongs to someone else', async () => {
		const [ credentials ] = await check( { publisherId: '999' } );

		expect( credentials?.ok ).toBe( false );
		expect( credentials?.message ).toMatch( /networks\.awin\.publisherId/ );
	} );

	it( 'flags no joined programme in the configured country, and a wrong feed key', async () => {
		const checks = await check( {
			countryCode: 'DE',
			feedKey: 'wrong-feed-key',
		} );

		expect( checks.map( ( c ) => [ c.check, c.ok ] ) ).toEqual( [
			[ 'credentials', true ],
			[ 'programmes', false ],
			[ 'feed key', false ],
		] );
		expect( checks[ 2 ]?.message ).toMatch( /networks\.awin\.feedKey/ );
	} );

	it( 'says to try again later when Awin is down', async () => {
		sandbox.injectFault( { route: 'programmes', status: 503 } );

		const [ credentials ] = await check( {} );

		expect( credentials?.ok ).toBe( false );
		expect( credentials?.message ).toMatch(
			/^Awin answered with a server error \(HTTP 503\)\. The problem is on Awin's side: try again later\.$/
		);
	} );

	function checkForDoctor(
		overrides: Partial< AwinAccount >,
		options: AccountCheckOptions
	) {
		const checked = { ...account, ...overrides };
		const clientOptions = doctorClientOptions( options );
		return checkAwinAccount(
			createAwinClients( checked, clientOptions ),
			checked,
			undefined,
			clientOptions.timeoutMs
		);
	}

	describeAccountCheckFaults( {
		network: 'awin',
		route: 'programmes',
		displayName: 'Awin',
		sandbox: () => sandbox,
		run: ( options ) => checkForDoctor( {}, options ),
		runUnreachable: ( options ) =>
			checkForDoctor( { apiBase: CLOSED_BASE }, options ),
		wrongShape: {
			body: [ { advertiserId: 'ten' } ],
			field: '[0].',
		},
	} );
} );
