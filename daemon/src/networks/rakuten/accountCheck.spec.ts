import type { AccountCheckOptions } from '../../doctor/explainCheckFailure';
import {
	RAKUTEN_SANDBOX_CLIENT_ID,
	RAKUTEN_SANDBOX_CLIENT_SECRET,
	RAKUTEN_SANDBOX_SITE_ID,
} from '../../sandbox/rakutenRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import { checkRakutenAccount } from './accountCheck';
import type { RakutenAccount } from './index';

/** What `afflux-daemon doctor` says about a Rakuten account, against the sandbox. */
describe( 'checking a Rakuten account', () => {
	let sandbox: Sandbox;
	let account: RakutenAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			clientId: RAKUTEN_SANDBOX_CLIENT_ID,
			clientSecret: RAKUTEN_SANDBOX_CLIENT_SECRET,
			siteId: RAKUTEN_SANDBOX_SITE_ID,
			publisherId: 'AbCdEf123',
			advertisers: [],
			apiBase: sandbox.url,
			trackingBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	function check(
		overrides: Partial< RakutenAccount > = {},
		options: AccountCheckOptions = { retry: { attempts: 1 } }
	) {
		return checkRakutenAccount( { ...account, ...overrides }, options );
	}

	it( 'confirms a working account with a token and one transactions call', async () => {
		sandbox.resetCalls();

		expect( await check() ).toEqual( [
			{
				check: 'credentials',
				ok: true,
				message: `Client credentials accepted for site ${ RAKUTEN_SANDBOX_SITE_ID }, and the Events API answers.`,
			},
		] );
		expect( sandbox.calls() ).toEqual( {
			'rakuten:token': 1,
			'rakuten:transactions': 1,
		} );
	} );

	it( 'names the client credentials and site id when no token is issued', async () => {
		const [ credentials ] = await check( { siteId: '1' } );

		expect( credentials?.message ).toBe(
			'Rakuten refused the credentials (HTTP 401). No token was issued: check networks.rakuten.clientId and clientSecret (your API credentials) and networks.rakuten.siteId (the SID the token is for).'
		);
	} );

	it( 'says the Events API is not enabled when only it refuses', async () => {
		sandbox.injectFault( {
			network: 'rakuten',
			route: 'transactions',
			status: 403,
		} );

		const [ credentials ] = await check();

		expect( credentials?.message ).toMatch(
			/^Rakuten refused access \(HTTP 403\)\. A token was issued but the Events API refused it/
		);
	} );

	describeAccountCheckFaults( {
		network: 'rakuten',
		route: 'token',
		displayName: 'Rakuten',
		sandbox: () => sandbox,
		run: ( options ) => check( {}, options ),
		runUnreachable: ( options ) =>
			check( { apiBase: CLOSED_BASE }, options ),
		wrongShape: {
			body: { token_type: 'bearer', expires_in: 3600 },
			field: 'access_token',
		},
	} );
} );
