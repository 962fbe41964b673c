import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildProgram } from '../cli';
import {
	AMAZON_SANDBOX_ASINS,
	AMAZON_SANDBOX_CLIENT_ID,
	AMAZON_SANDBOX_CLIENT_SECRET,
} from '../sandbox/amazonRoutes';
import {
	CJ_SANDBOX_COMPANY_ID,
	CJ_SANDBOX_TOKEN,
	CJ_SANDBOX_WEBSITE_ID,
} from '../sandbox/cjRoutes';
import { EFFILIATION_SANDBOX_KEY } from '../sandbox/effiliationRoutes';
import {
	IMPACT_SANDBOX_SID,
	IMPACT_SANDBOX_TOKEN,
} from '../sandbox/impactRoutes';
import {
	RAKUTEN_SANDBOX_CLIENT_ID,
	RAKUTEN_SANDBOX_CLIENT_SECRET,
	RAKUTEN_SANDBOX_SITE_ID,
} from '../sandbox/rakutenRoutes';
import { startSandbox, type Sandbox } from '../sandbox/sandboxServer';
import {
	TIKTOK_SANDBOX_ACCESS_TOKEN,
	TIKTOK_SANDBOX_APP_KEY,
	TIKTOK_SANDBOX_APP_SECRET,
} from '../sandbox/tiktokRoutes';
import type { DoctorReport } from './runDoctor';

/** `afflux-daemon doctor` over every network at once, against the sandbox. */
describe( 'afflux-daemon doctor', () => {
	let sandbox: Sandbox;
	let dir: string;

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		dir = mkdtempSync( join( tmpdir(), 'afflux-doctor-' ) );
	} );

	afterAll( async () => {
		await sandbox.close();
		rmSync( dir, { recursive: true, force: true } );
	} );

	function networks(): Record< string, Record< string, unknown > > {
		const url = sandbox.url;
		return {
			awin: {
				publisherId: '123456',
				apiToken: 'sandbox-token',
				apiBase: url,
				feedBase: url,
				trackingBase: url,
			},
			effiliation: {
				apiKey: EFFILIATION_SANDBOX_KEY,
				apiBase: url,
				trackingBase: url,
			},
			googleFeed: {
				feeds: [
					{
						programmeId: 'maison',
						merchantName: 'Maison',
						url: `${ url }/flux/effiliation/5101.xml`,
						format: 'xml',
					},
				],
			},
			onetpe: {
				affiliateLogin: 'monblog',
				products: [ { vendorLogin: 'formateur', productNo: '12' } ],
			},
			impact: {
				accountSid: IMPACT_SANDBOX_SID,
				authToken: IMPACT_SANDBOX_TOKEN,
				apiBase: url,
			},
			cj: {
				companyId: CJ_SANDBOX_COMPANY_ID,
				websiteId: CJ_SANDBOX_WEBSITE_ID,
				accessToken: CJ_SANDBOX_TOKEN,
				commissionsBase: `${ url }/cj-commissions`,
				productsBase: `${ url }/cj-ads`,
				trackingBase: url,
			},
			rakuten: {
				clientId: RAKUTEN_SANDBOX_CLIENT_ID,
				clientSecret: RAKUTEN_SANDBOX_CLIENT_SECRET,
				siteId: RAKUTEN_SANDBOX_SITE_ID,
				publisherId: 'AbCdEf123',
				apiBase: url,
				trackingBase: url,
			},
			tiktok: {
				appKey: TIKTOK_SANDBOX_APP_KEY,
				appSecret: TIKTOK_SANDBOX_APP_SECRET,
				accessToken: TIKTOK_SANDBOX_ACCESS_TOKEN,
				creatorId: 'creator-1',
				apiBase: url,
			},
			amazon: {
				clientId: AMAZON_SANDBOX_CLIENT_ID,
				clientSecret: AMAZON_SANDBOX_CLIENT_SECRET,
				partnerTag: 'monblog-21',
				asins: AMAZON_SANDBOX_ASINS.slice( 0, 2 ),
				apiBase: url,
				tokenUrl: `${ url }/amazon/auth/o2/token`,
			},
		};
	}

	async function doctor(
		name: string,
		accounts: Record< string, unknown >,
		flags: string[] = []
	): Promise< { code: number; out: string } > {
		const config = join( dir, `${ name }.json` );
		writeFileSync(
			config,
			JSON.stringify( {
				cachePath: `${ name }.sqlite`,
				networks: accounts,
			} )
		);
		let code = -1;
		let out = '';
		const write = jest
			.spyOn( process.stdout, 'write' )
			.mockImplementation( ( chunk: string | Uint8Array ) => {
				out += String( chunk );
				return true;
			} );
		try {
			await buildProgram( ( exit ) => {
				code = exit;
			} ).parseAsync( [
				'node',
				'afflux-daemon',
				'--config',
				config,
				...flags,
				'doctor',
			] );
		} finally {
			write.mockRestore();
		}
		return { code, out };
	}

	it( 'checks every network and exits 0 when all are healthy', async () => {
		const { code, out } = await doctor( 'healthy', networks() );

		expect( out ).not.toContain( 'FAIL' );
		expect(
			out
				.trim()
				.split( '\n' )
				.map( ( line ) => line.split( ':' )[ 0 ] )
		).toEqual( [
			'ok   cache',
			'ok   awin credentials',
			'ok   awin programmes',
			'ok   awin feed key',
			'ok   effiliation credentials',
			'ok   effiliation programmes',
			'ok   googleFeed feed maison',
			'ok   onetpe links',
			'ok   onetpe commission imports',
			'ok   impact credentials',
			'ok   impact programmes',
			'ok   cj credentials',
			'ok   cj advertisers',
			'ok   rakuten credentials',
			'ok   tiktok credentials',
			'ok   amazon credentials',
			'ok   amazon ASINs',
			'ok   amazon commission imports',
		] );
		expect( code ).toBe( 0 );
	} );

	it( 'names a missing credential and a refused one, checks the rest, and exits 1', async () => {
		const accounts = networks();
		delete accounts.effiliation?.apiKey;
		accounts.cj = { ...accounts.cj, accessToken: 'expired' };

		const { code, out } = await doctor( 'broken', accounts );

		expect( out ).toContain(
			'FAIL effiliation config: networks.effiliation.apiKey is missing. Fix it in the config file or the Afflux settings in WordPress; this account is not synced until then.'
		);
		expect( out ).toContain(
			'FAIL cj credentials: CJ refused the credentials (HTTP 401). The personal access token is wrong or revoked'
		);
		expect( out ).toMatch( /^ok {3}impact credentials/m );
		expect( code ).toBe( 1 );
	} );

	it( 'answers JSON with --json', async () => {
		const { code, out } = await doctor(
			'json',
			{ tiktok: { ...networks().tiktok, accessToken: 'x' } },
			[ '--json' ]
		);

		const report = JSON.parse( out ) as DoctorReport;
		expect( report.ok ).toBe( false );
		expect( report.networks ).toEqual( [
			{
				network: 'tiktok',
				checks: [
					{
						check: 'credentials',
						ok: false,
						message: expect.stringMatching(
							/^TikTok Shop refused the call \(error 105002\)/
						),
					},
				],
			},
		] );
		expect( code ).toBe( 1 );
	} );
} );
