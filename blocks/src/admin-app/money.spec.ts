import { formatMinor } from './money';

describe( 'formatMinor', () => {
	it( 'formats cents of euros in French', () => {
		expect( formatMinor( 1290, 'EUR', 'fr-FR' ) ).toBe( '12,90\u00a0€' );
	} );

	it( 'formats yen, which have no minor unit, without dividing', () => {
		expect( formatMinor( 1290, 'JPY', 'en-US' ) ).toBe( '¥1,290' );
	} );

	it( 'shows a dash when there is no currency (no commission yet)', () => {
		expect( formatMinor( 0, '' ) ).toBe( '—' );
	} );
} );
