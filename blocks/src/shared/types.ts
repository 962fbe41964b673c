/**
 * A catalogue product as the `afflux/v1/products` REST route returns it.
 */
export interface CatalogueProduct {
	id: number;
	title: string;
	brand: string;
	merchant: string;
	network: string;
	programme: string | null;
	price_minor: number | null;
	currency: string | null;
	price_formatted: string;
	availability: string;
	image_url: string;
	landing_url: string;
	commission: string;
	cookie_days: number | null;
	validation_days: number | null;
	checked_at: string;
}

/**
 * What a block keeps about its product so the front end can still show a plain link when the
 * cache cannot be read.
 */
export interface ProductSnapshot {
	title?: string;
	url?: string;
}

export interface ProductCardAttributes {
	productId?: number;
	placementId: string;
	snapshot: ProductSnapshot;
}
