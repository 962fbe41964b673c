import { createHash, hash } from 'node:crypto';

/*
 * How the feed parser worker hands feed records to the main thread, and what a feed row's
 * content hash is. A record's bytes, in its batch's buffer at [start, end):
 *   its fields end to end in UTF-8, in header order;
 *   each field's length in UTF-16 units, 32-bit little-endian;
 *   the feed's format tag: a digest of the parser, its version and the header.
 * The row's content hash is the SHA-1 of exactly those bytes: the lengths tell "ab","c" from
 * "a","bc", the tag a reordered header or a new reading of the rows from the same text. So an
 * unchanged row costs one native hash over bytes the worker writes anyway (hashing the parsed
 * item joined a ~1.3 k-char string), and the row is parsed only when it must be written.
 */

const FORMAT_TAG_BYTES = 20;
const LENGTH_BYTES = 4;

export function feedFormatTag(
	parser: string,
	version: number,
	columns: readonly string[]
): Buffer {
	return createHash( 'sha1' )
		.update( JSON.stringify( [ parser, version, columns ] ) )
		.digest();
}

/** Writes records end to end into one growing buffer, which take() hands over. */
export class FeedRecordEncoder {
	private bytes: Buffer;
	private used = 0;

	constructor(
		private capacity: number,
		private readonly tag: Buffer
	) {
		this.bytes = Buffer.from( new ArrayBuffer( capacity ) );
	}

	get size(): number {
		return this.used;
	}

	/** Appends one record (its fields in `columns` order). */
	write(
		record: Record< string, string >,
		columns: readonly string[]
	): void {
		let text = '';
		for ( const column of columns ) {
			text += record[ column ] ?? '';
		}
		// One write of the joined text: measured cheaper than one write per field.
		// A UTF-16 unit is at most 3 UTF-8 bytes.
		const needed =
			this.used +
			text.length * 3 +
			columns.length * LENGTH_BYTES +
			FORMAT_TAG_BYTES;
		if ( needed > this.bytes.length ) {
			this.grow( needed );
		}
		const start = this.used;
		let at = start + this.bytes.write( text, start );
		for ( const column of columns ) {
			at = this.bytes.writeUInt32LE(
				( record[ column ] ?? '' ).length,
				at
			);
		}
		this.used = at + this.tag.copy( this.bytes, at );
	}

	private grow( needed: number ): void {
		const grown = Buffer.from(
			new ArrayBuffer( Math.max( needed, this.bytes.length * 2 ) )
		);
		this.bytes.copy( grown, 0, 0, this.used );
		this.bytes = grown;
	}

	/** The buffer so far (its first `size` bytes are records); the encoder starts a new one. */
	take(): ArrayBuffer {
		const taken = this.bytes.buffer as ArrayBuffer;
		// The next batch is likely the same size: start there, with some room.
		this.capacity = Math.max( this.capacity, Math.ceil( this.used * 1.1 ) );
		this.bytes = Buffer.from( new ArrayBuffer( this.capacity ) );
		this.used = 0;
		return taken;
	}
}

/**
 * The content hash of the record at [start, end). Taken on the main thread, which waits for
 * the worker on a re-sync: the worker has no time to spare, the main thread has.
 */
export function feedRecordHash(
	bytes: Buffer,
	start: number,
	end: number
): string {
	return hash( 'sha1', bytes.subarray( start, end ) );
}

/** The record at [start, end) of `bytes`, keyed by `columns` (the header). */
export function decodeFeedRecord(
	bytes: Buffer,
	start: number,
	end: number,
	columns: readonly string[]
): Record< string, string > {
	const lengthsAt = end - FORMAT_TAG_BYTES - columns.length * LENGTH_BYTES;
	const text = bytes.toString( 'utf8', start, lengthsAt );
	const record: Record< string, string > = {};
	let offset = 0;
	columns.forEach( ( column, position ) => {
		const length = bytes.readUInt32LE(
			lengthsAt + position * LENGTH_BYTES
		);
		record[ column ] = text.slice( offset, offset + length );
		offset += length;
	} );
	return record;
}
