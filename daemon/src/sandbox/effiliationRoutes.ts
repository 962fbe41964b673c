import { SAFE_DEFAULT_RATE_LIMIT } from '../http/rateLimiter';
import {
	SANDBOX_ADVERTISERS,
	SANDBOX_PRODUCT_TITLES,
	centsText,
	sandboxDailyRows,
} from './networkSandboxRows';
import type {
	SandboxNetworkFactory,
	SandboxRateLimit,
	SandboxRouteContext,
} from './networkRoutes';
import { pick } from './prng';

/** Effiliation's API v2 in the sandbox: programmes, type-33 feeds and transactions. */

export const EFFILIATION_SANDBOX_KEY = 'sandbox-effiliation-key';

const ROUTES: Record< string, string > = {
	'/apiv2/programs.json': 'programs',
	'/apiv2/productfeeds.json': 'productfeeds',
	'/apiv2/transaction.json': 'transaction',
};

function escapeXml( value: string ): string {
	return value
		.replace( /&/g, '&amp;' )
		.replace( /</g, '&lt;' )
		.replace( />/g, '&gt;' )
		.replace( /"/g, '&quot;' );
}

// Effiliation writes Paris wall times.
function parisTime( date: Date ): string {
	return new Intl.DateTimeFormat( 'sv-SE', {
		timeZone: 'Europe/Paris',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	} ).format( date );
}

// dd/MM/yyyy, a Paris day: [00:00, 24:00) Paris time as UTC instants.
function parseDay( value: string | null, endOfDay: boolean ): Date | null {
	const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec( value ?? '' );
	if ( ! match ) {
		return null;
	}
	const midnightUtc = Date.UTC(
		Number( match[ 3 ] ),
		Number( match[ 2 ] ) - 1,
		Number( match[ 1 ] )
	);
	// Paris is 1 or 2 hours ahead; an hour either way only widens the sandbox's window.
	return new Date(
		midnightUtc -
			2 * 3_600_000 +
			( endOfDay ? 86_400_000 + 2 * 3_600_000 - 1 : 0 )
	);
}

/**
 * No limit is documented for Effiliation (docs/networks.md): the sandbox enforces the conservative
 * limit the daemon's limiter applies to it (SAFE_DEFAULT_RATE_LIMIT, one limiter per API host), so a limiter
 * regression is refused here as the real network would refuse abuse.
 */
export const EFFILIATION_QUOTAS: SandboxRateLimit[] = [
	{
		...SAFE_DEFAULT_RATE_LIMIT,
		routes: [ 'programs', 'productfeeds', 'transaction' ],
	},
];

export const effiliationRoutes: SandboxNetworkFactory = ( options ) => {
	function transactions( context: SandboxRouteContext ): unknown {
		const english = context.url.searchParams.get( 'lg' ) === 'en';
		const statuses = english
			? [ 'Pending', 'Valid', 'Refusal' ]
			: [ 'Attente', 'Valide', 'Refus' ];
		const start = parseDay(
			context.url.searchParams.get( 'start' ),
			false
		);
		const end = parseDay( context.url.searchParams.get( 'end' ), true );
		if ( ! start || ! end || end < start ) {
			context.sendError(
				400,
				'Bad Request',
				'start and end must be dd/MM/yyyy, start before end'
			);
			return undefined;
		}
		const rows = [];
		for ( const row of sandboxDailyRows(
			'effiliation',
			options.seed,
			{ start, end, now: options.now() },
			options.subIds
		) ) {
			const etat = pick( row.random, statuses );
			rows.push( {
				id_transaction: `E${ row.key }`,
				id_affilieur: `33${ row.advertiser.id }`,
				id_programme: row.advertiser.id,
				id_session: `sess-${ row.key }`,
				effi_id: row.subId ?? '',
				effi_id2: '',
				type: 'Sale',
				montant: centsText( row.saleCents ),
				commission: centsText( row.commissionCents ),
				etat,
				date: parisTime( row.at ),
				dateclic: parisTime( new Date( row.at.getTime() - 600_000 ) ),
				datetran: parisTime( row.at ),
				datevalidation:
					etat === statuses[ 1 ]
						? parisTime(
								new Date( row.at.getTime() + 30 * 86_400_000 )
						  )
						: '',
			} );
		}
		return { transactions: rows };
	}

	function feed( context: SandboxRouteContext, programmeId: string ): void {
		const advertiser = SANDBOX_ADVERTISERS.find(
			( candidate ) => candidate.id === programmeId
		);
		if ( ! advertiser ) {
			context.sendError( 404, 'Not Found', 'Unknown feed' );
			return;
		}
		const items = SANDBOX_PRODUCT_TITLES.map(
			( title, index ) => `<item>
<g:id>${ programmeId }-${ index + 1 }</g:id>
<g:title>${ escapeXml( title ) }</g:title>
<g:description>${ escapeXml(
				`${ title } — ${ advertiser.name }`
			) }</g:description>
<g:link>${ escapeXml(
				`${ options.publicBase() }/shop/effiliation-${ programmeId }/produit-${
					index + 1
				}?ref=flux&lang=fr`
			) }</g:link>
<g:image_link>${ options.publicBase() }/images/effiliation-${ programmeId }-${
				index + 1
			}.svg</g:image_link>
<g:availability>${
				index % 4 === 3 ? 'out_of_stock' : 'in_stock'
			}</g:availability>
<g:price>${ centsText( 990 + index * 450 ) } EUR</g:price>
<g:brand>${ escapeXml( advertiser.name ) }</g:brand>
</item>`
		);
		const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>
<title>${ escapeXml( advertiser.name ) }</title>
${ items.join( '\n' ) }
</channel></rss>
`;
		context.res.writeHead( 200, {
			'Content-Type': 'application/xml; charset=utf-8',
		} );
		context.res.end( body );
	}

	return {
		network: 'effiliation',
		rateLimits: EFFILIATION_QUOTAS,
		routeOf: ( method, url ) => {
			if ( method !== 'GET' ) {
				return undefined;
			}
			if ( /^\/flux\/effiliation\/[^/]+\.xml$/.test( url.pathname ) ) {
				return 'feed';
			}
			return ROUTES[ url.pathname ];
		},
		handle: ( context ) => {
			if ( context.route === 'feed' ) {
				feed(
					context,
					/\/([^/]+)\.xml$/.exec( context.url.pathname )?.[ 1 ] ?? ''
				);
				return true;
			}
			if (
				context.url.searchParams.get( 'key' ) !==
				EFFILIATION_SANDBOX_KEY
			) {
				context.sendError( 401, 'Unauthorized', 'Invalid API key' );
				return true;
			}
			switch ( context.route ) {
				case 'programs':
					context.sendJson( 200, {
						programs: SANDBOX_ADVERTISERS.map( ( advertiser ) => ( {
							id_programme: advertiser.id,
							nom: advertiser.name,
							id_affilieur: `33${ advertiser.id }`,
							pays: 'FR',
						} ) ),
					} );
					return true;
				case 'productfeeds':
					context.sendJson(
						200,
						context.url.searchParams.get( 'type' ) === '33'
							? SANDBOX_ADVERTISERS.slice( 0, 2 ).map(
									( advertiser ) => ( {
										id_programme: advertiser.id,
										url: `${ options.publicBase() }/flux/effiliation/${
											advertiser.id
										}.xml`,
										nom: `Google Shopping — ${ advertiser.name }`,
									} )
							  )
							: []
					);
					return true;
				case 'transaction': {
					const body = transactions( context );
					if ( body !== undefined ) {
						context.sendJson( 200, body );
					}
					return true;
				}
				default:
					return false;
			}
		},
	};
};
