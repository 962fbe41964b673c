import {
	createPlacementId,
	isValidPlacementId,
	PLACEMENT_ID_PATTERN,
} from './placement-id';

describe( 'placement ids', () => {
	it( 'creates ids that match the sub id alphabet', () => {
		for ( let i = 0; i < 200; i++ ) {
			expect( createPlacementId() ).toMatch( PLACEMENT_ID_PATTERN );
		}
	} );

	it( 'maps every random byte into the alphabet', () => {
		const allHigh = createPlacementId( ( bytes ) => bytes.fill( 255 ) );
		expect( allHigh ).toBe( 'dddddddddd' );
	} );

	it( 'rejects ids a network would truncate or refuse', () => {
		expect( isValidPlacementId( 'abc123' ) ).toBe( true );
		expect( isValidPlacementId( '' ) ).toBe( false );
		expect( isValidPlacementId( 'a-b' ) ).toBe( false );
		expect( isValidPlacementId( 'x'.repeat( 17 ) ) ).toBe( false );
		expect( isValidPlacementId( 42 ) ).toBe( false );
	} );
} );
