import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Reads a spec's fixture files from the `fixtures` folder beside it.
export function fixtureReader( specDir: string ): ( name: string ) => string {
	return ( name ) =>
		readFileSync( join( specDir, 'fixtures', name ), 'utf8' );
}

// The shared tracking-link vectors (tests/vectors/tracking-links.json), also run by PHPUnit.
export function trackingLinkVectors(): {
	networks: Record< string, string >;
} {
	return JSON.parse(
		readFileSync(
			join( __dirname, '../../../tests/vectors/tracking-links.json' ),
			'utf8'
		)
	);
}
