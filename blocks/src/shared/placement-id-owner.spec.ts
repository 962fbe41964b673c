import { isPlacementIdTakenEarlier } from './placement-id-owner';

describe( 'placement id owner', () => {
	const post = [
		{ clientId: 'a', placementId: 'same1' },
		{ clientId: 'p', placementId: undefined },
		{ clientId: 'b', placementId: 'same1' },
		{ clientId: 'c', placementId: 'other' },
	];

	it( 'keeps the id on the first block that holds it', () => {
		expect( isPlacementIdTakenEarlier( post, 'a', 'same1' ) ).toBe( false );
	} );

	it( 'asks a later duplicate to take a new id', () => {
		expect( isPlacementIdTakenEarlier( post, 'b', 'same1' ) ).toBe( true );
	} );

	it( 'leaves unique ids alone', () => {
		expect( isPlacementIdTakenEarlier( post, 'c', 'other' ) ).toBe( false );
	} );
} );
