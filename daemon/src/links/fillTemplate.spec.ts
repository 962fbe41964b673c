import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { InvalidSubIdError, encodeRfc3986, fillTemplate } from './fillTemplate';

interface TrackingLinkCase {
	name: string;
	network: string;
	template: string;
	landing_url: string;
	utm: Record< string, string >;
	sub_id: string;
	expected: string;
}

// The same file drives the plugin's PHPUnit suite: both fillers must agree byte for byte.
const vectors = JSON.parse(
	readFileSync(
		join( __dirname, '../../../tests/vectors/tracking-links.json' ),
		'utf8'
	)
) as { networks: Record< string, string >; cases: TrackingLinkCase[] };

// Every network of networks.md; the PHPUnit suite checks the same list.
const NETWORKS = [
	'awin',
	'effiliation',
	'impact',
	'cj',
	'rakuten',
	'tiktok',
	'amazon',
	'1tpe',
];

describe( 'fillTemplate shared vectors', () => {
	it( 'has vectors to run', () => {
		expect( vectors.cases.length ).toBeGreaterThan( 0 );
	} );

	it.each( NETWORKS )(
		'has at least 5 cases and a template shape for %s',
		( network ) => {
			const count = vectors.cases.filter(
				( vector ) => vector.network === network
			).length;

			expect( count ).toBeGreaterThanOrEqual( 5 );
			expect( vectors.networks[ network ] ).toEqual(
				expect.any( String )
			);
		}
	);

	it.each(
		vectors.cases.map( ( vector ) => [ vector.name, vector ] as const )
	)( '%s', ( _name, vector ) => {
		expect(
			fillTemplate(
				vector.template,
				vector.landing_url,
				vector.utm,
				vector.sub_id
			)
		).toBe( vector.expected );
	} );
} );

describe( 'fillTemplate', () => {
	const template = 'https://t.example/c?ref={sub_id}&u={landing_url}';

	it.each( [
		'',
		'a'.repeat( 41 ),
		'p1 x',
		'p1&x=1',
		'é',
		'p1/x',
		'{landing_url}',
	] )( 'refuses the sub id %p', ( subId ) => {
		expect( () =>
			fillTemplate( template, 'https://m.example/', {}, subId )
		).toThrow( InvalidSubIdError );
	} );

	it( 'accepts a 40-character sub id', () => {
		const subId = 'A'.repeat( 40 );

		expect(
			fillTemplate( template, 'https://m.example/', {}, subId )
		).toContain( `ref=${ subId }&` );
	} );

	it( 'adds UTM after a trailing ? without doubling separators', () => {
		expect(
			fillTemplate(
				template,
				'https://m.example/p?',
				{ utm_source: 'b' },
				'x'
			)
		).toBe(
			'https://t.example/c?ref=x&u=https%3A%2F%2Fm.example%2Fp%3Futm_source%3Db'
		);
	} );

	it( 'encodes the characters encodeURIComponent leaves alone', () => {
		expect( encodeRfc3986( "!'()*~-._" ) ).toBe( '%21%27%28%29%2A~-._' );
	} );
} );
