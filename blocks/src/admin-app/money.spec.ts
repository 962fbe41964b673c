import { formatMinor, formatRate } from './money';

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

describe( 'formatRate', () => {
	it( 'writes a conversion rate as the locale writes percentages', () => {
		expect( formatRate( 0.125, 'fr-FR' ) ).toBe( '12,5\u00a0%' );
		expect( formatRate( 0.125, 'en-US' ) ).toBe( '12.5%' );
	} );
} );
