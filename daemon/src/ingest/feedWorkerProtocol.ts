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
 * A part of one batch of feed rows, every row of a stretch of the feed (the worker parses none
 * of them: the main thread parses the rows it writes, and rejects the bad ones then). Each
 * row's key and programme as strings; its record as one string of its fields, with their
 * lengths (encodedFeedRecord.ts), the lengths transferred, not copied.
 */
export interface FeedRecordPart {
	keys: string[];
	programmeIds: string[];
	columns: string[];
	texts: string[];
	/** columns.length lengths a row. */
	lengths: Uint32Array;
	/** The last part of its batch. */
	endsBatch: boolean;
}

/**
 * A batch as the main thread assembles it from its parts: the records as bytes
 * (encodedFeedRecord.ts: the main thread hashes them), rows at `bounds`.
 */
export interface EncodedFeedBatch {
	/** The feed's data row number of the batch's first row (1 for the row after the header). */
	firstRow: number;
	keys: string[];
	programmeIds: string[];
	columns: string[];
	bytes: ArrayBuffer;
	bounds: Uint32Array;
}

export interface FeedWorkerFailure {
	name: string;
	message: string;
	code?: string;
}

/** Worker → main. */
export type FromFeedWorker =
	| { type: 'part'; part: FeedRecordPart }
	/** The worker read a chunk of bytes: the main thread may send one more. */
	| { type: 'consumed' }
	| { type: 'done' }
	| { type: 'failed'; failure: FeedWorkerFailure };
