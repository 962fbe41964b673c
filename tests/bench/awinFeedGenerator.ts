/* eslint-disable no-bitwise -- the PRNG is bit mixing by nature; nowhere else. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip, constants as zlib } from 'node:zlib';

import { AWIN_FEED_COLUMNS } from '../../daemon/src/networks/awin/schema';

/**
 * A deterministic Awin product feed of any size: the documented columns in the documented
 * order, French titles with accents, quoted descriptions with commas, quotes and line breaks,
 * and about 1 KB a row, like a real merchant feed. Row n depends only on n and the price
 * epoch, so two runs (or two re-syncs) produce the same bytes.
 */

function mulberry32( seed: number ): () => number {
	let state = seed >>> 0;
	return () => {
		state = ( state + 0x6d2b79f5 ) >>> 0;
		let t = state;
		t = Math.imul( t ^ ( t >>> 15 ), t | 1 );
		t ^= t + Math.imul( t ^ ( t >>> 7 ), t | 61 );
		return ( ( t ^ ( t >>> 14 ) ) >>> 0 ) / 4294967296;
	};
}

const NOUNS = [
	'Crème brûlée',
	'Pain d’épices',
	'Sécateur',
	'Théière en fonte',
	'Cafetière à piston',
	'Écharpe en laine',
	'Bougie parfumée',
	'Pâte à tartiner',
	'Arrosoir galvanisé',
	'Coussin brodé',
	'Lampe de chevet',
	'Carnet relié',
	'Vélo électrique',
	'Casque sans fil',
	'Râpe à fromage',
	'Tablier de cuisine',
];
const QUALIFIERS = [
	'à la vanille',
	'« fait maison »',
	'édition limitée',
	'pour débutant',
	'en chêne massif',
	'bio et équitable',
	'grand modèle',
	'noir mat',
	'rétro',
	'de Provence',
	'été 2026',
	'"Pro"',
];
const BRANDS = [
	'Dupré & Fils',
	'Maison Lefèvre',
	'Atelier Noël',
	'Fiskars',
	'Le Creuset',
	'Bérénice',
	'Chocolaterie Gérard',
	'Forge Écossaise',
];
const CATEGORIES = [
	'Pâtisserie',
	'Épicerie fine',
	'Jardin > Outils',
	'Maison > Décoration',
	'Cuisine > Ustensiles',
	'Mode > Accessoires',
	'High-tech > Audio',
	'Sport & Loisirs',
];
const MERCHANTS = [
	'Boulangerie Dupré & Fils',
	'Jardinerie "Les Pétales" & Cie',
	'La Maison du Thé',
	'Boutique Élodie',
	'Cycles Mérignac',
	'Librairie Gérôme',
];
const SENTENCES = [
	'Fabriqué en France dans notre atelier, avec des matériaux sélectionnés pour leur durabilité.',
	'Livraison soignée, emballage recyclable et garantie deux ans pièces et main-d’œuvre.',
	'Idéal pour offrir : un cadeau qui plaît, été comme hiver, aux petits comme aux grands.',
	'Entretien facile, passe au lave-vaisselle ; ne pas exposer à une flamme directe.',
	'Dimensions : 24 x 18 x 9 cm, poids 1,2 kg, coloris au choix selon disponibilité.',
	'Nos clients disent : "Très bonne qualité, conforme à la description, je recommande".',
	'Composition naturelle, sans conservateur ni colorant, à conserver dans un endroit sec.',
	'Conçu avec des artisans de la région, chaque pièce est unique et légèrement différente.',
];

