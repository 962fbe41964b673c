/**
 * External dependencies
 */
import Database from 'better-sqlite3';

export interface DeepLinkProduct {
	id: number;
	title: string;
	programmeId: string;
	programmeName: string;
	validDomains: string[];
	landingUrl: string;
}

/**
 * An in-stock product whose programme accepts deep links, with its allowed domains.
 *
 * @param cachePath The SQLite cache the daemon filled.
 */
export function pickDeepLinkProduct( cachePath: string ): DeepLinkProduct {
	const db = new Database( cachePath, { readonly: true } );
	try {
		const row = db
			.prepare(
				`SELECT p.id, p.title, g.programme_id AS programmeId, g.name AS programmeName,
				        g.valid_domains AS validDomains, o.landing_url AS landingUrl
				 FROM products p
				 JOIN offers o ON o.product_id = p.id AND o.availability = 'in_stock' AND o.price_minor IS NOT NULL
				 JOIN programmes g ON g.network = p.network AND g.programme_id = p.programme_id
				 WHERE p.status = 'active' AND g.deeplink_enabled = 1 AND g.valid_domains <> '[]'
				 ORDER BY p.id LIMIT 1`
			)
			.get() as
			| ( Omit< DeepLinkProduct, 'validDomains' > & {
					validDomains: string;
			  } )
			| undefined;
		if ( ! row ) {
			throw new Error(
				`No in-stock product of a programme accepting deep links in ${ cachePath }: did the daemon sync the sandbox catalogue?`
			);
		}
		return {
			...row,
			validDomains: JSON.parse( row.validDomains ) as string[],
		};
	} finally {
		db.close();
	}
}
