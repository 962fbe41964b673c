import type { AccountCheckOptions } from '../../doctor/explainCheckFailure';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import {
	TIKTOK_SANDBOX_ACCESS_TOKEN,
	TIKTOK_SANDBOX_APP_KEY,
	TIKTOK_SANDBOX_APP_SECRET,
} from '../../sandbox/tiktokRoutes';
import {
	CLOSED_BASE,
	describeAccountCheckFaults,
} from '../../testing/accountCheckFaults';
import { checkTikTokAccount } from './accountCheck';
import type { TikTokAccount } from './index';

/** What `afflux-daemon doctor` says about a TikTok Shop account, against the sandbox. */
describe( 'checking a TikTok Shop account', () => {
	let sandbox: Sandbox;
	let account: TikTokAccount;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		account = {
			appKey: TIKTOK_SANDBOX_APP_KEY,
			appSecret: TIKTOK_SANDBOX_APP_SECRET,
			accessToken: TIKTOK_SANDBOX_ACCESS_TOKEN,
			creatorId: 'creator-1',
			keywords: [],
			maxPages: 1,
			apiBase: sandbox.url,
		};
	} );

	afterAll( () => sandbox.close() );

	function check(
		overrides: Partial< TikTokAccount > = {},
		options: AccountCheckOptions = { retry: { attempts: 1 } }
	) {
		return checkTikTokAccount( { ...account, ...overrides }, options );
	}

	it( 'confirms a working account with one signed call', async () => {
		sandbox.resetCalls();

		expect( await check() ).toEqual( [
			{
				check: 'credentials',
				ok: true,
				message:
					'App key, secret and access token accepted for creator creator-1.',
			},
		] );
		expect( sandbox.calls() ).toEqual( { 'tiktok:orders': 1 } );
	} );

	it.each( [
		[
			'a wrong app secret',
			{ appSecret: 'x' },
			/error 106001\): the signature was refused: networks\.tiktok\.appKey or appSecret/,
		],
		[
			'an expired access token',
			{ accessToken: 'x' },
			/error 105002\): the access token was refused: .*networks\.tiktok\.accessToken/,
		],
	] )(
		'names the credential behind %s',
		async ( _case, overrides, expected ) => {
			const [ credentials ] = await check( overrides );

			expect( credentials?.ok ).toBe( false );
			expect( credentials?.message ).toMatch( expected );
		}
	);

	it( 'says the clock is off when the timestamp is refused', async () => {
		const [ credentials ] = await check(
			{},
			{ retry: { attempts: 1 }, now: () => Date.now() - 3_600_000 }
		);

		expect( credentials?.message ).toMatch(
			/error 106002\): .*clock is more than 5 minutes off/
		);
	} );

	describeAccountCheckFaults( {
		network: 'tiktok',
		route: 'orders',
		displayName: 'TikTok Shop',
		sandbox: () => sandbox,
		run: ( options ) => check( {}, options ),
		runUnreachable: ( options ) =>
			check( { apiBase: CLOSED_BASE }, options ),
		wrongShape: {
			body: { code: 0, data: { orders: [ { id: 1 } ] } },
			field: 'data.orders[0]',
		},
	} );
} );
