import type { AccountCheckOptions } from '../../doctor/explainCheckFailure';
import {
	AMAZON_SANDBOX_ASINS,
	AMAZON_SANDBOX_CLIENT_ID,
	AMAZON_SANDBOX_CLIENT_SECRET,
} from '../../sandbox/amazonRoutes';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import { checkAmazonAccount } from './accountCheck';
import type { AmazonAccount } from './index';

/** What `afflux-daemon doctor` says about an Amazon Creators API account, against the sandbox. */
describe( 'checking an Amazon account', () => {
	let sandbox: Sandbox;
	let account: AmazonAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			clientId: AMAZON_SANDBOX_CLIENT_ID,
			clientSecret: AMAZON_SANDBOX_CLIENT_SECRET,
			partnerTag: 'monblog-21',
			marketplace: 'www.amazon.fr',
			currency: 'EUR',
			asins: AMAZON_SANDBOX_ASINS.slice( 0, 3 ),
			apiBase: sandbox.url,
			tokenUrl: `${ sandbox.url }/amazon/auth/o2/token`,
		};
	} );

	afterAll( () => sandbox.close() );

	function check(
		overrides: Partial< AmazonAccount > = {},
		options: AccountCheckOptions = { retry: { attempts: 1 } }
	) {
		return checkAmazonAccount( { ...account, ...overrides }, options );
	}

	it( 'confirms a working account with a token and one getItems call for one ASIN', async () => {
		sandbox.resetCalls();

		expect( await check() ).toEqual( [
			{
				check: 'credentials',
				ok: true,
				message:
					'Client id and secret accepted; getItems answers for www.amazon.fr.',
			},
			{
				check: 'ASINs',
				ok: true,
				message: '3 ASINs configured; B0SANDBOX1 was read.',
			},
		] );
		expect( sandbox.calls() ).toEqual( {
			'amazon:token': 1,
			'amazon:getItems': 1,
		} );
	} );

	it( 'names the client credentials when no token is issued', async () => {
		const [ credentials ] = await check( { clientSecret: 'old' } );

		expect( credentials?.message ).toBe(
			'Amazon refused the credentials (HTTP 401). No token was issued: check networks.amazon.clientId and clientSecret (the Creators API credentials of Associates Central).'
		);
	} );

	it( 'says why an ASIN cannot be read', async () => {
		const checks = await check( { asins: [ 'B000000000' ] } );

		expect( checks[ 1 ] ).toEqual( {
			check: 'ASINs',
			ok: false,
			message:
				'Amazon did not return ASIN B000000000 (ItemNotAccessible: The ItemId B000000000 is not accessible through the Creators API.). Check the ASIN exists on www.amazon.fr, or remove it from networks.amazon.asins.',
		} );
	} );

	it( 'checks only the token when no ASIN is configured', async () => {
		sandbox.resetCalls();

		const checks = await check( { asins: [] } );

		expect( checks.map( ( c ) => c.ok ) ).toEqual( [ true, true ] );
		expect( sandbox.calls() ).toEqual( { 'amazon:token': 1 } );
	} );

	describeAccountCheckFaults( {
		network: 'amazon',
		route: 'getItems',
		displayName: 'Amazon',
		sandbox: () => sandbox,
		run: ( options ) => check( {}, options ),
		runUnreachable: ( options ) =>
			check( { tokenUrl: `${ CLOSED_BASE }/token` }, options ),
		wrongShape: {
			body: { itemsResult: { items: [ { asin: 'B0SANDBOX1' } ] } },
			field: 'itemsResult.items[0].detailPageURL: Required',
		},
	} );
} );
