import {
	parseFormattedMinorUnits,
	parsePriceWithCurrency,
	MoneyFormatError,
	parseMinorUnits,
	percentToBasisPoints,
	scaleDecimal,
} from './money';

describe( 'parseMinorUnits', () => {
	it.each( [
		[ '12.90', 'EUR', 1290 ],
		[ '12.9', 'EUR', 1290 ],
		[ '12', 'EUR', 1200 ],
		[ '0.07', 'EUR', 7 ],
		[ '12,90', 'EUR', 1290 ],
		[ ' 4.90 ', 'EUR', 490 ],
		[ '.5', 'EUR', 50 ],
		[ '19.999', 'EUR', 2000 ],
		[ '19.994', 'EUR', 1999 ],
		[ '-3.25', 'EUR', -325 ],
		[ '1500', 'JPY', 1500 ],
		[ '1.234', 'KWD', 1234 ],
		[ '0.1', 'EUR', 10 ],
		[ 45.9, 'EUR', 4590 ],
		[ 0.35, 'EUR', 35 ],
		[ 1.005, 'EUR', 101 ],
	] )( 'reads %p %s as %p minor units', ( amount, currency, expected ) => {
		expect( parseMinorUnits( amount, currency ) ).toBe( expected );
	} );

	it( 'returns null when no amount is given', () => {
		expect( parseMinorUnits( '', 'EUR' ) ).toBeNull();
		expect( parseMinorUnits( '   ', 'EUR' ) ).toBeNull();
		expect( parseMinorUnits( null, 'EUR' ) ).toBeNull();
	} );

	it.each( [ 'douze', '12.90 EUR', '1.2.3', '1 234,56', '-', '.', 'NaN' ] )(
		'refuses %p',
		( amount ) => {
			expect( () => parseMinorUnits( amount, 'EUR' ) ).toThrow(
				MoneyFormatError
			);
		}
	);

	it( 'refuses amounts beyond the safe integer range', () => {
		expect( () => scaleDecimal( '99999999999999999', 2 ) ).toThrow(
			MoneyFormatError
		);
	} );
} );

describe( 'percentToBasisPoints', () => {
	it( 'turns 12.5 % into 1250 basis points without float error', () => {
		expect( percentToBasisPoints( 12.5 ) ).toBe( 1250 );
		expect( percentToBasisPoints( 92.5 ) ).toBe( 9250 );
		expect( percentToBasisPoints( 4.35 ) ).toBe( 435 );
	} );
} );

describe( 'parseFormattedMinorUnits', () => {
	it.each( [
		[ '1,234.56', 'USD', 123456 ],
		[ '1 234,56', 'EUR', 123456 ],
		[ '1.234,56', 'EUR', 123456 ],
		[ '$12.50', 'USD', 1250 ],
		[ '12,50 €', 'EUR', 1250 ],
		[ '1,234,567', 'JPY', 1234567 ],
		[ '-3.10', 'GBP', -310 ],
		[ 4.5, 'EUR', 450 ],
	] )( 'reads %p %s as %p minor units', ( amount, currency, expected ) => {
		expect( parseFormattedMinorUnits( amount, currency ) ).toBe( expected );
	} );

	it( 'refuses words, naming the value as given', () => {
		expect( () => parseFormattedMinorUnits( 'gratuit', 'EUR' ) ).toThrow(
			'not a decimal amount: "gratuit"'
		);
	} );
} );

describe( 'parsePriceWithCurrency', () => {
	it( 'reads an amount with its ISO currency', () => {
		expect( parsePriceWithCurrency( '15.00 EUR' ) ).toEqual( {
			minor: 1500,
			currency: 'EUR',
		} );
		expect( parsePriceWithCurrency( '1500 jpy' ) ).toEqual( {
			minor: 1500,
			currency: 'JPY',
		} );
		expect( parsePriceWithCurrency( '' ) ).toBeNull();
	} );

	it.each( [ '15.00', '15.00 euros', 'EUR 15.00' ] )(
		'refuses %p',
		( value ) => {
			expect( () => parsePriceWithCurrency( value ) ).toThrow(
				MoneyFormatError
			);
		}
	);
} );
