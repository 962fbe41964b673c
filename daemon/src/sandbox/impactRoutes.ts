import type { IncomingMessage } from 'node:http';

import {
	SANDBOX_ADVERTISERS,
	SANDBOX_PRODUCT_TITLES,
	centsText,
	sandboxDailyRows,
} from './networkSandboxRows';
import type {
	SandboxNetworkFactory,
	SandboxRouteContext,
} from './networkRoutes';
import { pick } from './prng';

/**
 * Impact's Partner API in the sandbox: campaigns, tracking links, catalogs with their items,
 * actions (≤ 45-day windows, ≤ 3 years back, numbered pages) and a tracking redirect. Answers
 * use Impact's envelope with numbers as strings.
 */

export const IMPACT_SANDBOX_SID = 'IRsandboxSID';
export const IMPACT_SANDBOX_TOKEN = 'sandbox-impact-token';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MEDIA_PARTNER_ID = '3212345';
const STATES = [ 'PENDING', 'APPROVED', 'REVERSED' ] as const;

function accountOf( req: IncomingMessage ): string {
	const header = req.headers.authorization ?? '';
	const decoded = Buffer.from(
		header.replace( /^Basic /, '' ),
		'base64'
	).toString();
	return decoded.split( ':' )[ 0 ] ?? '';
}

function authorised( req: IncomingMessage ): boolean {
	return (
		req.headers.authorization ===
		`Basic ${ Buffer.from(
			`${ IMPACT_SANDBOX_SID }:${ IMPACT_SANDBOX_TOKEN }`
		).toString( 'base64' ) }`
	);
}

// One page of `rows` in Impact's envelope; @nextpageuri keeps the query but the page.
function envelope(
	context: SandboxRouteContext,
	key: string,
	rows: unknown[]
): Record< string, unknown > {
	const size = Math.max(
		1,
		Number( context.url.searchParams.get( 'PageSize' ) ?? '100' ) || 100
	);
	const page = Math.max(
		1,
		Number( context.url.searchParams.get( 'Page' ) ?? '1' ) || 1
	);
	const pages = Math.max( 1, Math.ceil( rows.length / size ) );
	const uri = ( number: number ): string => {
		const params = new URLSearchParams( context.url.searchParams );
		params.set( 'Page', String( number ) );
		params.set( 'PageSize', String( size ) );
		return `${ context.url.pathname }?${ params.toString() }`;
	};
	return {
		'@page': String( page ),
		'@numpages': String( pages ),
		'@pagesize': String( size ),
		'@total': String( rows.length ),
		'@nextpageuri': page < pages ? uri( page + 1 ) : '',
		[ key ]: rows.slice( ( page - 1 ) * size, page * size ),
	};
}

// ISO 8601 with Impact's US Pacific offset, as the real API writes dates.
function pacific( date: Date ): string {
	return new Date( date.getTime() - 7 * HOUR_MS )
		.toISOString()
		.replace( /\.\d{3}Z$/, '-07:00' );
}

