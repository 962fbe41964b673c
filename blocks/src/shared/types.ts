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
	/** The later of the offer's check and the network's last successful catalogue sync. */
	price_checked_at: string;
	programme_id: string;
	deeplink_enabled: boolean;
	valid_domains: string[];
	promo_code: string | null;
}

/**
 * A merchant the picker can filter by (a programme of a network).
 */
export interface Merchant {
	network: string;
	programme_id: string;
	name: string;
}

export type ProductSort = 'relevance' | 'commission' | 'price';

/**
 * What the picker narrows a search to.
 */
export interface ProductFilters {
	network: string;
	merchant: string;
	inStock: boolean;
	orderby: ProductSort;
}

export type CardLayout = 'horizontal' | 'vertical' | 'compact';

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
	layout: CardLayout;
	showPrice: boolean;
	showMerchant: boolean;
	showImage: boolean;
	buttonText: string;
	promoCode: string;
	landingUrl: string;
}

export type ListColumn =
	| 'image'
	| 'title'
	| 'brand'
	| 'price'
	| 'merchant'
	| 'availability'
	| 'button';

/**
 * A chosen product's snapshot in a list, for the plain-link fallback.
 */
export interface ListSnapshot extends ProductSnapshot {
	id: number;
}

export interface ProductListAttributes {
	placementId: string;
	source: 'chosen' | 'query';
	productIds: number[];
	snapshots: ListSnapshot[];
	queryOrderby: 'commission' | 'price';
	queryNetwork: string;
	queryMerchant: string;
	queryCategory: string;
	queryLimit: number;
	columns: ListColumn[];
	buttonText: string;
}

/**
 * A network's creative as the `afflux/v1/banners` REST route returns it.
 */
export interface Creative {
	banner_id: string;
	name: string;
	width: number | null;
	height: number | null;
	size: string;
	image_url: string;
}

export interface BannerAttributes {
	placementId: string;
	productId?: number;
	snapshot: ProductSnapshot;
	network: string;
	programmeId: string;
	bannerId: string;
	alt: string;
}
