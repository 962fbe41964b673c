import { withUnpublishedTerms } from './unpublishedTerms';

describe( 'withUnpublishedTerms', () => {
	const known = {
		programmeId: '5101',
		name: 'Librairie',
		currency: null,
		deeplinkEnabled: true,
		raw: { id: 5101 },
	};

	it( 'leaves the terms the network does not publish unknown', () => {
		expect( withUnpublishedTerms( known ) ).toEqual( {
			...known,
			validDomains: [],
			commissionType: null,
			commissionMin: null,
			commissionMax: null,
			cookieDays: null,
			validationDays: null,
			approvalRateBp: null,
			epcMinor: null,
		} );
	} );

	it( 'keeps a term the adapter knows', () => {
		const terms = withUnpublishedTerms( {
			...known,
			cookieDays: 30,
			validDomains: [ 'example.fr' ],
		} );
		expect( terms.cookieDays ).toBe( 30 );
		expect( terms.validDomains ).toEqual( [ 'example.fr' ] );
	} );

	it( 'gives each programme its own domain list', () => {
		const first = withUnpublishedTerms( known );
		first.validDomains.push( 'example.fr' );
		expect( withUnpublishedTerms( known ).validDomains ).toEqual( [] );
	} );
} );
