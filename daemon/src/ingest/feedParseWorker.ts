/**
 * The feed parser worker: gunzip, CSV, each row's key and programme and its record as bytes,
 * off the main thread, which hashes the records, looks rows up and parses (with the network's
 * row parser, which rejects bad rows) and writes only the new and changed ones
 * (ingest/parseFeedInWorker.ts starts it; feedWorkerProtocol.ts has the messages,
 * encodedFeedRecord.ts the record bytes and hash).
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

import { readCsvFeed } from '../feeds/readCsvFeed';
import { feedFormatTag, FeedRecordEncoder } from './encodedFeedRecord';
import { FEED_ROW_PARSERS, type FeedRowParser } from './feedRowParsers';
import type {
	EncodedFeedBatch,
	FeedWorkerSettings,
	FromFeedWorker,
	ToFeedWorker,
} from './feedWorkerProtocol';

const settings = workerData as FeedWorkerSettings;
const port = parentPort as NonNullable< typeof parentPort >;

function send( message: FromFeedWorker, transfer: ArrayBuffer[] = [] ): void {
	port.postMessage( message, transfer );
}

// Bytes the main thread sent and the gunzip has not taken yet (a few chunks: it sends more
// only as they are consumed).
const chunks: Uint8Array[] = [];
let bytesEnded = false;
let bodyFailed = false;
let batchesOut = 0;
// Both the byte reader and the batch poster may wait at once: every message wakes both.
let waiting: Array< () => void > = [];

function notify(): void {
	const woken = waiting;
	waiting = [];
	for ( const resolve of woken ) {
		resolve();
	}
}

async function until( ready: () => boolean ): Promise< void > {
	while ( ! ready() ) {
		await new Promise< void >( ( resolve ) => waiting.push( resolve ) );
	}
}

port.on( 'message', ( message: ToFeedWorker ) => {
	if ( message.type === 'bytes' ) {
		chunks.push( message.chunk );
	} else if ( message.type === 'end' ) {
		bytesEnded = true;
		bodyFailed = message.failed;
	} else {
		batchesOut--;
	}
	notify();
} );

async function* receivedBytes(): AsyncGenerator< Buffer > {
	for (;;) {
		const chunk = chunks.shift();
		if ( chunk ) {
			send( { type: 'consumed' } );
			yield Buffer.from(
				chunk.buffer,
				chunk.byteOffset,
				chunk.byteLength
			);
			continue;
		}
		if ( bytesEnded ) {
			if ( bodyFailed ) {
				// The main thread holds the body's own error and throws that one.
				throw new Error( 'the feed body broke off' );
			}
			return;
		}
		await until( () => chunks.length > 0 || bytesEnded );
	}
}

// Collects one batch: keys and programmes as strings, the records as bytes written as they
// come, so a row's strings die young instead of waiting in the heap for the whole batch.
class BatchEncoder {
	keys: string[] = [];
	programmeIds: string[] = [];
	private firstRow = 1;
	private columns: string[] | null = null;
	private records: FeedRecordEncoder | null = null;
	private bounds: number[] = [];

	private readonly parser: FeedRowParser;

	constructor( parser: FeedRowParser ) {
		this.parser = parser;
	}

	get size(): number {
		return this.keys.length;
	}

	add( record: Record< string, string > ): void {
		if ( this.columns === null ) {
			// Every record of a feed has the header's keys, in the same order.
			this.columns = Object.keys( record );
			this.records = new FeedRecordEncoder(
				64 * 1024,
				feedFormatTag(
					settings.parser,
					this.parser.version,
					this.columns
				)
			);
		}
		const records = this.records as FeedRecordEncoder;
		// As the row parser reads them (a missing or blank one fails it: the main thread says so).
		this.keys.push( ( record[ this.parser.keyColumn ] ?? '' ).trim() );
		this.programmeIds.push(
			( record[ this.parser.programmeColumn ] ?? '' ).trim()
		);
		this.bounds.push( records.size );
		records.write( record, this.columns );
	}

	take(): EncodedFeedBatch {
		const records = this.records as FeedRecordEncoder;
		this.bounds.push( records.size );
		const batch: EncodedFeedBatch = {
			firstRow: this.firstRow,
			keys: this.keys,
			programmeIds: this.programmeIds,
			columns: this.columns ?? [],
			bytes: records.take(),
			bounds: Uint32Array.from( this.bounds ),
		};
		this.firstRow += this.keys.length;
		this.bounds = [];
		this.keys = [];
		this.programmeIds = [];
		return batch;
	}
}

// Waits while the main thread has `batchesAhead` batches it has not taken: memory stays flat
// whatever the speed of the writer.
async function post( encoder: BatchEncoder ): Promise< void > {
	if ( encoder.size === 0 ) {
		return;
	}
	const batch = encoder.take();
	batchesOut++;
	send( { type: 'batch', batch }, [
		batch.bytes,
		batch.bounds.buffer as ArrayBuffer,
	] );
	await until( () => batchesOut < settings.batchesAhead );
}

async function run(): Promise< void > {
	const encoder = new BatchEncoder( FEED_ROW_PARSERS[ settings.parser ] );
	try {
		for await ( const record of readCsvFeed(
			Readable.from( receivedBytes() ),
			{
				requiredColumns: settings.requiredColumns,
				delimiter: settings.delimiter,
			}
		) ) {
			encoder.add( record );
			if ( encoder.size >= settings.batchSize ) {
				await post( encoder );
			}
		}
		await post( encoder );
		send( { type: 'done' } );
	} catch ( error ) {
		// The rows read before the failure are written, as when the feed is read in-thread.
		await post( encoder );
		const { name, message, code } = error as Error & { code?: unknown };
		send( {
			type: 'failed',
			failure: {
				name: String( name ),
				message: String( message ),
				code: typeof code === 'string' ? code : undefined,
			},
		} );
	}
}

void run();
