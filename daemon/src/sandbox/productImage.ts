// Product pictures for the sandbox's catalogue: a small SVG per product id, so demo cards and
// browser tests show a real image without reaching any host outside this machine.

const PALETTE = [
	'#1d4ed8',
	'#b45309',
	'#047857',
	'#7c3aed',
	'#be123c',
	'#0f766e',
];

export function productImageSvg( productId: string ): string {
	const digits = productId.replace( /\D/g, '' ) || '0';
	const colour = PALETTE[ Number( digits ) % PALETTE.length ] ?? '#1d4ed8';
	return (
		'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">' +
		`<rect width="400" height="400" fill="${ colour }"/>` +
		'<rect x="110" y="150" width="180" height="150" rx="12" fill="#fff" opacity="0.9"/>' +
		'<path d="M150 150 a50 50 0 0 1 100 0" stroke="#fff" stroke-width="14" fill="none"/>' +
		`<text x="200" y="360" font-family="sans-serif" font-size="28" fill="#fff" text-anchor="middle">${ digits }</text>` +
		'</svg>'
	);
}

// "/images/900001.jpg" → "900001"; null for anything else.
export function productIdFromImagePath( path: string ): string | null {
	const match = /^\/images\/(\d{1,12})\.jpg$/.exec( path );
	return match?.[ 1 ] ?? null;
}
