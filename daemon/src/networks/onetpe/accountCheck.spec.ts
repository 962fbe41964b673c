import { checkOnetpeAccount } from './accountCheck';

/** What `afflux-daemon doctor` says about a 1TPE account: local checks only, no API exists. */
describe( 'checking a 1TPE account', () => {
	it( 'shows a link built by the documented pattern', () => {
		expect(
			checkOnetpeAccount( {
				affiliateLogin: 'monblog',
				products: [
					{ vendorLogin: 'formateur', productNo: '12' },
					{ vendorLogin: 'auteur', productNo: '3' },
				],
			} )
		).toEqual( [
			{
				check: 'links',
				ok: true,
				message:
					'2 product links by the documented pattern, e.g. http://go.monblog.formateur.12.1tpe.net.',
			},
		] );
	} );

	it( 'fails when no product is listed, saying which field to fill', () => {
		const [ links ] = checkOnetpeAccount( {
			affiliateLogin: 'monblog',
			products: [],
		} );

		expect( links?.ok ).toBe( false );
		expect( links?.message ).toMatch( /networks\.onetpe\.products/ );
	} );

	it( 'names a product whose ids cannot make a link', () => {
		const [ links ] = checkOnetpeAccount( {
			affiliateLogin: 'monblog',
			products: [ { vendorLogin: 'for.mateur', productNo: '12' } ],
		} );

		expect( links?.ok ).toBe( false );
		expect( links?.message ).toMatch( /for\.mateur/ );
	} );
} );
