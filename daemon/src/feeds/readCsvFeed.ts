import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

// Returns the body as plain bytes, gunzipping it when it starts with the gzip magic number:
// networks send compressed feeds with or without saying so in the headers.
export function decodeFeedBody(
	source: Readable,
	pieceBytes?: number
): Readable {
	const output = new PassThrough(
		pieceBytes ? { highWaterMark: pieceBytes } : {}
	);
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
			? pipeline(
					replay,
					createGunzip( pieceBytes ? { chunkSize: pieceBytes } : {} ),
					output
			  )
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

// Gunzip output pieces, decoded to text one at a time. Measured on a 1 M-row feed read in the
// feed worker: 64 KB pieces made it ~1.5× faster than 256 KB (a 256 KB piece of accented text
// is a 512 KB two-byte string, a large object the young generation cannot collect), 32 KB no
// faster again.
const PIECE_BYTES = 64 * 1024;
// Rows parsed ahead of the caller: papaparse is paused when this many wait, so memory holds at
// most two batches of rows and one piece of text whatever the speed of the caller.
const ROWS_AHEAD = 1024;
const BOM = '\ufeff';

function checkHeader(
	fields: string[],
	options: CsvFeedOptions
): readonly string[] {
	const names = fields.map( ( name ) => name.trim() );
	const missing = ( options.requiredColumns ?? [] ).filter(
		( column ) => ! names.includes( column )
	);
	if ( missing.length > 0 ) {
		throw new FeedFormatError(
			`feed header lacks the column(s) ${ missing.join( ', ' ) }`
		);
	}
	return names;
}

// papaparse's own wording is about its internals; say what is wrong with the feed.
function describeParseError( error: Papa.ParseError ): string {
	switch ( error.code ) {
		case 'InvalidQuotes':
			return 'a quoted field has text after its closing quote';
		case 'MissingQuotes':
			return 'a quoted field is not closed before the end of the file';
		default:
			return error.message;
	}
}

type Newline = '\n' | '\r\n' | '\r';

// The record separator, from the first line break of the file. papaparse would guess it from
// its first piece of text, which may end before the first line break (a small first network
// read); null while `head` does not tell yet.
function newlineOf( head: string, ended: boolean ): Newline | null {
	const index = head.search( /[\r\n]/ );
	if ( index === -1 ) {
		return ended ? '\n' : null;
	}
	if ( head[ index ] === '\n' ) {
		return '\n';
	}
	if ( index + 1 < head.length ) {
		return head[ index + 1 ] === '\n' ? '\r\n' : '\r';
	}
	return ended ? '\r' : null;
}

// The decoded text as a stream papaparse can pause, with the BOM removed and the record
// separator read from the first line.
async function openText(
	body: Readable
): Promise< { text: Readable; newline: Newline } > {
	body.setEncoding( 'utf8' );
	const pieces = body[ Symbol.asyncIterator ]() as AsyncIterator< string >;
	let head = '';
	let ended = false;
	let newline = newlineOf( head, ended );
	while ( newline === null ) {
		const next = await pieces.next();
		ended = next.done === true;
		head += ended ? '' : next.value;
		newline = newlineOf( head, ended );
	}
	const first = head.startsWith( BOM ) ? head.slice( BOM.length ) : head;
	async function* replay(): AsyncGenerator< string > {
		if ( first !== '' ) {
			yield first;
		}
		if ( ended ) {
			return;
		}
		for (;;) {
			const next = await pieces.next();
			if ( next.done ) {
				return;
			}
			yield next.value;
		}
	}
	return {
		text: Readable.from( replay(), { highWaterMark: 1 } ),
		newline,
	};
}

// Streams a CSV feed (optionally gzip) as its data rows' fields, a run of rows at a time (one
// await per run, not per row: the feed parser worker reads millions), parsed by papaparse
// (RFC 4180: quoted fields may hold delimiters, "" and line breaks; empty lines are skipped;
// one line ending per file: LF, CRLF or CR). The header is checked once; each row
// must have as many fields as the header; a quote left open or followed by text fails the feed.
// Memory stays flat: papaparse's `step` queues rows and pauses (with the text stream) once
// ROWS_AHEAD wait; the caller's pulls resume it (backpressure through the async iterator).
// The header's names (trimmed) reach onHeader before the first row.
export async function* readCsvFeedRows(
	source: Readable,
	options: CsvFeedOptions & {
		onHeader?: ( columns: readonly string[] ) => void;
	} = {}
): AsyncGenerator< string[][] > {
	const body = decodeFeedBody( source, PIECE_BYTES );
	let text: Readable | null = null;
	let parser: Papa.Parser | null = null;
	// Rows parsed and not yet pulled. The caller takes the whole array and a new one starts,
	// so neither side shifts elements off a long array.
	let waiting: string[][] = [];
	let paused = false;
	let finished = false;
	let failure: unknown = null;
	let records = 0;
	let wake: ( () => void ) | null = null;

	function notify(): void {
		const resolve = wake;
		wake = null;
		resolve?.();
	}

	function fail( error: unknown ): void {
		if ( failure === null && ! finished ) {
			failure = error;
		}
		finished = true;
		notify();
	}

	function step(
		results: Papa.ParseStepResult< string[] >,
		handle: Papa.Parser
	): void {
		parser = handle;
		if ( finished ) {
			return;
		}
		records++;
		const problem = results.errors[ 0 ];
		if ( problem ) {
			// Rows already queued are still delivered; the feed fails at this one.
			fail(
				new FeedFormatError(
					`feed is not valid CSV near data row ${ Math.max(
						records - 1,
						1
					) }: ${ describeParseError( problem ) }`
				)
			);
			handle.abort();
			return;
		}
		waiting.push( results.data );
		if ( waiting.length >= ROWS_AHEAD && ! paused ) {
			paused = true;
			handle.pause();
			text?.pause();
		}
		notify();
	}

	function resume(): void {
		if ( ! paused || finished || parser === null ) {
			return;
		}
		paused = false;
		// Parses the rest of the current piece at once; it may pause again.
		parser.resume();
		if ( ! paused ) {
			text?.resume();
		}
	}

	try {
		const opened = await openText( body );
		text = opened.text;
		// papaparse stops listening after the end or an error; this keeps a late error handled.
		text.on( 'error', fail );
		Papa.parse< string[] >( text, {
			delimiter: options.delimiter ?? ',',
			newline: opened.newline,
			quoteChar: '"',
			escapeChar: '"',
			header: false,
			skipEmptyLines: true,
			step,
			complete: () => {
				finished = true;
				notify();
			},
			error: fail,
		} );

		let columns: readonly string[] | null = null;
		let dataRow = 0;
		for (;;) {
			if ( waiting.length === 0 ) {
				if ( finished ) {
					break;
				}
				if ( paused ) {
					resume();
				} else {
					await new Promise< void >( ( resolve ) => {
						wake = resolve;
					} );
				}
				continue;
			}
			const batch = waiting;
			waiting = [];
			resume();
			let from = 0;
			if ( columns === null ) {
				columns = checkHeader( batch[ 0 ] as string[], options );
				options.onHeader?.( columns );
				from = 1;
			}
			for ( let index = from; index < batch.length; index++ ) {
				const fields = batch[ index ] as string[];
				dataRow++;
				if ( fields.length !== columns.length ) {
					// The rows before it are still delivered.
					if ( index > from ) {
						yield batch.slice( from, index );
					}
					throw new FeedFormatError(
						`feed is not valid CSV near data row ${ dataRow }: it has ${ fields.length } fields, the header has ${ columns.length }`
					);
				}
			}
			if ( batch.length > from ) {
				yield from === 0 ? batch : batch.slice( from );
			}
		}
		if ( failure !== null ) {
			throw failure;
		}
	} finally {
		if ( ! finished ) {
			finished = true;
			( parser as Papa.Parser | null )?.abort();
		}
		text?.destroy();
		body.destroy();
		source.destroy();
	}
}

// The same feed as one record per row, keyed by the header row (with a repeated name, the last
// of its fields).
export async function* readCsvFeed(
	source: Readable,
	options: CsvFeedOptions = {}
): AsyncGenerator< Record< string, string > > {
	let columns: readonly string[] = [];
	for await ( const rows of readCsvFeedRows( source, {
		...options,
		onHeader: ( names ) => {
			columns = names;
		},
	} ) ) {
		for ( const fields of rows ) {
			const record: Record< string, string > = {};
			for ( let i = 0; i < fields.length; i++ ) {
				record[ columns[ i ] as string ] = fields[ i ] as string;
			}
			yield record;
		}
	}
}
