/**
 * External dependencies
 */
import Database from 'better-sqlite3';

export interface InStockProduct {
	id: number;
	title: string;
	programmeId: string;
	category: string;
}

/**
 * In-stock, priced products of the synced cache with distinct search words, so each can be
 * found in the picker by its longest word.
 *
 * @param cachePath The SQLite cache the daemon filled.
 * @param count     How many products.
 * @param wordOf    The picker search word of a title.
 */
export function pickInStockProducts(
	cachePath: string,
	count: number,
	wordOf: ( title: string ) => string
): InStockProduct[] {
	const db = new Database( cachePath, { readonly: true } );
	try {
		const rows = db
			.prepare(
				`SELECT p.id, p.title, p.programme_id AS programmeId, p.category
				 FROM products p JOIN offers o ON o.product_id = p.id
				 WHERE p.status = 'active' AND o.availability = 'in_stock' AND o.price_minor IS NOT NULL
				 GROUP BY p.id ORDER BY p.id`
			)
			.all() as InStockProduct[];
		const picked: InStockProduct[] = [];
		const words = new Set< string >();
		for ( const row of rows ) {
			const word = wordOf( row.title ).toLowerCase();
			// A word shared by other titles would make the wanted result hard to reach.
			const sharing = rows.filter( ( other ) =>
				other.title.toLowerCase().includes( word )
			).length;
			if ( word.length >= 4 && sharing <= 5 && ! words.has( word ) ) {
				words.add( word );
				picked.push( row );
			}
			if ( picked.length === count ) {
				return picked;
			}
		}
		throw new Error(
			`Fewer than ${ count } in-stock products with distinct words in ${ cachePath }: did the daemon sync the sandbox catalogue?`
		);
	} finally {
		db.close();
	}
}
