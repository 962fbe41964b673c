/**
 * WordPress dependencies
 */
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { CatalogueProduct } from './types';

/**
 * A short label for an offer's availability.
 *
 * @param availability Availability from the cache.
 */
export function availabilityLabel( availability: string ): string {
	switch ( availability ) {
		case 'in_stock':
			return __( 'In stock', 'afflux' );
		case 'out_of_stock':
			return __( 'Out of stock', 'afflux' );
		case 'preorder':
			return __( 'Pre-order', 'afflux' );
		case 'backorder':
			return __( 'On back-order', 'afflux' );
		default:
			return __( 'Stock unknown', 'afflux' );
	}
}

/**
 * The programme's terms in one line: commission, cookie days, validation days.
 *
 * @param product Catalogue product.
 */
export function termsLine( product: CatalogueProduct ): string {
	const parts: string[] = [];
	parts.push(
		product.commission !== ''
			? sprintf(
					/* translators: %s: commission rate or amount, e.g. "5 % – 12,5 %". */
					__( 'commission %s', 'afflux' ),
					product.commission
			  )
			: __( 'commission unknown', 'afflux' )
	);
	if ( product.cookie_days !== null ) {
		parts.push(
			sprintf(
				/* translators: %d: cookie lifetime in days. */
				_n(
					'%d-day cookie',
					'%d-day cookie',
					product.cookie_days,
					'afflux'
				),
				product.cookie_days
			)
		);
	}
	if ( product.validation_days !== null ) {
		parts.push(
			sprintf(
				/* translators: %d: days before a commission is validated. */
				_n(
					'validated after %d day',
					'validated after %d days',
					product.validation_days,
					'afflux'
				),
				product.validation_days
			)
		);
	}
	return parts.join( ' · ' );
}
