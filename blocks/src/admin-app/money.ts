// Minor units to a localised amount: the exponent comes from Intl, never from a float guess.
export function formatMinor(
	minor: number,
	currency: string,
	locale?: string
): string {
	if ( currency === '' ) {
		return '—';
	}
	const format = new Intl.NumberFormat( locale, {
		style: 'currency',
		currency,
	} );
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format( minor / 10 ** digits );
}

// A rate (0.125) as the reader's locale writes a percentage: "12,5 %" in French.
export function formatRate( rate: number, locale?: string ): string {
	return new Intl.NumberFormat( locale, {
		style: 'percent',
		maximumFractionDigits: 1,
	} ).format( rate );
}