const CSV_SPECIAL = /[",\r\n]/;

function csvField( value: string ): string {
	return CSV_SPECIAL.test( value )
		? `"${ value.replace( /"/g, '""' ) }"`
		: value;
}

export const BENCH_MERCHANT_COUNT = MERCHANTS.length;

/** Price of row n in cents; `priceEpoch` moves the price of one row in a hundred. */
export function benchPriceCents( n: number, priceEpoch: number ): number {
	const base = 199 + ( ( n * 7919 ) % 49_800 );
	return priceEpoch > 0 && n % 100 === 0 ? base + 10 * priceEpoch : base;
}

export function awinFeedRow( n: number, priceEpoch = 0 ): string[] {
	const random = mulberry32( n * 2654435761 );
	const pick = < T >( items: readonly T[] ): T =>
		items[ Math.floor( random() * items.length ) ] as T;
	const merchantIndex = n % MERCHANTS.length;
	const merchantId = String( 7001 + merchantIndex );
	const productId = String( 40_000_000 + n );
	const slug = `produit-${ n }`;
	const price = benchPriceCents( n, priceEpoch );
	const money = ( cents: number ) =>
		`${ Math.floor( cents / 100 ) }.${ String( cents % 100 ).padStart(
			2,
			'0'
		) }`;
	const sentences: string[] = [];
	const sentenceCount = 3 + Math.floor( random() * 4 );
	for ( let i = 0; i < sentenceCount; i++ ) {
		sentences.push( pick( SENTENCES ) );
	}
	// One description in twenty spans two lines, as merchants' HTML exports do.
	const description = sentences.join( n % 20 === 0 ? '\n' : ' ' );
	const gtin = String( 3_760_000_000_000 + n );
	const host = `www.boutique-${ merchantIndex }.fr`;
	const fields: Record< string, string > = {
		aw_deep_link: `https://www.awin1.com/pclick.php?p=${ productId }&a=123456&m=${ merchantId }`,
		product_name: `${ pick( NOUNS ) } ${ pick( QUALIFIERS ) } n°${ n }`,
		aw_product_id: productId,
		merchant_product_id: `SKU-${ merchantIndex }-${ n }`,
		merchant_image_url: `https://${ host }/media/catalog/product/${ slug }.jpg`,
		aw_image_url: `https://images2.productserve.com/?w=200&h=200&bg=white&trim=5&t=letterbox&url=ssl%3A${ host }%2Fmedia%2F${ slug }.jpg&feedId=${
			1001 + merchantIndex
		}&k=${ ( n * 2246822519 ) >>> 0 }`,
		description,
		merchant_category: pick( CATEGORIES ),
		search_price: money( price ),
		store_price: money( price ),
		rrp_price: n % 3 === 0 ? money( price + 500 ) : '',
		currency: 'EUR',
		merchant_name: MERCHANTS[ merchantIndex ] as string,
		merchant_id: merchantId,
		brand_name: pick( BRANDS ),
		merchant_deep_link: `https://${ host }/catalogue/${ slug }.html?utm_source=awin&utm_medium=affiliation`,
		in_stock: n % 11 === 0 ? '0' : '1',
		delivery_cost: n % 4 === 0 ? '' : '4.90',
		product_GTIN: n % 5 === 0 ? '' : gtin,
		ean: gtin,
		last_updated: '2026-11-01 10:00:00',
		data_feed_id: String( 1001 + merchantIndex ),
	};
	return AWIN_FEED_COLUMNS.map( ( column ) => fields[ column ] ?? '' );
}

export interface GeneratedFeed {
	path: string;
	rows: number;
	bytes: number;
	/** Size of the uncompressed CSV. */
	csvBytes: number;
}

// Writes the feed as gzip CSV, streaming with backpressure so the generator stays small too.
export async function writeAwinFeed(
	path: string,
	rows: number,
	priceEpoch = 0
): Promise< GeneratedFeed > {
	const gzip = createGzip( { level: zlib.Z_BEST_SPEED } );
	const file = createWriteStream( path );
	gzip.pipe( file );
	let csvBytes = 0;
	const write = async ( text: string ) => {
		csvBytes += Buffer.byteLength( text );
		if ( ! gzip.write( text ) ) {
			await once( gzip, 'drain' );
		}
	};
	await write( AWIN_FEED_COLUMNS.join( ',' ) + '\n' );
	let chunk = '';
	for ( let n = 1; n <= rows; n++ ) {
		chunk +=
			awinFeedRow( n, priceEpoch ).map( csvField ).join( ',' ) + '\n';
		if ( chunk.length > 256 * 1024 ) {
			await write( chunk );
			chunk = '';
		}
	}
	await write( chunk );
	gzip.end();
	await once( file, 'close' );
	return { path, rows, bytes: file.bytesWritten, csvBytes };
}
