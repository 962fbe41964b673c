import { encodeRfc3986 } from '../links/fillTemplate';
import { mulberry32, pick, seedFor } from './prng';

/**
 * Deterministic data for the sandbox: the same options always give the same programmes,
 * products and transactions. Names and titles carry accents, &, both quotes and < on purpose:
 * everything downstream must escape them.
 */

export interface SandboxMerchant {
	advertiserId: number;
	name: string;
	slug: string;
	/** The feed that lists this merchant's products, if any. */
	feedId: string | null;
	sector: string;
	deeplinkEnabled: boolean;
	commissionRange: Array< {
		min: number;
		max: number;
		type: 'percentage' | 'amount';
	} >;
	validationDays: number;
	approvalPercentage: number;
	epc: number;
	cookieLength: number;
	titles: readonly string[];
	categories: readonly string[];
	brands: readonly string[];
}

export const SANDBOX_MERCHANTS: readonly SandboxMerchant[] = [
	{
		advertiserId: 7001,
		name: 'Boulangerie Dupré & Fils',
		slug: 'boulangerie-dupre',
		feedId: '1001',
		sector: 'Alimentation',
		deeplinkEnabled: true,
		commissionRange: [
			{ min: 5, max: 8, type: 'percentage' },
			{ min: 3.5, max: 3.5, type: 'percentage' },
		],
		validationDays: 30,
		approvalPercentage: 92.5,
		epc: 0.35,
		cookieLength: 30,
		titles: [
			'Crème brûlée à la vanille',
			'Pain d\'épices "maison" & miel',
			'Bûche de Noël praliné',
			"Croissant au beurre d'Isigny",
			'Galette des rois <frangipane>',
		],
		categories: [ 'Pâtisserie', 'Viennoiserie', 'Épicerie fine' ],
		brands: [ 'Dupré & Fils', 'Maison Dupré' ],
	},
	{
		advertiserId: 7002,
		name: "Librairie L'Écume des Pages",
		slug: 'ecume-des-pages',
		feedId: '1002',
		sector: 'Livres',
		deeplinkEnabled: true,
		commissionRange: [ { min: 4.5, max: 7.5, type: 'percentage' } ],
		validationDays: 45,
		approvalPercentage: 88,
		epc: 0.12,
		cookieLength: 30,
		titles: [
			'Le Petit Prince — édition illustrée',
			"L'Étranger (poche)",
			'Les Misérables, tome 1 & 2',
			'Cahier « Été » <édition limitée>',
		],
		categories: [ 'Romans', 'Jeunesse', 'Papeterie' ],
		brands: [ 'Gallimard', 'Folio', "L'Écume" ],
	},
	{
		advertiserId: 7003,
		name: 'Jardinerie "Les Pétales" & Cie',
		slug: 'les-petales',
		feedId: '1003',
		sector: 'Maison & jardin',
		deeplinkEnabled: true,
		commissionRange: [ { min: 2.5, max: 10, type: 'amount' } ],
		validationDays: 60,
		approvalPercentage: 95,
		epc: 0.08,
		cookieLength: 45,
		titles: [
			'Sécateur "Pro" 20 cm',
			'Graines de tomates cœur-de-bœuf',
			'Arrosoir en zinc 10 L & pomme',
			'Terreau bio <50 L>',
		],
		categories: [ 'Outils', 'Semences', 'Arrosage' ],
		brands: [ 'Pétales', 'Fiskars', "Jardin d'Éloïse" ],
	},
	{
		advertiserId: 7004,
		name: 'Vins Château <Belle-Rive>',
		slug: 'chateau-belle-rive',
		feedId: null,
		sector: 'Vins',
		deeplinkEnabled: false,
		commissionRange: [ { min: 6, max: 6, type: 'percentage' } ],
		validationDays: 30,
		approvalPercentage: 80,
		epc: 0.2,
		cookieLength: 30,
		titles: [],
		categories: [],
		brands: [],
	},
];

export const FIRST_PRODUCT_ID = 900001;

export interface SandboxDataOptions {
	seed: number;
	publisherId: string;
	publicBase: string;
}

function centsToDecimal( cents: number ): string {
	return `${ Math.floor( cents / 100 ) }.${ String( cents % 100 ).padStart(
		2,
		'0'
	) }`;
}

function feedMerchants(): SandboxMerchant[] {
	return SANDBOX_MERCHANTS.filter( ( merchant ) => merchant.feedId !== null );
}

export function merchantByAdvertiserId(
	id: number
): SandboxMerchant | undefined {
	return SANDBOX_MERCHANTS.find(
		( merchant ) => merchant.advertiserId === id
	);
}

export function merchantBySlug( slug: string ): SandboxMerchant | undefined {
	return SANDBOX_MERCHANTS.find( ( merchant ) => merchant.slug === slug );
}

export function sandboxHostname( publicBase: string ): string {
	return new URL( publicBase ).hostname;
}

