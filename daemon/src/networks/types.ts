/** What every network adapter hands to the sync code, already normalised. */

import type { PreparedCatalogueBatch } from '../ingest/storedCatalogueRow';

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
	/**
	 * Which of `raw`'s fields a column already holds verbatim (one constant per adapter). The
	 * cache stores such a field only in its column when the values are equal, not twice.
	 */
	rawInColumns?: RawFieldColumns;
}

/** A column of the cache that can hold a raw feed field verbatim (offers: single-offer items). */
export type RawFieldColumn =
	| 'products.product_key'
	| 'products.programme_id'
	| 'products.title'
	| 'products.description'
	| 'products.brand'
	| 'products.category'
	| 'products.image_url'
	| 'products.gtin'
	| 'products.mpn'
	| 'offers.merchant_id'
	| 'offers.merchant_name'
	| 'offers.landing_url'
	| 'offers.tracking_url';

export type RawFieldColumns = Readonly< Record< string, RawFieldColumn > >;

export interface RejectedRow {
	/** 1-based data row number (the header is row 0). */
	row: number;
	reason: string;
}

export interface StreamCatalogueOptions {
	signal?: AbortSignal;
	onRejectedRow?: ( rejected: RejectedRow ) => void;
	/** Rows per batch of streamCatalogueBatches (the writer's transaction size). */
	batchSize?: number;
}

/** The normalised commission status; the network's own string travels beside it. */
export type TransactionStatus =
	| 'pending'
	| 'approved'
	| 'paid'
	| 'declined'
	| 'reversed'
	| 'on_hold';

export const TRANSACTION_STATUSES: readonly TransactionStatus[] = [
	'pending',
	'approved',
	'paid',
	'declined',
	'reversed',
	'on_hold',
];

/** One commission as the cache stores it (table `transactions`). */
export interface NormalisedTransaction {
	/** Adapter name, as NetworkAdapter.network. */
	network: string;
	/** The network's transaction / action / commission id; unique within the network. */
	transactionId: string;
	/** The publisher account it belongs to (Awin publisherId, Impact AccountSID, CJ CID…). */
	accountId: string;
	/** The advertiser / campaign id, as in `programmes.programme_id`. */
	programmeId: string;
	status: TransactionStatus;
	/** The network's own status string, verbatim (e.g. "approved", "Valide", "REVERSED"). */
	networkStatus: string;
	/** Integer minor units of `currency`; null when the network gives no sale amount. */
	saleMinor: number | null;
	/** Integer minor units; negative for a clawback row (Rakuten). */
	commissionMinor: number;
	/** ISO 4217, upper case. */
	currency: string;
	/** The placement's sub id read back from the network (clickref, effi_id, SubId1, sid, u1). */
	subId: string | null;
	orderRef: string | null;
	/** ISO 8601 UTC ("2026-11-21T08:00:00Z"), as store/timestamps.ts writes them. */
	clickAt: string | null;
	transactionAt: string;
	validatedAt: string | null;
	paidAt: string | null;
	/** The network's own record, verbatim. */
	raw: unknown;
}

/** A time range to fetch, [start, end] in UTC; never longer than the adapter's maxDays. */
export interface TransactionWindow {
	start: Date;
	end: Date;
	/**
	 * An opaque cursor from the previous page or run, for networks that page by id or token
	 * (CJ's sinceCommissionId, Impact's @nextpageuri, TikTok's page_token); undefined at first.
	 */
	cursor?: string;
	/**
	 * Which date the window filters on: absent for the adapter's default (the transaction date,
	 * or last-updated where the network filters so), else one of spec.changeDateFields.
	 */
	dateField?: string;
}

/** One answer of fetchTransactions: a page of rows, and where the next page starts. */
export interface TransactionPage {
	transactions: NormalisedTransaction[];
	/** Set when more pages follow in the same window; pass it back as window.cursor. */
	nextCursor?: string;
}

/** How a network's transaction API may be asked, as documented (docs/networks.md). */
export interface TransactionWindowSpec {
	/** The longest window one request may cover (Awin 31, Impact 45, CJ 31 [unsure]). */
	maxDays: number;
	/** How far back the network answers at all (Impact: 3 years); undefined when unknown. */
	maxLookbackDays?: number;
	/**
	 * 'none': one request per window; 'page': numbered pages / next-page tokens;
	 * 'sinceId': the cursor is the highest id seen (CJ sinceCommissionId).
	 */
	paging: 'none' | 'page' | 'sinceId';
	/**
	 * Days re-read behind the last synced end on every run, so validations, amendments and
	 * refunds of older transactions are seen (a network without a "changed since" query).
	 */
	trailingDays: number;
	/**
	 * Other date fields the API can filter on that move when a transaction changes (Awin:
	 * validation, amendment). The sync also reads the latest maxDays by each of them.
	 */
	changeDateFields?: readonly string[];
}

/** A documented rate limit: at most `limit` calls in any `windowMs`, counted per `scope`. */
export interface RateLimitSpec {
	limit: number;
	windowMs: number;
	/** 'user': shared by every account of one login (Awin); 'account': per account. */
	scope: 'user' | 'account';
	/** Stricter limits on some endpoints (Impact /Catalogs 3600/h), by path prefix. */
	endpoints?: Record< string, { limit: number; windowMs: number } >;
}

/** What an account check (`afflux-daemon doctor`) found, in plain words. */
export interface AccountCheck {
	/** e.g. "credentials", "programmes", "feed key". */
	check: string;
	ok: boolean;
	/** What is wrong and what to do about it; a short confirmation when ok. */
	message: string;
}

export interface NetworkAdapter {
	readonly network: string;
	/** The account this adapter syncs (cursor and transaction rows are keyed by it). */
	readonly accountId?: string;
	/** The documented limit of its API, for the limiter and the quota tests. */
	readonly rateLimit?: RateLimitSpec;
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
	/**
	 * The same catalogue as prepared batches parsed off the main thread (CSV feeds read in a
	 * worker); the sync uses it when present. A batch is read before the next one is pulled
	 * (its buffer is then reused).
	 */
	streamCatalogueBatches?(
		options?: StreamCatalogueOptions
	): AsyncIterable< PreparedCatalogueBatch >;
	/** Present when the network has a commissions API (absent: CSV import only). */
	readonly transactionWindow?: TransactionWindowSpec;
	/**
	 * Commissions of one window, normalised. Must be idempotent (same window → same rows) and
	 * throw TransientError / PermanentError (http/errors.ts) rather than return partial data.
	 */
	fetchTransactions?(
		window: TransactionWindow,
		signal?: AbortSignal
	): Promise< TransactionPage >;
}
