import type { Readable } from 'node:stream';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { FeedFormatError } from '../feeds/readCsvFeed';
import { FeedRowError } from '../networks/awin/feedRow';
import type {
	CatalogueItem,
	RawFieldColumns,
	StreamCatalogueOptions,
} from '../networks/types';
import { DEFAULT_CATALOGUE_BATCH_SIZE } from '../store/catalogueWriter';
import { FEED_ROW_PARSERS, type FeedRowParserName } from './feedRowParsers';
import type {
	EncodedFeedBatch,
	FeedRecordPart,
	FeedWorkerFailure,
	FeedWorkerSettings,
	FromFeedWorker,
	ToFeedWorker,
} from './feedWorkerProtocol';
import { Wakeups } from './wakeups';
import {
	decodeFeedRecord,
	feedFormatTag,
	FeedRecordEncoder,
	feedRecordHash,
} from './encodedFeedRecord';
import {
	storedCatalogueRow,
	type PreparedCatalogueBatch,
	type StoredCatalogueRow,
} from './storedCatalogueRow';

export interface CsvFeedInWorkerOptions extends StreamCatalogueOptions {
	parser: FeedRowParserName;
	requiredColumns: readonly string[];
	delimiter?: string;
	/** The parser's raw-field mapping (CatalogueItem.rawInColumns), for the writer to record. */
	mappings: readonly RawFieldColumns[];
	batchSize?: number;
}

// Compressed chunks sent and not yet read by the worker's gunzip.
const CHUNKS_AHEAD = 8;
// Parsed batches waiting for the writer: one being written, one being parsed. A second one
// ready was no faster (a first import's worker waits on the writer anyway, a re-sync's writer
// takes each batch at once) and held ~5 MB more.
const BATCHES_AHEAD = 1;
// The worker holds a few chunks, papaparse's rows ahead and one part of a batch: a few MB live.
// Caps, not sizes. Measured (300 k rows): an old generation capped at 64 MB spent a third of
// the worker's time in GC, 128 MB no more than uncapped. Since the worker sends its records in
// parts, little survives its scavenges: a young generation of 8 MB is as fast as 16 MB and
// ~20 MB less peak RSS (it was a quarter more CPU when whole batches waited in the heap).
const WORKER_LIMITS = {
	maxOldGenerationSizeMb: 128,
	maxYoungGenerationSizeMb: 8,
};

// Under jest the daemon runs from its .ts sources, which a worker cannot load by itself: this
// loader transpiles them with the project's own TypeScript. The built daemon runs the .js.
const TYPESCRIPT_LOADER = `
const { workerData } = require( 'node:worker_threads' );
const { readFileSync } = require( 'node:fs' );
const ts = require( 'node:module' ).createRequire( workerData.file )( 'typescript' );
require.extensions[ '.ts' ] = ( module, filename ) => {
	const { outputText } = ts.transpileModule( readFileSync( filename, 'utf8' ), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
	} );
	module._compile( outputText, filename );
};
require( workerData.file );
`;

function startFeedWorker( settings: FeedWorkerSettings ): Worker {
	const file = join( __dirname, `feedParseWorker${ extname( __filename ) }` );
	const resourceLimits = WORKER_LIMITS;
	if ( file.endsWith( '.ts' ) ) {
		return new Worker( TYPESCRIPT_LOADER, {
			eval: true,
			workerData: { ...settings, file },
			resourceLimits,
		} );
	}
	return new Worker( file, { workerData: settings, resourceLimits } );
}

/** The feed parser worker itself failed (out of memory, a crash): not the feed's fault. */
export class FeedWorkerError extends Error {
	constructor( message: string ) {
		super( message );
		this.name = 'FeedWorkerError';
	}
}

// The worker's error as the in-thread reader would have thrown it: same class for a feed
// format error, same message and code otherwise (the adapter maps them to network errors).
function rebuildFailure( failure: FeedWorkerFailure ): Error {
	const error =
		failure.name === 'FeedFormatError'
			? new FeedFormatError( failure.message )
			: new Error( failure.message );
	if ( failure.name !== 'FeedFormatError' ) {
		error.name = failure.name;
	}
	if ( failure.code !== undefined ) {
		Object.assign( error, { code: failure.code } );
	}
	return error;
}

// Assembles the worker's parts into the writer's batches, writing each record as bytes as it
// arrives: bytes outside the heap, not strings waiting in it for the writer.
class BatchAssembler {
	private keys: string[] = [];
	private programmeIds: string[] = [];
	private bounds: number[] = [];
	private firstRow = 1;
	private records: FeedRecordEncoder | null = null;

	private readonly parser: FeedRowParserName;

	constructor( parser: FeedRowParserName ) {
		this.parser = parser;
	}

	/** Adds a part; returns the batch it completes. */
	add( part: FeedRecordPart ): EncodedFeedBatch | null {
		const { columns, texts, lengths } = part;
		if ( this.records === null ) {
			// Every part of a feed has the header's columns.
			this.records = new FeedRecordEncoder(
				64 * 1024,
				feedFormatTag(
					this.parser,
					FEED_ROW_PARSERS[ this.parser ].version,
					columns
				)
			);
		}
		const records = this.records;
		for ( let row = 0; row < texts.length; row++ ) {
			this.bounds.push( records.size );
			records.write(
				texts[ row ] as string,
				lengths,
				row,
				columns.length
			);
		}
		this.keys.push( ...part.keys );
		this.programmeIds.push( ...part.programmeIds );
		if ( ! part.endsBatch ) {
			return null;
		}
		this.bounds.push( records.size );
		const batch: EncodedFeedBatch = {
			firstRow: this.firstRow,
			keys: this.keys,
			programmeIds: this.programmeIds,
			columns,
			bytes: records.take(),
			bounds: Uint32Array.from( this.bounds ),
		};
		this.firstRow += this.keys.length;
		this.keys = [];
		this.programmeIds = [];
		this.bounds = [];
		return batch;
	}

