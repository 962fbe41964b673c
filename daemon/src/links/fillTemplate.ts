/**
 * Fills a link template produced by a network adapter. The plugin's PHP does the same, and
 * tests/vectors/tracking-links.json pins both: UTM parameters go on the landing URL (before any
 * #fragment; a key already there wins; empty values are dropped), then the whole landing URL is
 * RFC 3986-encoded into {landing_url}; {sub_id} goes in as is.
 *
 * The landing URL is handled as a string, never re-serialised through a URL parser, so what the
 * merchant wrote is exactly what reaches the network.
 */

export const SUB_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export type UtmMap = Record< string, string >;

export class InvalidSubIdError extends Error {
	constructor() {
		super( 'A sub id must be 1 to 40 characters from A-Z a-z 0-9 _ -' );
		this.name = 'InvalidSubIdError';
	}
}

// Percent-encodes every byte of the UTF-8 form except A-Z a-z 0-9 - . _ ~
export function encodeRfc3986( value: string ): string {
	return encodeURIComponent( value ).replace(
		/[!'()*]/g,
		( char ) => `%${ char.charCodeAt( 0 ).toString( 16 ).toUpperCase() }`
	);
}

function safeDecode( value: string ): string {
	try {
		return decodeURIComponent( value.replace( /\+/g, ' ' ) );
	} catch {
		return value;
	}
}

export function appendUtm( landingUrl: string, utm: UtmMap ): string {
	const hashAt = landingUrl.indexOf( '#' );
	const beforeFragment =
		hashAt === -1 ? landingUrl : landingUrl.slice( 0, hashAt );
	const fragment = hashAt === -1 ? '' : landingUrl.slice( hashAt );
	const queryAt = beforeFragment.indexOf( '?' );
	const query = queryAt === -1 ? '' : beforeFragment.slice( queryAt + 1 );
	const present = new Set(
		query
			.split( '&' )
			.filter( ( pair ) => pair !== '' )
			.map( ( pair ) => safeDecode( pair.split( '=' )[ 0 ] ?? '' ) )
	);
	const added: string[] = [];
	for ( const [ key, value ] of Object.entries( utm ) ) {
		if ( value === '' || present.has( key ) ) {
			continue;
		}
		added.push( `${ encodeRfc3986( key ) }=${ encodeRfc3986( value ) }` );
	}
	if ( added.length === 0 ) {
		return landingUrl;
	}
	let separator = '&';
	if ( queryAt === -1 ) {
		separator = '?';
	} else if ( query === '' || query.endsWith( '&' ) ) {
		separator = '';
	}
	return `${ beforeFragment }${ separator }${ added.join(
		'&'
	) }${ fragment }`;
}

export function fillTemplate(
	template: string,
	landingUrl: string,
	utm: UtmMap,
	subId: string
): string {
	if ( ! SUB_ID_PATTERN.test( subId ) ) {
		throw new InvalidSubIdError();
	}
	const landing = encodeRfc3986( appendUtm( landingUrl, utm ) );
	// split/join replaces every occurrence and treats the values literally (no $ patterns).
	return template
		.split( '{sub_id}' )
		.join( subId )
		.split( '{landing_url}' )
		.join( landing );
}
