/**
 * Internal dependencies
 */
import {
	freshPlacementId,
	inlinePlacementIds,
	postPlacementIds,
} from './post-placement-ids';

describe( 'inline link placement ids', () => {
	it( 'reads every inline link of a paragraph, in order', () => {
		expect(
			inlinePlacementIds(
				'<a class="afflux-inline-link" data-afflux-product="4" data-afflux-placement="abc123" href="https://x.test/">a</a> et ' +
					'<a data-afflux-placement="zz9" data-afflux-product="5">b</a>'
			)
		).toEqual( [ 'abc123', 'zz9' ] );
	} );

	it( 'ignores ids a network would refuse', () => {
		expect(
			inlinePlacementIds( '<a data-afflux-placement="a-b">x</a>' )
		).toEqual( [] );
	} );

	it( 'collects block ids and inline ids from string and object rich text', () => {
		const taken = postPlacementIds( [
			{ placementId: 'card1', productId: 3 },
			{ content: '<a data-afflux-placement="inline1">x</a>' },
			{
				content: {
					toHTMLString: () =>
						'<a data-afflux-placement="inline2">y</a>',
				},
			},
			null,
			{ values: 42 },
		] );
		expect( [ ...taken ].sort() ).toEqual( [
			'card1',
			'inline1',
			'inline2',
		] );
	} );

	it( 'gives an id no placement of the post holds', () => {
		const ids = [ 'card1', 'inline1', 'new1' ];
		const id = freshPlacementId(
			new Set( [ 'card1', 'inline1' ] ),
			() => ids.shift() ?? 'unused'
		);
		expect( id ).toBe( 'new1' );
	} );

	it( 'refuses a source that only repeats taken ids', () => {
		expect( () =>
			freshPlacementId( new Set( [ 'same' ] ), () => 'same' )
		).toThrow( /repeats/ );
	} );
} );
