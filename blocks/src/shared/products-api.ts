/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type {
	CatalogueProduct,
	Creative,
	Merchant,
	ProductFilters,
} from './types';

export const PRODUCTS_PATH = '/afflux/v1/products';
export const MERCHANTS_PATH = '/afflux/v1/merchants';

export const NO_FILTERS: ProductFilters = {
	network: '',
	merchant: '',
	inStock: false,
	orderby: 'relevance',
};

/**
 * The REST path for a catalogue search; filters left at their default are not sent.
 *
 * @param search  The blogger's words.
 * @param perPage How many results.
 * @param filters Network, merchant, stock and sort.
 */
export function productSearchPath(
	search: string,
	perPage = 10,
	filters: ProductFilters = NO_FILTERS
): string {
	const args: Record< string, string | number | boolean > = {
		search: search.trim(),
		per_page: perPage,
	};
	if ( filters.network !== '' ) {
		args.network = filters.network;
	}
	if ( filters.merchant !== '' ) {
		args.merchant = filters.merchant;
	}
	if ( filters.inStock ) {
		args.in_stock = true;
	}
	if ( filters.orderby !== 'relevance' ) {
		args.orderby = filters.orderby;
	}
	return addQueryArgs( PRODUCTS_PATH, args );
}

/**
 * Searches the synced catalogue.
 *
 * @param search  The blogger's words.
 * @param filters Network, merchant, stock and sort.
 * @param signal  Aborts a search the blogger has typed past.
 */
export function searchProducts(
	search: string,
	filters: ProductFilters = NO_FILTERS,
	signal?: AbortSignal
): Promise< CatalogueProduct[] > {
	return apiFetch< CatalogueProduct[] >( {
		path: productSearchPath( search, 10, filters ),
		signal,
	} );
}

/**
 * The merchants (programmes) the picker can filter by.
 */
export function fetchMerchants(): Promise< Merchant[] > {
	return apiFetch< Merchant[] >( { path: MERCHANTS_PATH } );
}

/**
 * The REST path that checks a deep-link landing page against the product's programme.
 *
 * @param productId Product id.
 * @param url       The landing page typed by the blogger.
 */
export function landingPageCheckPath( productId: number, url: string ): string {
	return addQueryArgs( `${ PRODUCTS_PATH }/${ productId }/landing-page`, {
		url: url.trim(),
	} );
}

/**
 * Resolves when the programme accepts the landing page; rejects with the reason otherwise.
 *
 * @param productId Product id.
 * @param url       The landing page typed by the blogger.
 */
export function checkLandingPage(
	productId: number,
	url: string
): Promise< { url: string } > {
	return apiFetch< { url: string } >( {
		path: landingPageCheckPath( productId, url ),
	} );
}

/**
 * A plain-words message for a failed request.
 *
 * @param error What apiFetch rejected with.
 */
export function describeRequestError( error: unknown ): string {
	if ( error && typeof error === 'object' && 'message' in error ) {
		const message = ( error as { message: unknown } ).message;
		if ( typeof message === 'string' && message !== '' ) {
			return message;
		}
	}
	return '';
}

export const BANNERS_PATH = '/afflux/v1/banners';

/**
 * A programme's creatives, largest first.
 *
 * @param network     Network name.
 * @param programmeId Programme (merchant) id.
 */
export function fetchCreatives(
	network: string,
	programmeId: string
): Promise< Creative[] > {
	return apiFetch< Creative[] >( {
		path: addQueryArgs( BANNERS_PATH, {
			network,
			programme_id: programmeId,
		} ),
	} );
}
