import { createHash, hash } from 'node:crypto';

/*
 * How feed records travel from the feed parser worker to the writer, and what a feed row's
 * content hash is. The worker sends each record as one string, its fields end to end in header
 * order, with each field's length in UTF-16 units (FeedRecordTexts), in small parts: strings
 * it holds for a whole batch outlived its young generation and cost it more GC than encoding
 * them. The main thread, which mostly waits on a re-sync, writes them as bytes as they arrive
 * (FeedRecordEncoder); a record's bytes, in its batch's buffer at [start, end):
 *   its fields end to end in UTF-8, in header order;
 *   each field's length in UTF-16 units, 32-bit little-endian;
 *   the feed's format tag: a digest of the parser, its version and the header.
 * The row's content hash is the SHA-1 of exactly those bytes: the lengths tell "ab","c" from
 * "a","bc", the tag a reordered header or a new reading of the rows from the same text. So an
 * unchanged row costs one native hash, and the row is parsed only when it must be written.
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

/**
 * The record's columns for a header, and the field each takes: a repeated name keeps its last
 * field, in the order of a record keyed by the header (what the hashes were always taken of).
 */
export function recordColumns( header: readonly string[] ): {
	columns: string[];
	positions: number[];
} {
	const position: Record< string, number > = {};
	header.forEach( ( name, index ) => {
		position[ name ] = index;
	} );
	const columns = Object.keys( position );
	return {
		columns,
		positions: columns.map( ( name ) => position[ name ] as number ),
	};
}

/** In the worker: collects records (a parsed row's fields) until take() hands them over. */
export class FeedRecordTexts {
	private texts: string[] = [];
	private lengths: Uint32Array;
	private rows = 0;
	private readonly width: number;
	// The header has no repeated name: a row's fields are the record's, in order.
	private readonly whole: boolean;

	constructor(
		private readonly positions: readonly number[],
		private readonly capacity: number
	) {
		this.width = positions.length;
		this.whole = positions.every( ( at, index ) => at === index );
		this.lengths = new Uint32Array( capacity * this.width );
	}

	get size(): number {
		return this.rows;
	}

	/** Appends one row's record. */
	write( fields: readonly string[] ): void {
		const { width, positions } = this;
		if ( ( this.rows + 1 ) * width > this.lengths.length ) {
			const grown = new Uint32Array( this.lengths.length * 2 + width );
			grown.set( this.lengths );
			this.lengths = grown;
		}
		const at = this.rows * width;
		let text: string;
		if ( this.whole ) {
			for ( let column = 0; column < width; column++ ) {
				this.lengths[ at + column ] = (
					fields[ column ] as string
				 ).length;
			}
			text = fields.join( '' );
		} else {
			text = '';
			for ( let column = 0; column < width; column++ ) {
				const value = fields[ positions[ column ] as number ] as string;
				this.lengths[ at + column ] = value.length;
				text += value;
			}
		}
		this.texts.push( text );
		this.rows++;
	}

	/** The records so far; the collector starts anew. */
	take(): { texts: string[]; lengths: Uint32Array } {
		const taken = {
			texts: this.texts,
			lengths: this.lengths.subarray( 0, this.rows * this.width ),
		};
		this.texts = [];
		this.lengths = new Uint32Array( this.capacity * this.width );
		this.rows = 0;
		return taken;
	}
}

/** On the main thread: writes records end to end into one growing buffer, which take() hands over. */
export class FeedRecordEncoder {
	private bytes: Buffer;
	private used = 0;
	private spares: ArrayBuffer[] = [];

	constructor(
		private capacity: number,
		private readonly tag: Buffer
	) {
		this.bytes = Buffer.from( new ArrayBuffer( capacity ) );
	}

	get size(): number {
		return this.used;
	}

	/** Appends the record `row` of a part: its joined text, and its `width` lengths at row × width. */
	write(
		text: string,
		lengths: Uint32Array,
		row: number,
		width: number
	): void {
		// A UTF-16 unit is at most 3 UTF-8 bytes.
		const needed =
			this.used +
			text.length * 3 +
			width * LENGTH_BYTES +
			FORMAT_TAG_BYTES;
		if ( needed > this.bytes.length ) {
			this.grow( needed );
		}
		let at = this.used + this.bytes.write( text, this.used );
		for (
			let column = row * width;
			column < ( row + 1 ) * width;
			column++
		) {
			at = this.bytes.writeUInt32LE( lengths[ column ] as number, at );
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
		const spare = this.spares.pop();
		this.bytes = Buffer.from(
			spare && spare.byteLength >= this.capacity
				? spare
				: new ArrayBuffer( this.capacity )
		);
		this.used = 0;
		return taken;
	}

	/**
	 * Takes back a buffer take() handed over, once nothing reads it any more: the next batches
	 * reuse it. A new buffer per batch left megabytes of external memory per batch for the
	 * garbage collector, which let ~20 MB of them pile up (measured on 1 M rows).
	 */
	recycle( buffer: ArrayBuffer ): void {
		if ( this.spares.length < 2 ) {
			this.spares.push( buffer );
		}
	}
}

/** The content hash of the record at [start, end). */
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
