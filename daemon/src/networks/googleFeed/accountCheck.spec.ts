import { SANDBOX_ADVERTISERS } from '../../sandbox/networkSandboxRows';
import { startSandbox, type Sandbox } from '../../sandbox/sandboxServer';
import { CLOSED_BASE } from '../../testing/accountCheckFaults';
import { checkGoogleFeedAccount } from './accountCheck';
import type { GoogleFeedSpec } from './index';

/** What `afflux-daemon doctor` says about generic Google-Merchant feeds, against the sandbox. */
describe( 'checking Google Merchant feeds', () => {
	let sandbox: Sandbox;
	let feed: GoogleFeedSpec;
	const slept: number[] = [];
	const options = {
		timeoutMs: 300,
		retry: {
			sleep: async ( ms: number ) => {
				slept.push( ms );
			},
		},
	};

	beforeAll( async () => {
		sandbox = await startSandbox( { port: 0 } );
		feed = {
			programmeId: 'maison',
			merchantName: 'Maison',
			url: `${ sandbox.url }/flux/effiliation/${
				SANDBOX_ADVERTISERS[ 0 ]?.id ?? ''
			}.xml`,
			format: 'xml',
		};
	} );

	afterAll( () => sandbox.close() );

	afterEach( () => {
		sandbox.clearFaults();
		slept.length = 0;
	} );

	async function check( overrides: Partial< GoogleFeedSpec > = {} ) {
		const [ result ] = await checkGoogleFeedAccount(
			{ feeds: [ { ...feed, ...overrides } ] },
			options
		);
		return result;
	}

	it( 'confirms a feed that answers with the required fields', async () => {
		expect( await check() ).toEqual( {
			check: 'feed maison',
			ok: true,
			message: "Maison's feed answers; id, title, link, price are there.",
		} );
	} );

	it( 'names the missing columns of a CSV feed of another format', async () => {
		const awinFeed = `${ sandbox.url }/datafeed/download/apikey/sandbox-feed-key/language/any/fid/1001/columns/aw_deep_link,product_name,search_price/format/csv/delimiter/%2C/`;

		expect( await check( { url: awinFeed, format: 'csv' } ) ).toEqual( {
			check: 'feed maison',
			ok: false,
			message:
				"Maison's feed is not a Google Merchant CSV feed: feed header lacks the column(s) id, title, link, price. Check the url and format of this feed in networks.googleFeed.feeds.",
		} );
	} );

	it( 'says the feed URL is wrong on 404', async () => {
		const result = await check( {
			url: `${ sandbox.url }/flux/effiliation/none.xml`,
		} );

		expect( result?.message ).toMatch(
			/^Maison's feed rejected the check's request \(HTTP 404\)\. Check the url of feed maison/
		);
	} );

	it( 'waits for a short Retry-After, then passes', async () => {
		sandbox.injectFault( {
			network: 'effiliation',
			route: 'feed',
			status: 429,
			retryAfterSeconds: 1,
		} );

		expect( ( await check() )?.ok ).toBe( true );
		expect( slept ).toEqual( [ 1000 ] );
	} );

	it.each( [
		[
			'a server error',
			{ status: 500, times: 2 },
			/server error \(HTTP 500\)/,
		],
		[
			'no answer',
			{ kind: 'timeout' as const, times: 2 },
			/did not answer within 300 ms/,
		],
	] )( 'explains %s', async ( _name, fault, expected ) => {
		sandbox.injectFault( {
			network: 'effiliation',
			route: 'feed',
			...fault,
		} );

		expect( ( await check() )?.message ).toMatch( expected );
	} );

	it( 'says an unreachable host cannot be reached', async () => {
		expect(
			( await check( { url: `${ CLOSED_BASE }/feed.xml` } ) )?.message
		).toMatch( /cannot be reached at 127\.0\.0\.1:9 \(ECONNREFUSED\)/ );
	} );
} );
