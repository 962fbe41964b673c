import { fillTemplate } from '../../links/fillTemplate';
import {
	ONETPE_COOKIE_DAYS,
	buildOnetpeLinkTemplate,
	createOnetpeAdapter,
} from '.';

describe( '1TPE links', () => {
	it( 'follows the documented pattern http://go.{affiliateLogin}.{vendorLogin}.{productNo}.1tpe.net', () => {
		expect( buildOnetpeLinkTemplate( 'monlogin', 'formateur.12' ) ).toEqual(
			{
				programmeId: 'formateur.12',
				template: 'http://go.monlogin.formateur.12.1tpe.net',
				trackingHost: 'go.monlogin.formateur.12.1tpe.net',
			}
		);
	} );

	it( 'is a ready link: filling it changes nothing', () => {
		const { template } = buildOnetpeLinkTemplate(
			'monlogin',
			'formateur.12'
		);

		expect(
			fillTemplate(
				template,
				'https://www.formateur.fr/',
				{ utm_source: 'blog' },
				'p1_a'
			)
		).toBe( 'http://go.monlogin.formateur.12.1tpe.net' );
	} );

	it.each( [
		[ 'mon.login', 'formateur.12', /affiliateLogin/ ],
		[ 'monlogin', 'formateur', /vendorLogin\.productNo/ ],
		[ 'monlogin', 'evil.com/x.12', /vendorLogin\.productNo/ ],
		[ 'monlogin', 'formateur.12.13', /vendorLogin\.productNo/ ],
	] )(
		'refuses logins that would make another host (%s, %s)',
		( login, programmeId, message ) => {
			expect( () =>
				buildOnetpeLinkTemplate( login, programmeId )
			).toThrow( message );
		}
	);

	it( 'lists the configured products as programmes with the 60-day cookie', async () => {
		const adapter = createOnetpeAdapter( {
			affiliateLogin: 'monlogin',
			products: [
				{
					vendorLogin: 'formateur',
					productNo: '12',
					name: 'Écrire & publier',
				},
				{ vendorLogin: 'coach-web', productNo: '3' },
			],
		} );

		expect( await adapter.listProgrammeIds() ).toEqual( [
			'formateur.12',
			'coach-web.3',
		] );
		expect( await adapter.listProgrammes() ).toMatchObject( [
			{ name: 'Écrire & publier', cookieDays: ONETPE_COOKIE_DAYS },
			{ name: 'coach-web n° 3', cookieDays: 60 },
		] );
		expect( adapter.hasCatalogue() ).toBe( false );
		expect( adapter.fetchTransactions ).toBeUndefined();
	} );
} );
