/**
 * The feed parser worker: gunzip, CSV, the network's row parser (which rejects bad rows) and
 * the content hash of every row, off the main thread, which only looks rows up and writes the
 * new and changed ones (ingest/parseFeedInWorker.ts starts it; feedWorkerProtocol.ts has the
 * messages).
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

import { readCsvFeed } from '../feeds/readCsvFeed';
import { FeedRowError } from '../networks/awin/feedRow';
import type { CatalogueItem, RejectedRow } from '../networks/types';
import { FEED_ROW_PARSERS } from './feedRowParsers';
import type {
	EncodedFeedBatch,
	FeedWorkerSettings,
	FromFeedWorker,
	ToFeedWorker,
} from './feedWorkerProtocol';
import { catalogueItemHash } from './storedCatalogueRow';

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

// Collects one batch: keys, programmes and hashes as strings, the records' fields as UTF-8
// bytes written as they come, so a row's strings die young instead of waiting in the heap for
// the whole batch.
class BatchEncoder {
	keys: string[] = [];
	programmeIds: string[] = [];
	hashes: string[] = [];
	rejected: RejectedRow[] = [];
	private columns: string[] | null = null;
	private bytes: Buffer;
	private used = 0;
	private bounds: number[] = [];
	private fieldLengths: number[] = [];

	constructor( private capacity: number ) {
		this.bytes = Buffer.from( new ArrayBuffer( capacity ) );
	}

	get size(): number {
		return this.keys.length;
	}

	private append( text: string ): void {
		// A UTF-16 unit is at most 3 UTF-8 bytes.
		const needed = this.used + text.length * 3;
		if ( needed > this.bytes.length ) {
			const grown = Buffer.from(
				new ArrayBuffer( Math.max( needed, this.bytes.length * 2 ) )
			);
			this.bytes.copy( grown, 0, 0, this.used );
			this.bytes = grown;
		}
		this.bounds.push( this.used );
		this.used += this.bytes.write( text, this.used );
	}

	add( record: Record< string, string >, item: CatalogueItem ): void {
		// Every record of a feed has the header's keys, in the same order.
		this.columns ??= Object.keys( record );
		this.keys.push( item.productKey );
		this.programmeIds.push( item.programmeId );
		this.hashes.push( catalogueItemHash( item ) );
		const fields = this.columns.map( ( column ) => record[ column ] ?? '' );
		for ( const field of fields ) {
			this.fieldLengths.push( field.length );
		}
		this.append( fields.join( '' ) );
	}

	take(): EncodedFeedBatch {
		this.bounds.push( this.used );
		const batch: EncodedFeedBatch = {
			keys: this.keys,
			programmeIds: this.programmeIds,
			hashes: this.hashes,
			columns: this.columns ?? [],
			bytes: this.bytes.buffer as ArrayBuffer,
			bounds: Uint32Array.from( this.bounds ),
			fieldLengths: Uint32Array.from( this.fieldLengths ),
			rejected: this.rejected,
		};
		// The next batch is likely the same size: start there, with some room.
		this.capacity = Math.max(
			this.capacity,
			Math.ceil( this.used * 1.25 )
		);
		this.bytes = Buffer.from( new ArrayBuffer( this.capacity ) );
		this.used = 0;
		this.bounds = [];
		this.fieldLengths = [];
		this.keys = [];
		this.programmeIds = [];
		this.hashes = [];
		this.rejected = [];
		return batch;
	}
}

// Waits while the main thread has `batchesAhead` batches it has not taken: memory stays flat
// whatever the speed of the writer.
async function post( encoder: BatchEncoder ): Promise< void > {
	if ( encoder.size === 0 && encoder.rejected.length === 0 ) {
		return;
	}
	const batch = encoder.take();
	batchesOut++;
	send( { type: 'batch', batch }, [
		batch.bytes,
		batch.bounds.buffer as ArrayBuffer,
		batch.fieldLengths.buffer as ArrayBuffer,
	] );
	await until( () => batchesOut < settings.batchesAhead );
}

async function run(): Promise< void > {
	const parse = FEED_ROW_PARSERS[ settings.parser ];
	const encoder = new BatchEncoder( 64 * 1024 );
	let rowNumber = 0;
	try {
		for await ( const record of readCsvFeed(
			Readable.from( receivedBytes() ),
			{
				requiredColumns: settings.requiredColumns,
				delimiter: settings.delimiter,
			}
		) ) {
			rowNumber++;
			let item: CatalogueItem;
			try {
				item = parse( record );
			} catch ( error ) {
				if ( ! ( error instanceof FeedRowError ) ) {
					throw error;
				}
				encoder.rejected.push( {
					row: rowNumber,
					reason: error.message,
				} );
				continue;
			}
			encoder.add( record, item );
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
