import { gunzipSync } from 'node:zlib';

import { startSandbox, type Sandbox } from './sandboxServer';

describe( 'Awin sandbox', () => {
	let sandbox: Sandbox;
	const auth = { Authorization: 'Bearer sandbox-token' };

	beforeAll( async () => {
		sandbox = await startSandbox( {
			port: 0,
			products: 30,
			subIds: [ 'p1_abc', 'p2_def' ],
		} );
	} );

	afterAll( () => sandbox.close() );

	beforeEach( () => sandbox.resetCalls() );

	it( 'listens on 127.0.0.1 and reports its URL', () => {
		expect( sandbox.url ).toMatch( /^http:\/\/127\.0\.0\.1:\d+$/ );
	} );

	it( 'lists at least three joined French programmes with tricky names', async () => {
		const response = await fetch(
			`${ sandbox.url }/publishers/123456/programmes?relationship=joined&countryCode=FR`,
			{ headers: auth }
		);
		const programmes = ( await response.json() ) as Array< {
			name: string;
			validDomains: unknown;
		} >;

		expect( programmes.length ).toBeGreaterThanOrEqual( 3 );
		expect( programmes.map( ( p ) => p.name ) ).toContain(
			'Boulangerie Dupré & Fils'
		);
		expect( programmes[ 0 ]?.validDomains ).toContainEqual( {
			domain: '127.0.0.1',
		} );
	} );

	it( 'answers 401 to a wrong token and 403 to another publisher', async () => {
		const wrong = await fetch(
			`${ sandbox.url }/publishers/123456/programmes?relationship=joined`,
			{
				headers: { Authorization: 'Bearer nope' },
			}
		);
		const other = await fetch(
			`${ sandbox.url }/publishers/999/programmes?relationship=joined`,
			{
				headers: auth,
			}
		);

		expect( wrong.status ).toBe( 401 );
		expect( other.status ).toBe( 403 );
	} );

	it( 'refuses transaction windows longer than 31 days, as Awin does', async () => {
		const response = await fetch(
			`${ sandbox.url }/publishers/123456/transactions/?startDate=2026-01-01T00:00:00&endDate=2026-02-02T00:00:01&timezone=UTC&dateType=transaction`,
			{ headers: auth }
		);

		expect( response.status ).toBe( 400 );
	} );

	it( 'generates the same transactions for the same window, carrying the configured sub ids', async () => {
		const url = `${ sandbox.url }/publishers/123456/transactions/?startDate=2026-09-01T00:00:00&endDate=2026-09-30T23:59:59&timezone=UTC&dateType=transaction`;

		const first = ( await (
			await fetch( url, { headers: auth } )
		).json() ) as Array< {
			id: number;
			clickRefs: { clickRef: string } | null;
		} >;
		const second = await ( await fetch( url, { headers: auth } ) ).json();

		expect( first.length ).toBeGreaterThan( 5 );
		expect( second ).toEqual( first );
		expect(
			new Set( first.map( ( t ) => t.clickRefs?.clickRef ) )
		).toEqual( new Set( [ 'p1_abc', 'p2_def' ] ) );
	} );

	it( 'serves the feed gzipped or plain, with the requested columns', async () => {
		const path = ( gzip: boolean ) =>
			`${
				sandbox.url
			}/datafeed/download/apikey/sandbox-feed-key/language/any/fid/1001,1002,1003/columns/aw_product_id,product_name/format/csv/delimiter/%2C/${
				gzip ? 'compression/gzip/' : ''
			}`;

		const gz = Buffer.from(
			await ( await fetch( path( true ) ) ).arrayBuffer()
		);
		const plain = await ( await fetch( path( false ) ) ).text();

		expect( gunzipSync( gz ).toString( 'utf8' ) ).toBe( plain );
		expect( plain.split( '\n' )[ 0 ] ).toBe( 'aw_product_id,product_name' );
		expect( plain.trim().split( '\n' ) ).toHaveLength( 31 );
		expect( plain ).toContain( 'Crème brûlée à la vanille' );
	} );

	it( 'serves a picture for every product of the feed, and 404 for other paths', async () => {
		const image = await fetch( `${ sandbox.url }/images/900001.jpg` );
		const missing = await fetch( `${ sandbox.url }/images/../etc.jpg` );

		expect( image.status ).toBe( 200 );
		expect( image.headers.get( 'content-type' ) ).toBe( 'image/svg+xml' );
		expect( await image.text() ).toContain( '900001' );
		expect( missing.status ).toBe( 404 );
	} );

	it( 'refuses a wrong feed key', async () => {
		const response = await fetch(
			`${ sandbox.url }/datafeed/download/apikey/wrong/language/any/fid/1001/columns/aw_product_id/format/csv/delimiter/%2C/`
		);

		expect( response.status ).toBe( 401 );
	} );

	it( 'builds links with the link builder, one or in a batch', async () => {
		const single = await fetch(
			`${ sandbox.url }/publishers/123456/linkbuilder/generate`,
			{
				method: 'POST',
				headers: { ...auth, 'Content-Type': 'application/json' },
				body: JSON.stringify( {
					advertiserId: 7001,
					destinationUrl: `${ sandbox.url }/shop/boulangerie-dupre/produit-900001`,
					parameters: { clickref: 'p1_abc' },
				} ),
			}
		);
		const batch = await fetch(
			`${ sandbox.url }/publishers/123456/linkbuilder/generate-batch`,
			{
				method: 'POST',
				headers: { ...auth, 'Content-Type': 'application/json' },
				body: JSON.stringify( {
					requests: [ { advertiserId: 7001 }, { advertiserId: 1 } ],
				} ),
			}
		);

		expect( ( ( await single.json() ) as { url: string } ).url ).toContain(
			'clickref=p1_abc'
		);
		expect(
			(
				( await batch.json() ) as {
					responses: Array< { status: number } >;
				}
			 ).responses.map( ( r ) => r.status )
		).toEqual( [ 200, 400 ] );
	} );

	it( 'redirects a click to the landing URL with awc appended, and the shop lists what it received', async () => {
		const landing = `${ sandbox.url }/shop/boulangerie-dupre/produit-900001?utm_source=mon-blog.fr#avis`;
		const click = await fetch(
			`${
				sandbox.url
			}/cread.php?awinmid=7001&awinaffid=123456&clickref=p1_abc&ued=${ encodeURIComponent(
				landing
			) }`,
			{ redirect: 'manual' }
		);
		const location = click.headers.get( 'location' ) ?? '';
		const page = await ( await fetch( location ) ).text();

		expect( click.status ).toBe( 302 );
		expect( location ).toBe(
			`${ sandbox.url }/shop/boulangerie-dupre/produit-900001?utm_source=mon-blog.fr&awc=7001_123456_p1_abc#avis`
		);
		expect( page ).toContain(
			'<h1 id="product-title">Crème brûlée à la vanille (réf. 1)</h1>'
		);
		expect( page ).toContain( 'data-param="awc">7001_123456_p1_abc<' );
		expect( page ).toContain( 'data-param="utm_source">mon-blog.fr<' );
	} );

	it( 'escapes what it echoes on the shop page', async () => {
		const page = await (
			await fetch(
				`${
					sandbox.url
				}/shop/boulangerie-dupre/x?q=${ encodeURIComponent(
					'<script>"\''
				) }`
			)
		).text();

		expect( page ).toContain( '&lt;script&gt;&quot;&#39;' );
		expect( page ).not.toContain( '<script>' );
	} );

	it( 'counts calls per route and can inject faults', async () => {
		sandbox.injectFault( {
			route: 'programmes',
			status: 429,
			retryAfterSeconds: 3,
		} );

		const limited = await fetch(
			`${ sandbox.url }/publishers/123456/programmes?relationship=joined`,
			{ headers: auth }
		);
		const fine = await fetch(
			`${ sandbox.url }/publishers/123456/programmes?relationship=joined`,
			{ headers: auth }
		);
		const counted = await (
			await fetch( `${ sandbox.url }/_sandbox/calls` )
		).json();

		expect( limited.status ).toBe( 429 );
		expect( limited.headers.get( 'retry-after' ) ).toBe( '3' );
		expect( fine.status ).toBe( 200 );
		expect( counted ).toEqual( { programmes: 2 } );
		expect( sandbox.calls() ).toEqual( { programmes: 2 } );
	} );

	it( 'refuses the 21st Awin call of a minute with a bare 429, and logs every call with its time', async () => {
		let clock = Date.parse( '2026-11-21T08:00:00Z' );
		const limited = await startSandbox( {
			port: 0,
			now: () => new Date( clock ),
		} );
		const url = `${ limited.url }/publishers/123456/programmes?relationship=joined`;
		const statuses: number[] = [];
		try {
			for ( let call = 0; call < 21; call++ ) {
				statuses.push(
					( await fetch( url, { headers: auth } ) ).status
				);
			}
			const refused = await fetch( url, { headers: auth } );
			clock += 60_000;
			const nextMinute = await fetch( url, { headers: auth } );

			expect( statuses.slice( 0, 20 ).every( ( s ) => s === 200 ) ).toBe(
				true
			);
			expect( statuses[ 20 ] ).toBe( 429 );
			expect( refused.headers.get( 'retry-after' ) ).toBeNull();
			expect( nextMinute.status ).toBe( 200 );
			expect( limited.callLog().at( -1 ) ).toEqual( {
				network: 'awin',
				route: 'programmes',
				at: clock,
				status: 200,
				rateLimited: false,
			} );
			expect(
				limited.callLog().filter( ( call ) => call.rateLimited )
			).toHaveLength( 2 );
		} finally {
			await limited.close();
		}
	} );

	it( 'cuts a body short or sends malformed JSON when told to', async () => {
		const url = `${ sandbox.url }/publishers/123456/programmes?relationship=joined`;
		sandbox.injectFault( {
			route: 'programmes',
			kind: 'truncate',
			bytes: 10,
		} );
		sandbox.injectFault( { route: 'programmes', kind: 'malformed' } );

		const cut = await fetch( url, { headers: auth } )
			.then( ( response ) => response.text() )
			.catch( ( error: Error ) => error );
		const malformed = await fetch( url, { headers: auth } );

		// undici reports a body that stops before its Content-Length as "terminated".
		expect( typeof cut ).not.toBe( 'string' );
		expect( ( cut as Error ).message ).toBe( 'terminated' );
		expect( malformed.status ).toBe( 200 );
		await expect( malformed.json() ).rejects.toThrow( /is not valid JSON/ );
	} );
} );
