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