export function programmeListEntry(
	merchant: SandboxMerchant,
	options: SandboxDataOptions
): Record< string, unknown > {
	return {
		id: merchant.advertiserId,
		name: merchant.name,
		displayUrl: `${ options.publicBase }/shop/${ merchant.slug }/`,
		clickThroughUrl: `${ options.publicBase }/cread.php?awinmid=${ merchant.advertiserId }&awinaffid=${ options.publisherId }`,
		logoUrl: `${ options.publicBase }/shop/${ merchant.slug }/logo.png`,
		primaryRegion: { name: 'France', countryCode: 'FR' },
		currencyCode: 'EUR',
		validDomains: [
			{ domain: sandboxHostname( options.publicBase ) },
			{ domain: `www.${ merchant.slug }.fr` },
		],
		status: 'Active',
		primarySector: merchant.sector,
	};
}

export function programmeDetails(
	merchant: SandboxMerchant,
	options: SandboxDataOptions
): Record< string, unknown > {
	const entry = programmeListEntry( merchant, options );
	return {
		programmeInfo: {
			...entry,
			description: `Programme d'affiliation de ${ merchant.name }`,
			deeplinkEnabled: merchant.deeplinkEnabled,
			cookieLength: merchant.cookieLength,
		},
		commissionRange: merchant.commissionRange,
		kpi: {
			averagePaymentTime: 35,
			approvalPercentage: merchant.approvalPercentage,
			epc: merchant.epc,
			validationDays: merchant.validationDays,
			awinIndex: 0.4,
		},
	};
}

// Product n (0-based): the same whatever the product count, so tests can shrink the feed.
export function sandboxProduct(
	index: number,
	options: SandboxDataOptions
): Record< string, string > {
	const merchants = feedMerchants();
	const merchant = merchants[ index % merchants.length ];
	if ( ! merchant ) {
		throw new Error( 'no feed merchant' );
	}
	const random = mulberry32( seedFor( options.seed, index ) );
	const round = Math.floor( index / merchants.length );
	const stem = merchant.titles[ round % merchant.titles.length ] ?? 'Produit';
	const id = String( FIRST_PRODUCT_ID + index );
	const priceCents = 199 + Math.floor( random() * 9800 );
	const rrpCents =
		random() < 0.5 ? priceCents + 100 + Math.floor( random() * 2000 ) : 0;
	const query = index % 5 === 4 ? '?coloris=noir&taille=M' : '';
	const landing = `${ options.publicBase }/shop/${ merchant.slug }/produit-${ id }${ query }`;
	const gtin = String( 3760000000000 + index * 7 );
	return {
		aw_deep_link: `${ options.publicBase }/cread.php?awinmid=${
			merchant.advertiserId
		}&awinaffid=${ options.publisherId }&clickref=&ued=${ encodeRfc3986(
			landing
		) }`,
		product_name: `${ stem } (réf. ${ round + 1 })`,
		aw_product_id: id,
		merchant_product_id: `SKU-${ merchant.advertiserId }-${ index + 1 }`,
		merchant_image_url: `${ options.publicBase }/shop/${ merchant.slug }/produit-${ id }.jpg`,
		aw_image_url: `${ options.publicBase }/images/${ id }.jpg`,
		description: `Délicieux & authentique — « fait main » <b>${ merchant.name }</b>, l'original.`,
		merchant_category: pick( random, merchant.categories ),
		search_price: centsToDecimal( priceCents ),
		store_price: centsToDecimal( priceCents ),
		rrp_price: rrpCents > 0 ? centsToDecimal( rrpCents ) : '',
		currency: 'EUR',
		merchant_name: merchant.name,
		merchant_id: String( merchant.advertiserId ),
		brand_name: pick( random, merchant.brands ),
		merchant_deep_link: landing,
		in_stock: random() < 0.85 ? '1' : '0',
		delivery_cost: pick( random, [ '0.00', '3.90', '4.90', '' ] ),
		product_GTIN: gtin,
		ean: gtin,
		last_updated: '2026-11-01 10:00:00',
		data_feed_id: merchant.feedId ?? '',
	};
}

export type SandboxDateType = 'transaction' | 'validation' | 'amendment';

export interface SandboxTransactionOptions extends SandboxDataOptions {
	subIds: readonly string[];
	now: Date;
	/** Which date the window filters on (Awin's dateType); default 'transaction'. */
	dateType?: SandboxDateType;
	/** Field overrides per transaction id, applied before filtering (status changes in tests). */
	patches?: ReadonlyMap< number, Record< string, unknown > >;
}

const DAY_MS = 86_400_000;
// Validation and amendment dates trail the transaction by at most this much (validationDays
// of the sandbox merchants, plus room for a late refund patched in by a test).
const LONGEST_TRAIL_DAYS = 400;