	/** The batch's bytes are read no more: the next batches reuse them. */
	recycle( batch: EncodedFeedBatch ): void {
		this.records?.recycle( batch.bytes );
	}
}

// The batch as the writer takes it. A row it writes is parsed from its feed record here, on the
// main thread; a bad one is reported with its feed line and field, and skipped.
function decodeBatch(
	encoded: EncodedFeedBatch,
	parse: ( record: Record< string, string > ) => CatalogueItem,
	options: CsvFeedInWorkerOptions
): PreparedCatalogueBatch {
	const { firstRow, keys, programmeIds, columns, bounds } = encoded;
	const bytes = Buffer.from( encoded.bytes );
	return {
		size: keys.length,
		mappings: options.mappings,
		key: ( index ) => keys[ index ] as string,
		programmeId: ( index ) => programmeIds[ index ] as string,
		contentHash: ( index ) =>
			feedRecordHash(
				bytes,
				bounds[ index ] as number,
				bounds[ index + 1 ] as number
			),
		row: ( index ): StoredCatalogueRow | null => {
			const record = decodeFeedRecord(
				bytes,
				bounds[ index ] as number,
				bounds[ index + 1 ] as number,
				columns
			);
			try {
				return storedCatalogueRow( parse( record ) );
			} catch ( error ) {
				if ( ! ( error instanceof FeedRowError ) ) {
					throw error;
				}
				options.onRejectedRow?.( {
					row: firstRow + index,
					reason: error.message,
				} );
				return null;
			}
		},
	};
}

// Streams a CSV feed body as prepared catalogue batches, read in a worker thread: this thread
// moves the compressed bytes in and the batches out, hashes the records and parses only the
// rows the writer asks for. Back-pressure both ways (CHUNKS_AHEAD, BATCHES_AHEAD) keeps memory
// flat. A rejected row reaches onRejectedRow when the writer asks for it; a format error, a
// body error or a worker crash ends the stream after the batches read before it, with the
// error the in-thread reader would throw. Leaving the loop early stops the worker and the body.
// A batch is read while it is the current one: pulling the next one reuses its buffer.
export async function* parseCsvFeedInWorker(
	body: Readable,
	options: CsvFeedInWorkerOptions
): AsyncGenerator< PreparedCatalogueBatch > {
	const worker = startFeedWorker( {
		parser: options.parser,
		requiredColumns: options.requiredColumns,
		delimiter: options.delimiter,
		batchSize: options.batchSize ?? DEFAULT_CATALOGUE_BATCH_SIZE,
		batchesAhead: BATCHES_AHEAD,
	} );
	const { parse } = FEED_ROW_PARSERS[ options.parser ];
	const assembler = new BatchAssembler( options.parser );
	const batches: EncodedFeedBatch[] = [];
	let finished = false;
	let stopped = false;
	let failure: Error | null = null;
	let bodyError: Error | null = null;
	let chunksSent = 0;
	const wakeups = new Wakeups();
	function fail( error: Error ): void {
		if ( ! finished ) {
			failure = error;
			finished = true;
		}
		wakeups.notify();
	}
	function tell( message: ToFeedWorker, transfer: ArrayBuffer[] = [] ): void {
		if ( ! stopped ) {
			worker.postMessage( message, transfer );
		}
	}

	worker.on( 'message', ( message: FromFeedWorker ) => {
		switch ( message.type ) {
			case 'part': {
				const batch = assembler.add( message.part );
				if ( batch ) {
					batches.push( batch );
				}
				break;
			}
			case 'consumed':
				chunksSent--;
				break;
			case 'done':
				finished = true;
				break;
			case 'failed':
				fail( bodyError ?? rebuildFailure( message.failure ) );
				break;
		}
		wakeups.notify();
	} );
	worker.on( 'error', ( error ) =>
		fail(
			new FeedWorkerError( `the feed parser stopped: ${ error.message }` )
		)
	);
	worker.on( 'exit', ( code ) => {
		if ( ! stopped ) {
			fail(
				new FeedWorkerError(
					`the feed parser exited unexpectedly (code ${ code })`
				)
			);
		}
	} );

	const pump = async (): Promise< void > => {
		for await ( const chunk of body as AsyncIterable< Buffer > ) {
			await wakeups.until( () => chunksSent < CHUNKS_AHEAD || finished );
			if ( finished ) {
				return;
			}
			// A copy of its own, so the transfer never takes a pooled buffer from under a stream.
			const copy = new Uint8Array( chunk );
			chunksSent++;
			tell( { type: 'bytes', chunk: copy }, [ copy.buffer ] );
		}
		tell( { type: 'end', failed: false } );
	};
	// A body error (connection reset, abort) is the run's error, as thrown by the HTTP stream,
	// once the worker has handed over the rows it read before.
	pump().catch( ( error: unknown ) => {
		bodyError = error as Error;
		tell( { type: 'end', failed: true } );
	} );

	try {
		for (;;) {
			const encoded = batches.shift();
			if ( encoded ) {
				tell( { type: 'taken' } );
				yield decodeBatch( encoded, parse, options );
				// The caller pulled the next batch: it is done with this one.
				assembler.recycle( encoded );
				continue;
			}
			if ( finished ) {
				break;
			}
			await wakeups.next();
		}
		if ( failure !== null ) {
			throw failure;
		}
	} finally {
		stopped = true;
		finished = true;
		wakeups.notify();
		body.destroy();
		await worker.terminate();
	}
}
