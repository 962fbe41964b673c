import type { AccountCheckOptions } from '../../doctor/explainCheckFailure';
import {
	CJ_SANDBOX_COMPANY_ID,
	CJ_SANDBOX_TOKEN,
	CJ_SANDBOX_WEBSITE_ID,
} from '../../sandbox/cjRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import { checkCjAccount } from './accountCheck';
import type { CjAccount } from './index';

/** What `afflux-daemon doctor` says about a CJ account, against the sandbox. */
describe( 'checking a CJ account', () => {
	let sandbox: Sandbox;
	let account: CjAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			companyId: CJ_SANDBOX_COMPANY_ID,
			websiteId: CJ_SANDBOX_WEBSITE_ID,
			accessToken: CJ_SANDBOX_TOKEN,
			currency: 'EUR',
			advertisers: [ { advertiserId: '5101', adId: '95101' } ],
			commissionsBase: `${ sandbox.url }/cj-commissions`,
			productsBase: `${ sandbox.url }/cj-ads`,
			trackingBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	function check(
		overrides: Partial< CjAccount > = {},
		options: AccountCheckOptions = { retry: { attempts: 1 } }
	) {
		return checkCjAccount( { ...account, ...overrides }, options );
	}

	it( 'confirms a working account with one call', async () => {
		sandbox.resetCalls();

		expect( await check() ).toEqual( [
			{
				check: 'credentials',
				ok: true,
				message: `Personal access token accepted for company ${ CJ_SANDBOX_COMPANY_ID }.`,
			},
			{
				check: 'advertisers',
				ok: true,
				message: '1 advertiser configured for links and products.',
			},
		] );
		expect( sandbox.calls() ).toEqual( { 'cj:commissions': 1 } );
	} );

	it( 'names the token when CJ refuses it', async () => {
		const [ credentials ] = await check( { accessToken: 'old' } );

		expect( credentials?.message ).toBe(
			'CJ refused the credentials (HTTP 401). The personal access token is wrong or revoked: create one on developers.cj.com and put it in networks.cj.accessToken.'
		);
	} );

	it( 'names the company id when the token belongs to another account', async () => {
		const [ credentials ] = await check( { companyId: '1111111' } );

		expect( credentials ).toEqual( {
			check: 'credentials',
			ok: false,
			message:
				'CJ refused the commissions query: Not authorized for this publisher. Check networks.cj.companyId is your company id (CID) and that the token was created in that account.',
		} );
	} );

	it( 'says what an account without advertisers syncs', async () => {
		const checks = await check( { advertisers: [] } );

		expect( checks[ 1 ]?.message ).toMatch(
			/^No advertiser in networks\.cj\.advertisers/
		);
	} );

	describeAccountCheckFaults( {
		network: 'cj',
		route: 'commissions',
		displayName: 'CJ',
		sandbox: () => sandbox,
		run: ( options ) => check( {}, options ),
		runUnreachable: ( options ) =>
			check( { commissionsBase: CLOSED_BASE }, options ),
		wrongShape: {
			body: {
				data: {
					publisherCommissions: {
						payloadComplete: 'yes',
						records: [],
					},
				},
			},
			field: 'data.publisherCommissions.payloadComplete',
		},
	} );
} );