export const impactRoutes: SandboxNetworkFactory = ( options ) => {
	const trackingUrl = ( advertiserId: string ): string =>
		`${ options.publicBase() }/impact/c/${ MEDIA_PARTNER_ID }/${ advertiserId }/${ advertiserId }`;

	function actions( context: SandboxRouteContext ): void {
		const start = Date.parse(
			context.url.searchParams.get( 'StartDate' ) ?? ''
		);
		const end = Date.parse(
			context.url.searchParams.get( 'EndDate' ) ?? ''
		);
		if ( Number.isNaN( start ) || Number.isNaN( end ) || end < start ) {
			context.sendError(
				400,
				'Bad Request',
				'StartDate and EndDate must be ISO 8601 dates, StartDate first'
			);
			return;
		}
		if ( end - start > 45 * DAY_MS ) {
			context.sendError(
				400,
				'Bad Request',
				'The date range cannot exceed 45 days'
			);
			return;
		}
		if ( start < context.now().getTime() - 3 * 365 * DAY_MS - DAY_MS ) {
			context.sendError(
				400,
				'Bad Request',
				'StartDate cannot be more than 3 years ago'
			);
			return;
		}
		const rows = [];
		for ( const row of sandboxDailyRows(
			'impact',
			options.seed,
			{
				start: new Date( start ),
				end: new Date( end ),
				now: context.now(),
			},
			options.subIds
		) ) {
			const state = pick( row.random, STATES );
			rows.push( {
				Id: `1000.${ row.key }`,
				CampaignId: row.advertiser.id,
				CampaignName: row.advertiser.name,
				Oid: `IMP-${ row.key }`,
				State: state,
				Amount: centsText( row.saleCents ),
				Payout:
					state === 'REVERSED'
						? '0.00'
						: centsText( row.commissionCents ),
				Currency: 'EUR',
				DeltaPayout:
					state === 'REVERSED'
						? centsText( -row.commissionCents )
						: '0.00',
				IntendedPayout: centsText( row.commissionCents ),
				ReferringDate: pacific(
					new Date( row.at.getTime() - 600_000 )
				),
				EventDate: pacific( row.at ),
				CreationDate: pacific( row.at ),
				LockingDate: pacific(
					new Date( row.at.getTime() + 30 * DAY_MS )
				),
				ClearedDate: '',
				SubId1: row.subId ?? '',
				SubId2: '',
				SubId3: '',
				SharedId: '',
				PromoCode: '',
			} );
		}
		context.sendJson( 200, envelope( context, 'Actions', rows ) );
	}

	function items( context: SandboxRouteContext, catalogId: string ): void {
		const advertiser = SANDBOX_ADVERTISERS.find(
			( candidate ) => candidate.id === catalogId
		);
		if ( ! advertiser ) {
			context.sendError( 404, 'Not Found', 'Unknown catalog' );
			return;
		}
		const rows = SANDBOX_PRODUCT_TITLES.map( ( title, index ) => {
			const landing = `${ options.publicBase() }/shop/impact-${
				advertiser.id
			}/item-${ index + 1 }`;
			return {
				CatalogItemId: `${ advertiser.id }-${ index + 1 }`,
				Name: title,
				Description: `${ title } — ${ advertiser.name }`,
				Manufacturer: advertiser.name,
				Url: `${ trackingUrl( advertiser.id ) }?prodsku=${
					index + 1
				}&u=${ encodeURIComponent( landing ) }`,
				ImageUrl: `${ options.publicBase() }/images/impact-${
					advertiser.id
				}-${ index + 1 }.svg`,
				CurrentPrice: centsText( 990 + index * 450 ),
				OriginalPrice: centsText( 1290 + index * 450 ),
				Currency: 'EUR',
				StockAvailability: [ 'InStock', 'OutOfStock', 'PreOrder' ][
					index % 3
				],
				Gtin: '',
				Mpn: `MPN-${ index + 1 }`,
				Asin: '',
				Category: 'Maison',
			};
		} );
		context.sendJson( 200, envelope( context, 'Items', rows ) );
	}

	// The tracking redirect: only to the sandbox's own shop pages.
	function click( context: SandboxRouteContext ): void {
		const landing = context.url.searchParams.get( 'u' ) ?? '';
		const target = landing.startsWith( `${ options.publicBase() }/` )
			? landing
			: `${ options.publicBase() }/shop/impact`;
		context.res.writeHead( 302, { Location: target } );
		context.res.end();
	}

	return {
		network: 'impact',
		rateLimits: [
			{
				limit: 1000,
				windowMs: HOUR_MS,
				keyOf: accountOf,
				routes: [ 'Campaigns', 'TrackingLinks', 'Actions' ],
			},
			{
				limit: 3600,
				windowMs: HOUR_MS,
				keyOf: accountOf,
				routes: [ 'Catalogs', 'CatalogItems' ],
			},
		],
		routeOf: ( method, url ) => {
			if ( method === 'GET' && url.pathname.startsWith( '/impact/c/' ) ) {
				return 'click';
			}
			const match = /^\/Mediapartners\/[^/]+\/(.+)$/.exec( url.pathname );
			const rest = match?.[ 1 ] ?? '';
			if ( ! match ) {
				return undefined;
			}
			if ( method === 'GET' && rest === 'Campaigns' ) {
				return 'Campaigns';
			}
			if (
				method === 'POST' &&
				/^Programs\/[^/]+\/TrackingLinks$/.test( rest )
			) {
				return 'TrackingLinks';
			}
			if ( method === 'GET' && rest === 'Catalogs' ) {
				return 'Catalogs';
			}
			if ( method === 'GET' && /^Catalogs\/[^/]+\/Items$/.test( rest ) ) {
				return 'CatalogItems';
			}
			if ( method === 'GET' && rest === 'Actions' ) {
				return 'Actions';
			}
			return undefined;
		},
		handle: ( context ) => {
			if ( context.route === 'click' ) {
				click( context );
				return true;
			}
			if (
				! authorised( context.req ) ||
				! context.url.pathname.startsWith(
					`/Mediapartners/${ IMPACT_SANDBOX_SID }/`
				)
			) {
				context.sendError( 401, 'Unauthorized', 'Invalid credentials' );
				return true;
			}
			if ( context.req.headers.accept !== 'application/json' ) {
				context.sendError(
					406,
					'Not Acceptable',
					'This sandbox answers JSON only; send Accept: application/json'
				);
				return true;
			}
			const id = context.url.pathname.split( '/' )[ 4 ] ?? '';
			switch ( context.route ) {
				case 'Campaigns':
					context.sendJson(
						200,
						envelope(
							context,
							'Campaigns',
							SANDBOX_ADVERTISERS.map( ( advertiser ) => ( {
								AdvertiserId: advertiser.id,
								AdvertiserName: advertiser.name,
								CampaignId: advertiser.id,
								CampaignName: advertiser.name,
								ContractStatus: 'Active',
								TrackingLink: trackingUrl( advertiser.id ),
								AllowsDeeplinking: 'true',
								DeeplinkDomains: [],
							} ) )
						)
					);
					return true;
				case 'TrackingLinks': {
					const programId = id;
					if (
						! SANDBOX_ADVERTISERS.some(
							( advertiser ) => advertiser.id === programId
						)
					) {
						context.sendError(
							404,
							'Not Found',
							'Unknown program'
						);
						return true;
					}
					const url = new URL( trackingUrl( programId ) );
					for ( const key of [ 'subId1', 'sharedId' ] ) {
						const value = context.url.searchParams.get( key );
						if ( value ) {
							url.searchParams.set( key, value );
						}
					}
					const deepLink = context.url.searchParams.get( 'DeepLink' );
					if ( deepLink ) {
						url.searchParams.set( 'u', deepLink );
					}
					context.sendJson( 200, { TrackingURL: url.toString() } );
					return true;
				}
				case 'Catalogs':
					context.sendJson(
						200,
						envelope(
							context,
							'Catalogs',
							SANDBOX_ADVERTISERS.slice( 0, 2 ).map(
								( advertiser ) => ( {
									Id: advertiser.id,
									Name: `Catalogue ${ advertiser.name }`,
									CampaignId: advertiser.id,
									CampaignName: advertiser.name,
									Currency: 'EUR',
								} )
							)
						)
					);
					return true;
				case 'CatalogItems':
					items( context, id );
					return true;
				case 'Actions':
					actions( context );
					return true;
				default:
					return false;
			}
		},
	};
};
