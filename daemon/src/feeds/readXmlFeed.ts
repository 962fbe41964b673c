import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

import { decodeFeedBody, FeedFormatError } from './readCsvFeed';

/** An XML feed that stopped before its closing tags: cut short in transit, worth a retry. */
export class FeedTruncatedError extends FeedFormatError {
	constructor( message: string ) {
		super( message );
		this.name = 'FeedTruncatedError';
	}
}

export interface XmlFeedOptions {
	/** Local names of the elements that hold one product; default RSS `item` and Atom `entry`. */
	itemElements?: readonly string[];
}

// `g:price` and `price` are the same field to us: Google's namespace prefix varies by feed.
function localName( name: string ): string {
	const colon = name.indexOf( ':' );
	return colon === -1 ? name : name.slice( colon + 1 );
}

// Streams an XML product feed (Google Merchant RSS 2.0 or Atom, optionally gzip) as one flat
// record per item: child elements by local name, nested ones as `parent.child` (g:shipping →
// shipping.price). The first of repeated fields wins. Memory stays flat: the SAX parser is fed
// chunk by chunk and finished items are handed out before the next chunk is read.
export async function* readXmlFeed(
	source: Readable,
	options: XmlFeedOptions = {}
): AsyncGenerator< Record< string, string > > {
	const itemElements = new Set( options.itemElements ?? [ 'item', 'entry' ] );
	const parser = new SaxesParser( { xmlns: false, position: true } );
	const ready: Array< Record< string, string > > = [];
	let current: Record< string, string > | null = null;
	// Element path inside the current item, and the text of the innermost open element.
	const path: string[] = [];
	let text = '';
	let failure: Error | null = null;

	parser.on( 'opentag', ( tag ) => {
		const name = localName( tag.name );
		if ( current === null ) {
			if ( itemElements.has( name ) ) {
				current = {};
			}
			return;
		}
		path.push( name );
		text = '';
	} );
	parser.on( 'text', ( value ) => {
		text += value;
	} );
	parser.on( 'cdata', ( value ) => {
		text += value;
	} );
	parser.on( 'closetag', ( tag ) => {
		if ( current === null ) {
			return;
		}
		if ( path.length === 0 ) {
			if ( itemElements.has( localName( tag.name ) ) ) {
				ready.push( current );
				current = null;
			}
			return;
		}
		const key = path.join( '.' );
		if ( ! ( key in current ) && text.trim() !== '' ) {
			current[ key ] = text.trim();
		}
		path.pop();
		text = '';
	} );
	parser.on( 'error', ( error ) => {
		failure ??= new FeedFormatError(
			`feed is not valid XML: ${ error.message }`
		);
	} );

	const body = decodeFeedBody( source );
	const decoder = new StringDecoder( 'utf8' );
	try {
		for await ( const chunk of body as AsyncIterable< Buffer > ) {
			parser.write( decoder.write( chunk ) );
			if ( failure ) {
				throw failure;
			}
			while ( ready.length > 0 ) {
				yield ready.shift() as Record< string, string >;
			}
		}
		parser.write( decoder.end() );
		try {
			parser.close();
		} catch {
			// saxes reports unclosed tags through the error handler too.
		}
		if ( failure !== null ) {
			const message = ( failure as Error ).message;
			throw /unclosed tag|document must contain a root/i.test( message )
				? new FeedTruncatedError(
						`XML feed ended before its closing tags (${ message })`
				  )
				: failure;
		}
		while ( ready.length > 0 ) {
			yield ready.shift() as Record< string, string >;
		}
	} finally {
		body.destroy();
		source.destroy();
	}
}
