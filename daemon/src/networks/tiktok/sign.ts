import { createHmac } from 'node:crypto';

/**
 * TikTok Shop's request signature, as documented: every query parameter but `sign` and
 * `access_token`, sorted by name, written as name + value one after the other; the API path in
 * front; the raw body after (JSON requests); the app secret on both ends; then HMAC-SHA256 keyed
 * with the app secret, as lower-case hex.
 */
export function tiktokSignature(
	path: string,
	query: Record< string, string >,
	body: string,
	appSecret: string
): string {
	const pairs = Object.keys( query )
		.filter( ( key ) => key !== 'sign' && key !== 'access_token' )
		.sort()
		.map( ( key ) => `${ key }${ query[ key ] ?? '' }` )
		.join( '' );
	return createHmac( 'sha256', appSecret )
		.update( `${ appSecret }${ path }${ pairs }${ body }${ appSecret }` )
		.digest( 'hex' );
}
