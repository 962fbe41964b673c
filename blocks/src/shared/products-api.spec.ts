import { describeRequestError, productSearchPath } from './products-api';

describe( 'products API client', () => {
	it( 'asks the afflux/v1 route with trimmed, encoded words', () => {
		expect( productSearchPath( '  crème brûlée & co ' ) ).toBe(
			'/afflux/v1/products?search=cr%C3%A8me%20br%C3%BBl%C3%A9e%20%26%20co&per_page=10'
		);
	} );

	it( 'passes the page size through', () => {
		expect( productSearchPath( 'casque', 25 ) ).toBe(
			'/afflux/v1/products?search=casque&per_page=25'
		);
	} );

	it( 'shows the server’s own words for a failed request', () => {
		expect(
			describeRequestError( {
				code: 'afflux_cache_unavailable',
				message: 'Le cache de produits est verrouillé.',
			} )
		).toBe( 'Le cache de produits est verrouillé.' );
	} );

	it( 'returns nothing it cannot explain, so the caller shows its own message', () => {
		expect( describeRequestError( new Error( '' ) ) ).toBe( '' );
		expect( describeRequestError( 'boom' ) ).toBe( '' );
		expect( describeRequestError( null ) ).toBe( '' );
	} );
} );
