/**
 * The feed parser worker: gunzip, CSV, each row's key and programme and its record as a string,
 * off the main thread, which hashes the records, looks rows up and parses (with the network's
 * row parser, which rejects bad rows) and writes only the new and changed ones
 * (ingest/parseFeedInWorker.ts starts it; feedWorkerProtocol.ts has the messages,
 * encodedFeedRecord.ts the record bytes and hash).
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

import { readCsvFeedRows } from '../feeds/readCsvFeed';
import { FeedRecordTexts, recordColumns } from './encodedFeedRecord';
import { FEED_ROW_PARSERS, type FeedRowParser } from './feedRowParsers';
import type {
	FeedRecordPart,
	FeedWorkerSettings,
	FromFeedWorker,
	ToFeedWorker,
} from './feedWorkerProtocol';
import { Wakeups } from './wakeups';

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
const wakeups = new Wakeups();

port.on( 'message', ( message: ToFeedWorker ) => {
	if ( message.type === 'bytes' ) {
		chunks.push( message.chunk );
	} else if ( message.type === 'end' ) {
		bytesEnded = true;
		bodyFailed = message.failed;
	} else {
		batchesOut--;
	}
	wakeups.notify();
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
		await wakeups.until( () => chunks.length > 0 || bytesEnded );
	}
}

// Rows a part of a batch holds: the worker hands its records over as it goes, so they die in its
// young generation instead of being promoted while a whole batch waits (measured: that doubled
// its GC time).
const PART_ROWS = 250;

// Collects one batch in parts: keys and programmes as strings, each record as one string of
// its fields.
class BatchEncoder {
	private keys: string[] = [];
	private programmeIds: string[] = [];
	private rows = 0;
	private columns: string[] = [];
	private records: FeedRecordTexts | null = null;
	// The fields the row parser reads the key and programme from (-1: the header lacks it).
	private keyAt = -1;
	private programmeAt = -1;

	private readonly parser: FeedRowParser;

	constructor( parser: FeedRowParser ) {
		this.parser = parser;
	}

	/** Rows of the batch so far. */
	get size(): number {
		return this.rows;
	}

	header( names: readonly string[] ): void {
		const { columns, positions } = recordColumns( names );
		this.columns = columns;
		this.records = new FeedRecordTexts( positions, PART_ROWS );
		const at = ( column: string ): number => {
			const index = columns.indexOf( column );
			return index === -1 ? -1 : ( positions[ index ] as number );
		};
		this.keyAt = at( this.parser.keyColumn );
		this.programmeAt = at( this.parser.programmeColumn );
	}

	add( fields: readonly string[] ): void {
		// As the row parser reads them (a missing or blank one fails it: the main thread says so).
		this.keys.push( ( fields[ this.keyAt ] ?? '' ).trim() );
		this.programmeIds.push( ( fields[ this.programmeAt ] ?? '' ).trim() );
		this.rows++;
		const records = this.records as FeedRecordTexts;
		records.write( fields );
		if ( records.size >= PART_ROWS ) {
			this.sendPart( false );
		}
	}

	/** Sends what is left of the batch, as its last part. */
	endBatch(): void {
		this.sendPart( true );
		this.rows = 0;
	}

	private sendPart( endsBatch: boolean ): void {
		const { texts, lengths } = ( this.records as FeedRecordTexts ).take();
		const part: FeedRecordPart = {
			keys: this.keys,
			programmeIds: this.programmeIds,
			columns: this.columns,
			texts,
			lengths,
			endsBatch,
		};
		send( { type: 'part', part }, [ lengths.buffer as ArrayBuffer ] );
		this.keys = [];
		this.programmeIds = [];
	}
}

// Waits while the main thread has `batchesAhead` batches it has not taken: memory stays flat
// whatever the speed of the writer.
async function post( encoder: BatchEncoder ): Promise< void > {
	if ( encoder.size === 0 ) {
		return;
	}
	encoder.endBatch();
	batchesOut++;
	await wakeups.until( () => batchesOut < settings.batchesAhead );
}

async function run(): Promise< void > {
	const encoder = new BatchEncoder( FEED_ROW_PARSERS[ settings.parser ] );
	try {
		for await ( const rows of readCsvFeedRows(
			Readable.from( receivedBytes() ),
			{
				requiredColumns: settings.requiredColumns,
				delimiter: settings.delimiter,
				onHeader: ( columns ) => encoder.header( columns ),
			}
		) ) {
			for ( const fields of rows ) {
				encoder.add( fields );
				if ( encoder.size >= settings.batchSize ) {
					await post( encoder );
				}
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
