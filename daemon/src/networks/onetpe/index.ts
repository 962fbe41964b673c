import type { LinkTemplate, NetworkAdapter, ProgrammeTerms } from '../types';
import { withUnpublishedTerms } from '../unpublishedTerms';

/**
 * 1TPE (French digital products): links only (docs/networks.md, 1TPE section). The only API is
 * the vendors'; products and commissions come in through `afflux-daemon import`. A link names
 * the affiliate, the vendor and the product, and carries no sub id or landing page, so the
 * template is a ready link without placeholders.
 */

export const ONETPE = 'onetpe';

/** 1TPE's cookie lasts 60 days (the seeds); shown with each product's terms. */
export const ONETPE_COOKIE_DAYS = 60;

export interface OnetpeProduct {
	vendorLogin: string;
	productNo: string;
	/** How the blogger knows it; defaults to vendor and number. */
	name?: string;
}

export interface OnetpeAccount {
	affiliateLogin: string;
	products: OnetpeProduct[];
}

const LOGIN = /^[a-z0-9][a-z0-9-]*$/i;

export class OnetpeLinkError extends Error {
	constructor( message: string ) {
		super( `1TPE: ${ message }` );
		this.name = 'OnetpeLinkError';
	}
}

/** A product's programme id in the cache: "vendorLogin.productNo". */
export function onetpeProgrammeId( product: OnetpeProduct ): string {
	return `${ product.vendorLogin }.${ product.productNo }`;
}

// Logins become host name labels: anything but letters, digits and hyphens would make another host.
export function buildOnetpeLinkTemplate(
	affiliateLogin: string,
	programmeId: string
): LinkTemplate {
	const [ vendorLogin = '', productNo = '', ...rest ] =
		programmeId.split( '.' );
	if ( ! LOGIN.test( affiliateLogin ) ) {
		throw new OnetpeLinkError(
			`affiliateLogin must be letters, digits and hyphens, not ${ JSON.stringify(
				affiliateLogin
			) }`
		);
	}
	if (
		rest.length > 0 ||
		! LOGIN.test( vendorLogin ) ||
		! /^\d+$/.test( productNo )
	) {
		throw new OnetpeLinkError(
			`a product is "vendorLogin.productNo" (e.g. "formateur.12"), not ${ JSON.stringify(
				programmeId
			) }`
		);
	}
	const host =
		`go.${ affiliateLogin }.${ vendorLogin }.${ productNo }.1tpe.net`.toLowerCase();
	return {
		programmeId,
		template: `http://${ host }`,
		trackingHost: host,
	};
}

function programmeTerms( product: OnetpeProduct ): ProgrammeTerms {
	return withUnpublishedTerms( {
		programmeId: onetpeProgrammeId( product ),
		name:
			product.name ??
			`${ product.vendorLogin } n° ${ product.productNo }`,
		currency: 'EUR',
		deeplinkEnabled: false,
		cookieDays: ONETPE_COOKIE_DAYS,
		raw: product,
	} );
}

export function createOnetpeAdapter( account: OnetpeAccount ): NetworkAdapter {
	return {
		network: ONETPE,
		listProgrammes: async () => account.products.map( programmeTerms ),
		listProgrammeIds: async () => account.products.map( onetpeProgrammeId ),
		buildLinkTemplate: ( programmeId ) =>
			buildOnetpeLinkTemplate( account.affiliateLogin, programmeId ),
		// Products come from `afflux-daemon import --network onetpe --kind products`.
		hasCatalogue: () => false,
		streamCatalogue: () => {
			throw new OnetpeLinkError(
				'has no catalogue API; import products from a CSV file'
			);
		},
	};
}
