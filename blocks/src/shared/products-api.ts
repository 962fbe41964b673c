/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { CatalogueProduct } from './types';

export const PRODUCTS_PATH = '/afflux/v1/products';

/**
 * The REST path for a catalogue search.
 *
 * @param search  The blogger's words.
 * @param perPage How many results.
 */
export function productSearchPath( search: string, perPage = 10 ): string {
	return addQueryArgs( PRODUCTS_PATH, {
		search: search.trim(),
		per_page: perPage,
	} );
}

/**
 * Searches the synced catalogue.
 *
 * @param search The blogger's words.
 * @param signal Aborts a search the blogger has typed past.
 */
export function searchProducts(
	search: string,
	signal?: AbortSignal
): Promise< CatalogueProduct[] > {
	return apiFetch< CatalogueProduct[] >( {
		path: productSearchPath( search ),
		signal,
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
