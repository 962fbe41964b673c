import { availabilityLabel, termsLine } from './product-summary';
import type { CatalogueProduct } from './types';

const product: CatalogueProduct = {
	id: 1,
	title: 'Casque',
	brand: '',
	merchant: 'Boutique',
	network: 'awin',
	programme: 'Boutique',
	price_minor: 1290,
	currency: 'EUR',
	price_formatted: '12,90 €',
	availability: 'in_stock',
	image_url: '',
	landing_url: 'https://boutique.fr/p/1',
	commission: '5 % – 12,5 %',
	cookie_days: 30,
	validation_days: 1,
	checked_at: '2026-11-21T08:00:00Z',
	price_checked_at: '2026-11-21T08:00:00Z',
	programme_id: '1001',
	deeplink_enabled: true,
	valid_domains: [ 'boutique.fr' ],
	promo_code: null,
};

describe( 'product summary in the picker', () => {
	it( 'shows commission, cookie days and validation days', () => {
		expect( termsLine( product ) ).toBe(
			'commission 5 % – 12,5 % · 30-day cookie · validated after 1 day'
		);
	} );

	it( 'says plainly when the terms are unknown', () => {
		expect(
			termsLine( {
				...product,
				commission: '',
				cookie_days: null,
				validation_days: null,
			} )
		).toBe( 'commission unknown' );
	} );

	it( 'labels every availability, unknown ones included', () => {
		expect( availabilityLabel( 'in_stock' ) ).toBe( 'In stock' );
		expect( availabilityLabel( 'out_of_stock' ) ).toBe( 'Out of stock' );
		expect( availabilityLabel( 'weird' ) ).toBe( 'Stock unknown' );
	} );
} );
