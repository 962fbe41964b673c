import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { FeedFormatError } from '../feeds/readCsvFeed';
import { AWIN_RAW_IN_COLUMNS } from '../networks/awin/feedRow';
import type { RejectedRow } from '../networks/types';
import { parseCsvFeedInWorker } from './parseFeedInWorker';

const HEADER =
	'aw_deep_link,product_name,aw_product_id,merchant_id,merchant_deep_link,currency,search_price';

function feedRow( key: number, price = '12.90' ): string {
	return `https://www.awin1.com/pclick.php?p=${ key },Produit ${ key },${ key },7001,https://shop.example/${ key },EUR,${ price }`;
}

async function read(
	body: Readable,
	rejected: RejectedRow[] = []
): Promise< { keys: string[]; error: unknown } > {
	const keys: string[] = [];
	try {
		for await ( const batch of parseCsvFeedInWorker( body, {
			parser: 'awin',
			requiredColumns: [ 'aw_product_id' ],
			mappings: [ AWIN_RAW_IN_COLUMNS ],
			batchSize: 2,
			onRejectedRow: ( row ) => rejected.push( row ),
		} ) ) {
			for ( let index = 0; index < batch.size; index++ ) {
				// A bad row is rejected (and reported) when the writer asks for it.
				if ( batch.row( index ) !== null ) {
					keys.push( batch.key( index ) );
				}
			}
		}
	} catch ( error ) {
		return { keys, error };
	}
	return { keys, error: null };
}

describe( 'parseCsvFeedInWorker', () => {
	it( 'hands over every row of a gzip feed in batches, with bad rows named by line and field', async () => {
		const rejected: RejectedRow[] = [];
		const text = [
			HEADER,
			feedRow( 1 ),
			feedRow( 2, 'douze' ),
			feedRow( 3 ),
			feedRow( 4 ),
			'',
		].join( '\n' );

		const { keys, error } = await read(
			Readable.from( [ gzipSync( text ) ] ),
			rejected
		);

		expect( error ).toBeNull();
		expect( keys ).toEqual( [ '1', '3', '4' ] );
		expect( rejected ).toEqual( [
			{ row: 2, reason: 'search_price: not a decimal amount: "douze"' },
		] );
	} );

	it( 'ends with the body’s own error after the rows read before it', async () => {
		const reset = Object.assign( new Error( 'read ECONNRESET' ), {
			code: 'ECONNRESET',
		} );
		async function* body(): AsyncGenerator< Buffer > {
			yield Buffer.from(
				[ HEADER, feedRow( 1 ), feedRow( 2 ), '' ].join( '\n' )
			);
			// Let the worker parse and hand over the first rows before the connection drops.
			await new Promise( ( resolve ) => setTimeout( resolve, 200 ) );
			throw reset;
		}

		const { keys, error } = await read( Readable.from( body() ) );

		expect( keys ).toEqual( [ '1', '2' ] );
		expect( error ).toBe( reset );
	} );

	it( 'fails with the feed format error of the in-thread reader', async () => {
		const text = [ HEADER, feedRow( 1 ), '"open quote,2', '' ].join( '\n' );

		const { keys, error } = await read(
			Readable.from( [ Buffer.from( text ) ] )
		);

		expect( keys ).toEqual( [ '1' ] );
		expect( error ).toBeInstanceOf( FeedFormatError );
		expect( ( error as Error ).message ).toBe(
			'feed is not valid CSV near data row 2: a quoted field is not closed before the end of the file'
		);
	} );

	it( 'keeps the code of a gzip error, as the adapter maps it to a transient failure', async () => {
		const whole = gzipSync( [ HEADER, feedRow( 1 ), '' ].join( '\n' ) );

		const { error } = await read(
			Readable.from( [ whole.subarray( 0, whole.length - 10 ) ] )
		);

		expect( ( error as { code?: string } ).code ).toBe( 'Z_BUF_ERROR' );
	} );

	it( 'hashes each record as stored hashes always were, across the worker’s parts of a batch', async () => {
		// The content hash, by its definition (encodedFeedRecord.ts): the record's fields in
		// UTF-8, each one's length in UTF-16 units (32-bit LE), then the feed's format tag.
		const expectedHash = (
			columns: string[],
			values: string[]
		): string => {
			const lengths = Buffer.alloc( values.length * 4 );
			values.forEach( ( value, index ) =>
				lengths.writeUInt32LE( value.length, index * 4 )
			);
			const tag = createHash( 'sha1' )
				.update( JSON.stringify( [ 'awin', 1, columns ] ) )
				.digest();
			return createHash( 'sha1' )
				.update( Buffer.from( values.join( '' ), 'utf8' ) )
				.update( lengths )
				.update( tag )
				.digest( 'hex' );
		};
		// A repeated header name: the record keeps its last field, as a record keyed by the header.
		const header = `${ HEADER },product_name`;
		const columns = HEADER.split( ',' );
		const rows = Array.from( { length: 620 }, ( _, n ) => {
			const key = n + 1;
			const title = `Pain d’épices « ${ key } », "n° 1"`;
			return {
				line: `https://www.awin1.com/pclick.php?p=${ key },ignored,${ key },7001,https://shop.example/${ key },EUR,${
					key === 400 ? 'douze' : '12.90'
				},"${ title.replace( /"/g, '""' ) }"`,
				values: [
					`https://www.awin1.com/pclick.php?p=${ key }`,
					title,
					String( key ),
					'7001',
					`https://shop.example/${ key }`,
					'EUR',
					key === 400 ? 'douze' : '12.90',
				],
			};
		} );
		const text = [ header, ...rows.map( ( row ) => row.line ), '' ].join(
			'\n'
		);
		const rejected: RejectedRow[] = [];
		const seen: Array< { key: string; hash: string } > = [];
		const titles: string[] = [];
		for await ( const batch of parseCsvFeedInWorker(
			Readable.from( [ gzipSync( text ) ] ),
			{
				parser: 'awin',
				requiredColumns: [ 'aw_product_id' ],
				mappings: [ AWIN_RAW_IN_COLUMNS ],
				batchSize: 600,
				onRejectedRow: ( row ) => rejected.push( row ),
			}
		) ) {
			for ( let index = 0; index < batch.size; index++ ) {
				seen.push( {
					key: batch.key( index ),
					hash: batch.contentHash( index ),
				} );
				const row = batch.row( index );
				if ( row ) {
					titles.push( row.title );
				}
			}
		}

		expect( seen ).toEqual(
			rows.map( ( row ) => ( {
				key: row.values[ 2 ],
				hash: expectedHash( columns, row.values ),
			} ) )
		);
		expect( titles ).toHaveLength( 619 );
		expect( titles[ 0 ] ).toBe( 'Pain d’épices « 1 », "n° 1"' );
		expect( rejected ).toEqual( [
			{ row: 400, reason: 'search_price: not a decimal amount: "douze"' },
		] );
	} );
} );
