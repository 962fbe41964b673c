/**
 * Internal dependencies
 */
import {
	freshPlacementId,
	inlinePlacementIds,
	postPlacementIds,
	renewDuplicateInlinePlacementIds,
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

describe( 'renewing duplicate inline placement ids', () => {
	const link = ( id: string, words = 'casque' ) =>
		`<a class="afflux-inline-link" data-afflux-product="4" data-afflux-placement="${ id }" href="https://x.test/?a=1&amp;b=2" rel="sponsored nofollow">${ words }</a>`;
	const ids =
		( ...values: string[] ) =>
		() =>
			values.shift() ?? 'unused';

	it( 'leaves a post whose ids are unique alone', () => {
		const check = renewDuplicateInlinePlacementIds(
			[
				{ clientId: 'a', attributes: { content: link( 'one' ) } },
				{ clientId: 'b', attributes: { placementId: 'card1' } },
				{ clientId: 'c', attributes: { content: link( 'two' ) } },
			],
			new Map()
		);
		expect( check.renewals ).toEqual( [] );
		expect( [ ...check.owners ] ).toEqual( [
			[ 'one', 'a' ],
			[ 'two', 'c' ],
		] );
	} );

	it( 'gives the duplicated paragraph new ids and keeps the rest of its HTML', () => {
		const html = `Voir ${ link( 'one', 'ce <b>casque</b>' ) } et ${ link(
			'two'
		) }.`;
		const check = renewDuplicateInlinePlacementIds(
			[
				{ clientId: 'a', attributes: { content: html } },
				{ clientId: 'b', attributes: { content: html } },
			],
			new Map( [
				[ 'one', 'a' ],
				[ 'two', 'a' ],
			] ),
			ids( 'new1', 'new2' )
		);
		expect( check.renewals ).toEqual( [
			{
				clientId: 'b',
				attributes: {
					content: html
						.replace( '"one"', '"new1"' )
						.replace( '"two"', '"new2"' ),
				},
			},
		] );
		expect( check.owners.get( 'one' ) ).toBe( 'a' );
		expect( check.owners.get( 'new1' ) ).toBe( 'b' );
	} );

	it( 'keeps the id with the block that held it when the copy is pasted before it', () => {
		const check = renewDuplicateInlinePlacementIds(
			[
				{ clientId: 'pasted', attributes: { content: link( 'one' ) } },
				{
					clientId: 'original',
					attributes: { content: link( 'one' ) },
				},
			],
			new Map( [ [ 'one', 'original' ] ] ),
			ids( 'new1' )
		);
		expect( check.renewals ).toEqual( [
			{ clientId: 'pasted', attributes: { content: link( 'new1' ) } },
		] );
	} );

	it( 'renews a link pasted twice into the same paragraph, after the first', () => {
		const check = renewDuplicateInlinePlacementIds(
			[
				{
					clientId: 'a',
					attributes: {
						content: `${ link( 'one' ) } ${ link( 'one' ) }`,
					},
				},
			],
			new Map(),
			ids( 'new1' )
		);
		expect( check.renewals ).toEqual( [
			{
				clientId: 'a',
				attributes: {
					content: `${ link( 'one' ) } ${ link( 'new1' ) }`,
				},
			},
		] );
	} );

	it( 'leaves an id a block holds to the block, and never reuses a taken id', () => {
		const check = renewDuplicateInlinePlacementIds(
			[
				{ clientId: 'card', attributes: { placementId: 'card1' } },
				{
					clientId: 'quote',
					attributes: {
						value: {
							toHTMLString: () => link( 'card1' ),
						},
						citation: link( 'two' ),
					},
				},
			],
			new Map(),
			ids( 'two', 'card1', 'fresh' )
		);
		expect( check.renewals ).toEqual( [
			{ clientId: 'quote', attributes: { value: link( 'fresh' ) } },
		] );
	} );
} );
