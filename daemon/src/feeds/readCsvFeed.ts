import { parse } from 'csv-parse';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

// Returns the body as plain bytes, gunzipping it when it starts with the gzip magic number:
// networks send compressed feeds with or without saying so in the headers.
export function decodeFeedBody( source: Readable ): Readable {
	const output = new PassThrough();
	let head = Buffer.alloc( 0 );
	let decided = false;

	function decide( rest: AsyncIterable< Buffer > ): void {
		decided = true;
		const gzipped =
			head[ 0 ] === GZIP_MAGIC_0 && head[ 1 ] === GZIP_MAGIC_1;
		const first = head;
		async function* replay(): AsyncGenerator< Buffer > {
			if ( first.length > 0 ) {
				yield first;
			}
			yield* rest;
		}
		const stages = gzipped
			? pipeline( replay, createGunzip(), output )
			: pipeline( replay, output );
		// pipeline destroys `output` with the error, which is where the reader sees it.
		stages.catch( () => undefined );
	}

	const iterator = source[
		Symbol.asyncIterator
	]() as AsyncIterator< Buffer >;
	async function* remaining(): AsyncGenerator< Buffer > {
		for (;;) {
			const next = await iterator.next();
			if ( next.done ) {
				return;
			}
			yield next.value;
		}
	}

	( async () => {
		// The magic number is two bytes; the first chunk may be shorter.
		while ( head.length < 2 ) {
			const next = await iterator.next();
			if ( next.done ) {
				break;
			}
			head = Buffer.concat( [ head, next.value ] );
		}
		decide( remaining() );
	} )().catch( ( error: unknown ) => {
		if ( ! decided ) {
			output.destroy( error as Error );
		}
	} );

	return output;
}

export interface CsvFeedOptions {
	/** Columns that must be in the header row; a feed without them is refused at once. */
	requiredColumns?: readonly string[];
	delimiter?: string;
}

export class FeedFormatError extends Error {
	constructor( message: string ) {
		super( message );
		this.name = 'FeedFormatError';
	}
}

// Streams a CSV feed (optionally gzip) as one record per row, keyed by the header row. Memory
// stays flat: csv-parse works chunk by chunk and the caller pulls rows one at a time.
export async function* readCsvFeed(
	source: Readable,
	options: CsvFeedOptions = {}
): AsyncGenerator< Record< string, string > > {
	const parser = parse( {
		columns: ( header: string[] ) => {
			const names = header.map( ( name ) => name.trim() );
			const missing = ( options.requiredColumns ?? [] ).filter(
				( column ) => ! names.includes( column )
			);
			if ( missing.length > 0 ) {
				throw new FeedFormatError(
					`feed header lacks the column(s) ${ missing.join( ', ' ) }`
				);
			}
			return names;
		},
		delimiter: options.delimiter ?? ',',
		bom: true,
		skip_empty_lines: true,
		relax_quotes: false,
	} );
	const body = decodeFeedBody( source );
	const feeding = pipeline( body, parser );
	// Errors also surface through the parser's iterator; this keeps them from going unhandled.
	feeding.catch( () => undefined );
	try {
		for await ( const record of parser ) {
			yield record as Record< string, string >;
		}
		await feeding;
	} finally {
		body.destroy();
		source.destroy();
	}
}
