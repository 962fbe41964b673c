/**
 * External dependencies
 */
import Database from 'better-sqlite3';

export interface CachedProduct {
	id: number;
	title: string;
	priceMinor: number;
	currency: string;
	merchantName: string;
}

/**
 * A product from the synced cache whose title carries an accent, in stock and priced: the
 * browser test searches for it without the accent, as a blogger typing fast would.
 *
 * @param cachePath The SQLite cache the daemon filled.
 */
export function pickAccentedProduct( cachePath: string ): CachedProduct {
	const db = new Database( cachePath, { readonly: true } );
	try {
		const rows = db
			.prepare(
				`SELECT p.id, p.title, o.price_minor AS priceMinor, o.currency, o.merchant_name AS merchantName
				 FROM products p JOIN offers o ON o.product_id = p.id
				 WHERE p.status = 'active' AND o.availability = 'in_stock' AND o.price_minor IS NOT NULL
				 ORDER BY p.id`
			)
			.all() as CachedProduct[];
		const accented = rows.find( ( row ) =>
			/[À-ÿ]/.test( searchWord( row.title ) )
		);
		if ( ! accented ) {
			throw new Error(
				`No in-stock product with an accented word in ${ cachePath }: did the daemon sync the sandbox catalogue?`
			);
		}
		return accented;
	} finally {
		db.close();
	}
}

/**
 * The longest word of a title: specific enough to find the product.
 *
 * @param title Product title.
 */
export function searchWord( title: string ): string {
	return (
		title
			.split( /[^\p{L}\p{N}]+/u )
			.sort( ( a, b ) => b.length - a.length )[ 0 ] ?? ''
	);
}

/**
 * Drops accents: "Crème" → "Creme".
 *
 * @param text Any text.
 */
export function withoutAccents( text: string ): string {
	return text.normalize( 'NFD' ).replace( /\p{M}/gu, '' );
}
