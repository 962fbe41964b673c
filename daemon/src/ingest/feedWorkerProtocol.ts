import type { RejectedRow } from '../networks/types';
import type { FeedRowParserName } from './feedRowParsers';

// The messages between the main thread and the feed parser worker (ingest/feedParseWorker.ts).

export interface FeedWorkerSettings {
	/** The worker's own file, when it runs under a TypeScript loader (tests). */
	file?: string;
	parser: FeedRowParserName;
	requiredColumns: readonly string[];
	delimiter?: string;
	batchSize: number;
	/** Parsed batches the main thread has not taken yet; the worker waits at this many. */
	batchesAhead: number;
}

/** Main → worker. */
export type ToFeedWorker =
	| { type: 'bytes'; chunk: Uint8Array }
	/** No more bytes; `failed` when the body broke off (the worker still hands over its rows). */
	| { type: 'end'; failed: boolean }
	/** The main thread took a batch: the worker may parse one more. */
	| { type: 'taken' };

/**
 * One batch of parsed rows. What the main thread needs for every row (key, programme, content
 * hash) as strings; the feed record itself only as UTF-8 bytes (its fields end to end, row
 * after row, rows at `bounds`, each field's length in UTF-16 units in `fieldLengths`, in the
 * order of `columns`), which the main thread turns back into a record and parses again only
 * for the rows it writes. Bytes are transferred, not copied, and cost no GC time; writing a
 * record's fields is much cheaper for the worker than encoding the row it parsed.
 */
export interface EncodedFeedBatch {
	keys: string[];
	programmeIds: string[];
	hashes: string[];
	columns: string[];
	bytes: ArrayBuffer;
	bounds: Uint32Array;
	fieldLengths: Uint32Array;
	/** Rows of this stretch of the feed that were skipped, in feed order. */
	rejected: RejectedRow[];
}

export interface FeedWorkerFailure {
	name: string;
	message: string;
	code?: string;
}

/** Worker → main. */
export type FromFeedWorker =
	| { type: 'batch'; batch: EncodedFeedBatch }
	/** The worker read a chunk of bytes: the main thread may send one more. */
	| { type: 'consumed' }
	| { type: 'done' }
	| { type: 'failed'; failure: FeedWorkerFailure };
