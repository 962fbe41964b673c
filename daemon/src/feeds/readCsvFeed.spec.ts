import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import {
	FeedFormatError,
	readCsvFeed,
	type CsvFeedOptions,
} from './readCsvFeed';

async function readAll(
	pieces: ReadonlyArray< string | Buffer >,
	options: CsvFeedOptions = {}
): Promise< Array< Record< string, string > > > {
	const records: Array< Record< string, string > > = [];
	const source = Readable.from(
		pieces.map( ( piece ) => Buffer.from( piece ) )
	);
	for await ( const record of readCsvFeed( source, options ) ) {
		records.push( record );
	}
	return records;
}

const SAMPLE =
	'\ufeffid,title,description\r\n' +
	'1,"Pain d\'épices ""maison"" & miel","Recette, miel\r\nde Provence"\r\n' +
	'\r\n' +
	'2,Crème brûlée,\r\n' +
	'3,"",dernier';

const EXPECTED = [
	{
		id: '1',
		title: 'Pain d\'épices "maison" & miel',
		description: 'Recette, miel\r\nde Provence',
	},
	{ id: '2', title: 'Crème brûlée', description: '' },
	{ id: '3', title: '', description: 'dernier' },
];

describe( 'readCsvFeed', () => {
	it( 'reads quotes, doubled quotes, line breaks in fields, CRLF, a BOM, an empty line and a last line without a break', async () => {
		expect( await readAll( [ SAMPLE ] ) ).toEqual( EXPECTED );
	} );

	it( 'reads LF and lone-CR files', async () => {
		const lf = 'a,b\n"x\ny",1\n\n2,3\n';
		expect( await readAll( [ lf ] ) ).toEqual( [
			{ a: 'x\ny', b: '1' },
			{ a: '2', b: '3' },
		] );
		expect( await readAll( [ lf.replace( /\n/g, '\r' ) ] ) ).toEqual( [
			{ a: 'x\ry', b: '1' },
			{ a: '2', b: '3' },
		] );
	} );

	it( 'gives the same records wherever the bytes are cut, even inside a UTF-8 character or a CRLF', async () => {
		const bytes = Buffer.from( SAMPLE );
		for ( let cut = 0; cut <= bytes.length; cut++ ) {
			expect(
				await readAll( [
					bytes.subarray( 0, cut ),
					bytes.subarray( cut ),
				] )
			).toEqual( EXPECTED );
		}
	} );

	it( 'reads a gzip body, detected from its first bytes', async () => {
		const zipped = gzipSync( Buffer.from( SAMPLE ) );
		expect(
			await readAll( [ zipped.subarray( 0, 1 ), zipped.subarray( 1 ) ] )
		).toEqual( EXPECTED );
	} );

	it( 'reads tab-separated text', async () => {
		expect(
			await readAll( [ 'a\tb\n"x\ty"\tz\n' ], { delimiter: '\t' } )
		).toEqual( [ { a: 'x\ty', b: 'z' } ] );
	} );

	it( 'trims header names and refuses a header without a required column', async () => {
		expect( await readAll( [ ' id , title\n1,x\n' ] ) ).toEqual( [
			{ id: '1', title: 'x' },
		] );
		await expect(
			readAll( [ 'id,name\n1,x\n' ], {
				requiredColumns: [ 'id', 'title', 'price' ],
			} )
		).rejects.toThrow(
			new FeedFormatError(
				'feed header lacks the column(s) title, price'
			)
		);
	} );

	it( 'yields the rows before a row with the wrong number of fields, then names that data row', async () => {
		const records: Array< Record< string, string > > = [];
		const reading = ( async () => {
			for await ( const record of readCsvFeed(
				Readable.from( [ Buffer.from( 'a,b\n1,2\n\n3,4\n5\n6,7\n' ) ] )
			) ) {
				records.push( record );
			}
		} )();

		await expect( reading ).rejects.toThrow(
			new FeedFormatError(
				'feed is not valid CSV near data row 3: it has 1 fields, the header has 2'
			)
		);
		expect( records ).toEqual( [
			{ a: '1', b: '2' },
			{ a: '3', b: '4' },
		] );
	} );

	it( 'keeps a quote inside an unquoted field as text', async () => {
		expect( await readAll( [ 'a,b\n1,Sécateur "Pro"\n' ] ) ).toEqual( [
			{ a: '1', b: 'Sécateur "Pro"' },
		] );
	} );

	it( 'refuses text after a closing quote, naming the data row', async () => {
		await expect(
			readAll( [ 'a,b\n1,2\n"3"x,4\n5,6\n' ] )
		).rejects.toThrow(
			new FeedFormatError(
				'feed is not valid CSV near data row 2: a quoted field has text after its closing quote'
			)
		);
	} );

	it( 'refuses a quoted field left open at the end of the file, naming the data row', async () => {
		await expect(
			readAll( [ 'a,b\n1,2\n3,"cut short\n4,5' ] )
		).rejects.toThrow(
			new FeedFormatError(
				'feed is not valid CSV near data row 2: a quoted field is not closed before the end of the file'
			)
		);
	} );

	it( 'passes on the stream error of a gzip body cut short', async () => {
		const zipped = gzipSync(
			Buffer.from( `a,b\n${ '1,2\n'.repeat( 5000 ) }` )
		);

		await expect(
			readAll( [ zipped.subarray( 0, zipped.length - 40 ) ] )
		).rejects.toMatchObject( { code: 'Z_BUF_ERROR' } );
	} );

	it( 'reads ahead only a bounded part of a big body while the caller is slow, and keeps every row in order', async () => {
		const ROW = 'x'.repeat( 60 );
		const ROWS_PER_PIECE = 1000;
		const PIECES = 2000; // ~120 MB if it were all read
		let piecesRead = 0;
		function* body(): Generator< Buffer > {
			yield Buffer.from( 'n,text\n' );
			for ( let piece = 0; piece < PIECES; piece++ ) {
				piecesRead++;
				let text = '';
				for ( let i = 0; i < ROWS_PER_PIECE; i++ ) {
					text += `${ piece * ROWS_PER_PIECE + i },"${ ROW }"\n`;
				}
				yield Buffer.from( text );
			}
		}

		let expected = 0;
		let outOfOrder = 0;
		for await ( const record of readCsvFeed( Readable.from( body() ) ) ) {
			if ( record.n !== String( expected ) || record.text !== ROW ) {
				outOfOrder++;
			}
			expected++;
			if ( expected % 500 === 0 ) {
				// A slow caller: give the stream every chance to read ahead.
				await new Promise( ( resolve ) => setImmediate( resolve ) );
			}
			if ( expected === 20_000 ) {
				break;
			}
		}

		expect( expected ).toBe( 20_000 );
		expect( outOfOrder ).toBe( 0 );
		// 20 pieces hold the rows pulled; the rest is the bounded read-ahead of the streams.
		expect( piecesRead ).toBeLessThan( 60 );
	} );

	it( 'reads a whole body across many pauses', async () => {
		const rows = Array.from(
			{ length: 10_000 },
			( _, i ) => `${ i },"a ""q"", b\r\nc"\r\n`
		);
		const text = `n,t\r\n${ rows.join( '' ) }`;
		const bytes = Buffer.from( text );
		const pieces: Buffer[] = [];
		for ( let at = 0; at < bytes.length; at += 7919 ) {
			pieces.push( bytes.subarray( at, at + 7919 ) );
		}

		let count = 0;
		let wrong = 0;
		for await ( const record of readCsvFeed( Readable.from( pieces ) ) ) {
			if (
				record.n !== String( count ) ||
				record.t !== 'a "q", b\r\nc'
			) {
				wrong++;
			}
			count++;
			if ( count % 700 === 0 ) {
				await new Promise( ( resolve ) => setImmediate( resolve ) );
			}
		}
		expect( count ).toBe( 10_000 );
		expect( wrong ).toBe( 0 );
	} );

	it( 'reads an empty body as no rows', async () => {
		expect( await readAll( [] ) ).toEqual( [] );
	} );
} );