function dateField( dateType: SandboxDateType ): string {
	if ( dateType === 'validation' ) {
		return 'validationDate';
	}
	return dateType === 'amendment' ? 'amendmentDate' : 'transactionDate';
}

// Transactions whose chosen date lies in [start, end] and that exist by `now` (the network
// knows nothing of tomorrow): the same window and clock, the same answer.
export function sandboxTransactions(
	start: Date,
	end: Date,
	options: SandboxTransactionOptions
): Array< Record< string, unknown > > {
	const dateType = options.dateType ?? 'transaction';
	const field = dateField( dateType );
	const transactions: Array< Record< string, unknown > > = [];
	const lastAt = Math.min( end.getTime(), options.now.getTime() );
	const firstDay = Math.floor(
		( start.getTime() -
			( dateType === 'transaction' ? 0 : LONGEST_TRAIL_DAYS * DAY_MS ) ) /
			DAY_MS
	);
	const lastDay = Math.floor( lastAt / DAY_MS );
	for ( let day = firstDay; day <= lastDay; day++ ) {
		const dayRandom = mulberry32( seedFor( options.seed, 77, day ) );
		const count = Math.floor( dayRandom() * 3 );
		for ( let k = 0; k < count; k++ ) {
			const random = mulberry32( seedFor( options.seed, 78, day, k ) );
			const at = new Date(
				day * DAY_MS + Math.floor( random() * DAY_MS )
			);
			if ( at.getTime() > options.now.getTime() ) {
				continue;
			}
			const generated = sandboxTransaction( day, k, at, random, options );
			const transaction = {
				...generated,
				...options.patches?.get( generated.id as number ),
			};
			const value = transaction[ field ];
			if ( typeof value !== 'string' ) {
				continue;
			}
			const when = Date.parse( `${ value }Z` );
			if ( when < start.getTime() || when > lastAt ) {
				continue;
			}
			transactions.push( transaction );
		}
	}
	return transactions;
}

function awinDate( date: Date ): string {
	return date.toISOString().replace( /\.\d{3}Z$/, '' );
}

function sandboxTransaction(
	day: number,
	k: number,
	at: Date,
	random: () => number,
	options: SandboxTransactionOptions
): Record< string, unknown > {
	const merchant = pick( random, SANDBOX_MERCHANTS );
	const saleCents = 990 + Math.floor( random() * 20000 );
	const commissionCents = Math.round( ( saleCents * 6 ) / 100 );
	const ageDays = ( options.now.getTime() - at.getTime() ) / DAY_MS;
	const declined = random() < 0.12;
	// Declines come two days after the sale, approvals after the merchant's validation days.
	const validationDays = declined ? 2 : merchant.validationDays;
	let status = 'pending';
	if ( ageDays > validationDays ) {
		status = declined ? 'declined' : 'approved';
	}
	const validated = status !== 'pending';
	const subId =
		options.subIds.length > 0 ? pick( random, options.subIds ) : undefined;
	const clickAt = new Date(
		at.getTime() - Math.floor( random() * 3 * DAY_MS )
	);
	const amount = ( cents: number ) => ( {
		amount: Number( centsToDecimal( cents ) ),
		currency: 'EUR',
	} );
	return {
		id: 300000000 + day * 10 + k,
		url: `${ options.publicBase }/shop/${ merchant.slug }/`,
		advertiserId: merchant.advertiserId,
		publisherId: Number( options.publisherId ),
		commissionSharingPublisherId: null,
		siteName: 'Mon blog',
		commissionStatus: status,
		commissionAmount: amount( commissionCents ),
		saleAmount: amount( saleCents ),
		ipHash: null,
		customerCountry: 'FR',
		clickRefs: subId ? { clickRef: subId } : null,
		clickDate: awinDate( clickAt ),
		transactionDate: awinDate( at ),
		validationDate: validated
			? awinDate( new Date( at.getTime() + validationDays * DAY_MS ) )
			: null,
		type: 'Commission group transaction',
		declineReason: status === 'declined' ? 'Commande annulée' : null,
		voucherCodeUsed: false,
		voucherCode: null,
		lapseTime: 3600,
		amended: false,
		amendReason: null,
		oldSaleAmount: null,
		oldCommissionAmount: null,
		clickDevice: 'Desktop',
		transactionDevice: 'Desktop',
		publisherUrl: null,
		advertiserCountry: 'FR',
		orderRef: `CMD-${ day }-${ k }`,
		customParameters: [],
		transactionParts: [
			{
				commissionGroupId: 1,
				amount: Number( centsToDecimal( saleCents ) ),
				commissionAmount: Number( centsToDecimal( commissionCents ) ),
				commissionGroupCode: 'DEFAULT',
				commissionGroupName: 'Par défaut',
			},
		],
		paidToPublisher:
			status === 'approved' && ageDays > merchant.validationDays + 30,
		paymentId: 0,
		transactionQueryId: 0,
		originalSaleAmount: null,
	};
}
