import { configSecrets, parseConfig } from '../config';
import { silentLogger } from '../logger';
import { enabledAdapters } from './registry';

describe( 'the network registry', () => {
	const networks = {
		effiliation: { apiKey: 'cle-effiliation' },
		googleFeed: {
			feeds: [
				{
					programmeId: 'the-et-cie',
					merchantName: 'Thé & Cie',
					url: 'https://flux.exemple.fr/the.xml',
					format: 'xml',
				},
			],
		},
		onetpe: {
			affiliateLogin: 'monlogin',
			products: [ { vendorLogin: 'formateur', productNo: '12' } ],
		},
		impact: { accountSid: 'IRabc123', authToken: 'impact-secret' },
		cj: {
			companyId: '7654321',
			websiteId: '100200300',
			accessToken: 'cj-secret',
			advertisers: [ { advertiserId: '4567890', adId: '13579' } ],
		},
		rakuten: {
			clientId: 'rakuten-client',
			clientSecret: 'rakuten-secret',
			siteId: '3456789',
			publisherId: 'AbCdEf12345',
		},
		tiktok: {
			appKey: 'tiktok-app',
			appSecret: 'tiktok-secret',
			accessToken: 'tiktok-token',
			creatorId: 'creator-1',
		},
		amazon: {
			clientId: 'amazon-client',
			clientSecret: 'amazon-secret',
			partnerTag: 'monblog-21',
			asins: [ 'B0CHX3QBCH' ],
		},
	};

	it( 'builds an adapter per configured network, with the documented defaults', () => {
		const config = parseConfig( { networks } );

		expect(
			enabledAdapters( config, { log: silentLogger } ).map(
				( adapter ) => adapter.network
			)
		).toEqual( [
			'effiliation',
			'googleFeed',
			'onetpe',
			'impact',
			'cj',
			'rakuten',
			'tiktok',
			'amazon',
		] );
		expect( config.networks.effiliation ).toMatchObject( {
			apiBase: 'https://apiv2.effiliation.com',
			trackingBase: 'https://track.effiliation.com',
			feedFormat: 'xml',
		} );
	} );

	it( 'masks every network’s credentials in the logs', () => {
		expect( configSecrets( parseConfig( { networks } ) ) ).toEqual( [
			'cle-effiliation',
			'impact-secret',
			'cj-secret',
			'rakuten-secret',
			'tiktok-secret',
			'tiktok-token',
			'amazon-secret',
		] );
	} );

	it( 'names the wrong field of a network’s config', () => {
		expect( () =>
			parseConfig( {
				networks: {
					...networks,
					onetpe: {
						affiliateLogin: 'mon.login',
						products: [],
					},
				},
			} )
		).toThrow( 'networks.onetpe.affiliateLogin: must be your 1TPE login' );
		expect( () =>
			parseConfig( {
				networks: {
					googleFeed: {
						feeds: [
							{
								...networks.googleFeed.feeds[ 0 ],
								linkTemplate:
									'https://track.exemple.fr/?sub={sub_id}',
							},
						],
					},
				},
			} )
		).toThrow(
			'networks.googleFeed.feeds[0].linkTemplate: must hold the {landing_url} placeholder'
		);
	} );
} );
