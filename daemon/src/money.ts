/**
 * Money is integer minor units plus an ISO 4217 currency; never floats. Amounts arrive as
 * decimal strings ("12.90") or JSON numbers (12.9) and are converted digit by digit.
 */

// ISO 4217 currencies whose minor unit is not the cent.
const ZERO_DECIMAL = new Set( [
	'BIF',
	'CLP',
	'DJF',
	'GNF',
	'ISK',
	'JPY',
	'KMF',
	'KRW',
	'PYG',
	'RWF',
	'UGX',
	'UYI',
	'VND',
	'VUV',
	'XAF',
	'XOF',
	'XPF',
] );
const THREE_DECIMAL = new Set( [
	'BHD',
	'IQD',
	'JOD',
	'KWD',
	'LYD',
	'OMR',
	'TND',
] );

export function currencyExponent( currency: string ): number {
	const code = currency.toUpperCase();
	if ( ZERO_DECIMAL.has( code ) ) {
		return 0;
	}
	if ( THREE_DECIMAL.has( code ) ) {
		return 3;
	}
	return 2;
}

export class MoneyFormatError extends Error {
	constructor( value: string ) {
		super(
			`not a decimal amount: ${ JSON.stringify( value.slice( 0, 40 ) ) }`
		);
		this.name = 'MoneyFormatError';
	}
}

const DECIMAL = /^([+-])?(\d*)(?:[.,](\d*))?$/;

// Scales a decimal string by 10^decimals into an integer, rounding half away from zero on the
// digits themselves: scaleDecimal("12.90", 2) = 1290, scaleDecimal("12.5", 2) = 1250.
// A comma is accepted as the decimal separator (French feeds write "12,90").
export function scaleDecimal(
	value: string | number,
	decimals: number
): number {
	const text =
		typeof value === 'number'
			? numberToDecimalString( value )
			: value.trim();
	const match = DECIMAL.exec( text );
	const whole = match?.[ 2 ] ?? '';
	const fraction = match?.[ 3 ] ?? '';
	if ( ! match || ( whole === '' && fraction === '' ) ) {
		throw new MoneyFormatError( String( value ) );
	}
	const kept = fraction.slice( 0, decimals ).padEnd( decimals, '0' );
	const roundUp = ( fraction.charCodeAt( decimals ) || 48 ) >= 53; // next digit >= '5'
	let result = Number( ( whole || '0' ) + kept ) + ( roundUp ? 1 : 0 );
	if ( ! Number.isSafeInteger( result ) ) {
		throw new MoneyFormatError( String( value ) );
	}
	if ( match[ 1 ] === '-' && result !== 0 ) {
		result = -result;
	}
	return result;
}

function numberToDecimalString( value: number ): string {
	if ( ! Number.isFinite( value ) ) {
		throw new MoneyFormatError( String( value ) );
	}
	const text = String( value );
	// String() switches to exponent notation below 1e-6 and above 1e21.
	return /e/i.test( text ) ? value.toFixed( 8 ) : text;
}

// "12.90" EUR → 1290; "" → null (no price given); garbage → MoneyFormatError.
export function parseMinorUnits(
	amount: string | number | null | undefined,
	currency: string
): number | null {
	if ( amount === null || amount === undefined ) {
		return null;
	}
	if ( typeof amount === 'string' && amount.trim() === '' ) {
		return null;
	}
	return scaleDecimal( amount, currencyExponent( currency ) );
}

// A percentage (12.5) as basis points (1250).
export function percentToBasisPoints( percent: string | number ): number {
	return scaleDecimal( percent, 2 );
}

// A formatted amount as networks print it ("1,234.56", "1 234,56", "$12.50", "12.50 €"):
// symbols and spaces go, and when both separators appear the last one is the decimal point.
// A lone separator repeated ("1,234,567") groups thousands.
export function parseFormattedMinorUnits(
	amount: string | number | null | undefined,
	currency: string
): number | null {
	if ( typeof amount !== 'string' ) {
		return parseMinorUnits( amount, currency );
	}
	const stripped = amount.replace( /[\s\u00a0\u202f$€£¥]/g, '' );
	if ( stripped === '' ) {
		return amount.trim() === ''
			? null
			: parseMinorUnits( amount, currency );
	}
	const lastDot = stripped.lastIndexOf( '.' );
	const lastComma = stripped.lastIndexOf( ',' );
	let plain = stripped;
	if ( lastDot !== -1 && lastComma !== -1 ) {
		const thousands = lastDot > lastComma ? /,/g : /\./g;
		plain = stripped.replace( thousands, '' );
	} else {
		for ( const separator of [ ',', '.' ] ) {
			if ( stripped.split( separator ).length > 2 ) {
				plain = stripped.split( separator ).join( '' );
			}
		}
	}
	try {
		return parseMinorUnits( plain, currency );
	} catch ( error ) {
		if ( error instanceof MoneyFormatError ) {
			throw new MoneyFormatError( amount );
		}
		throw error;
	}
}

export interface PricedAmount {
	minor: number;
	currency: string;
}

export const PRICE_WITH_CURRENCY = /^\s*(\S+)\s+([A-Za-z]{3})\s*$/;

// Google Merchant prices carry their currency: "15.00 EUR" → { minor: 1500, currency: "EUR" }.
// An empty value is null; an amount without an ISO code is refused (the currency is not guessed).
export function parsePriceWithCurrency(
	value: string | null | undefined
): PricedAmount | null {
	if ( value === null || value === undefined || value.trim() === '' ) {
		return null;
	}
	const match = PRICE_WITH_CURRENCY.exec( value );
	if ( ! match ) {
		throw new MoneyFormatError( value );
	}
	const currency = ( match[ 2 ] ?? '' ).toUpperCase();
	let minor: number | null;
	try {
		minor = parseMinorUnits( match[ 1 ], currency );
	} catch {
		minor = null;
	}
	if ( minor === null ) {
		throw new MoneyFormatError( value );
	}
	return { minor, currency };
}
