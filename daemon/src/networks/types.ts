/** What every network adapter hands to the sync code, already normalised. */

export type CommissionType = 'percentage' | 'fixed';

export type Availability =
	| 'in_stock'
	| 'out_of_stock'
	| 'preorder'
	| 'backorder'
	| 'unknown';

export interface ProgrammeTerms {
	programmeId: string;
	name: string;
	currency: string | null;
	deeplinkEnabled: boolean;
	validDomains: string[];
	commissionType: CommissionType | null;
	/** Percentage: basis points (1250 = 12.5 %); fixed: minor units of `currency`. */
	commissionMin: number | null;
	commissionMax: number | null;
	cookieDays: number | null;
	validationDays: number | null;
	approvalRateBp: number | null;
	epcMinor: number | null;
	/** The network's own fields, verbatim. */
	raw: unknown;
}

export interface LinkTemplate {
	programmeId: string;
	/** Holds the literal placeholders {sub_id} and {landing_url}. */
	template: string;
	trackingHost: string;
}

export interface CatalogueOffer {
	offerKey: string;
	merchantId: string;
	merchantName: string;
	landingUrl: string;
	trackingUrl: string | null;
	priceMinor: number | null;
	rrpMinor: number | null;
	currency: string;
	deliveryMinor: number | null;
	availability: Availability;
	promoCode: string | null;
}

export interface CatalogueItem {
	productKey: string;
	programmeId: string;
	title: string;
	description: string;
	brand: string;
	category: string;
	imageUrl: string;
	gtin: string | null;
	mpn: string | null;
	offers: CatalogueOffer[];
	/** The network's own fields, verbatim. */
	raw: Record< string, unknown >;
}

export interface RejectedRow {
	/** 1-based data row number (the header is row 0). */
	row: number;
	reason: string;
}

export interface StreamCatalogueOptions {
	signal?: AbortSignal;
	onRejectedRow?: ( rejected: RejectedRow ) => void;
}

export interface NetworkAdapter {
	readonly network: string;
	/** Joined programmes with their terms (may cost one API call per programme). */
	listProgrammes( signal?: AbortSignal ): Promise< ProgrammeTerms[] >;
	/** Joined programme ids only: the cheap call link templates need. */
	listProgrammeIds( signal?: AbortSignal ): Promise< string[] >;
	buildLinkTemplate( programmeId: string ): LinkTemplate;
	/** Whether a catalogue is configured for this account (feeds are optional). */
	hasCatalogue(): boolean;
	streamCatalogue(
		options?: StreamCatalogueOptions
	): AsyncIterable< CatalogueItem >;
}
