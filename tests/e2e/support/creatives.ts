/**
 * External dependencies
 */
import Database from 'better-sqlite3';

export interface TestCreative {
	network: string;
	bannerId: string;
	programmeId: string;
	imageUrl: string;
	landingUrl: string;
}

/**
 * Adds a creative to the cache, as the daemon would from a network's banner list: the sandbox
 * network has none yet. Returns a function that removes it.
 *
 * @param cachePath The SQLite cache.
 * @param creative  The creative.
 */
export function addCreative(
	cachePath: string,
	creative: TestCreative
): () => void {
	const db = new Database( cachePath );
	try {
		db.prepare(
			`INSERT OR REPLACE INTO banners (network, banner_id, programme_id, name, width, height, image_url, landing_url, updated_at)
			 VALUES (?, ?, ?, 'Soldes 728x90', 728, 90, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`
		).run(
			creative.network,
			creative.bannerId,
			creative.programmeId,
			creative.imageUrl,
			creative.landingUrl
		);
	} finally {
		db.close();
	}
	return () => {
		const cleanup = new Database( cachePath );
		try {
			cleanup
				.prepare(
					'DELETE FROM banners WHERE network = ? AND banner_id = ?'
				)
				.run( creative.network, creative.bannerId );
		} finally {
			cleanup.close();
		}
	};
}
