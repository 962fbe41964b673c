import {
	describeRequestError,
	landingPageCheckPath,
	NO_FILTERS,
	productSearchPath,
} from './products-api';

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

	it( 'sends only the filters the blogger changed', () => {
		expect(
			productSearchPath( 'casque', 10, {
				...NO_FILTERS,
				network: 'awin',
				merchant: '7001',
				inStock: true,
				orderby: 'commission',
			} )
		).toBe(
			'/afflux/v1/products?search=casque&per_page=10&network=awin&merchant=7001&in_stock=true&orderby=commission'
		);
		expect( productSearchPath( 'casque', 10, NO_FILTERS ) ).toBe(
			'/afflux/v1/products?search=casque&per_page=10'
		);
	} );

	it( 'checks a landing page on the product’s own route, encoded', () => {
		expect(
			landingPageCheckPath( 42, ' https://www.boutique.fr/noël?a=1&b=2 ' )
		).toBe(
			'/afflux/v1/products/42/landing-page?url=https%3A%2F%2Fwww.boutique.fr%2Fno%C3%ABl%3Fa%3D1%26b%3D2'
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
