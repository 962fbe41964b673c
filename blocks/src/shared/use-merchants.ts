/**
 * WordPress dependencies
 */
import { useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { fetchMerchants } from './products-api';
import type { Merchant } from './types';

/**
 * The synced merchants, fetched once. Without the list the merchant filters are simply not
 * offered (an empty list), so a failed request is not an error here.
 */
export function useMerchants(): Merchant[] {
	const [ merchants, setMerchants ] = useState< Merchant[] >( [] );
	useEffect( () => {
		fetchMerchants()
			.then( setMerchants )
			.catch( () => setMerchants( [] ) );
	}, [] );
	return merchants;
}
