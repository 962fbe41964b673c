/**
 * Internal dependencies
 */
import { createPlacementId } from '../shared/placement-id';

/**
 * An inline affiliate link's placement id as the saved HTML holds it (the format's
 * `data-afflux-placement` attribute); the server reads it the same way.
 */
const INLINE_PLACEMENT = /\bdata-afflux-placement="([A-Za-z0-9]{1,16})"/g;

/**
 * Most tries for an id no placement of the post holds; with 36^10 ids, one is all it takes.
 */
const MAX_TRIES = 100;

/**
 * The placement ids of the inline affiliate links in a rich-text attribute's HTML.
 *
 * @param html A block attribute holding rich text.
 */
export function inlinePlacementIds( html: string ): string[] {
	return [ ...html.matchAll( INLINE_PLACEMENT ) ].map(
		( match ) => match[ 1 ] ?? ''
	);
}

/**
 * Every placement id a post already uses: each block's placementId and each inline link's id in
 * its rich-text attributes (strings on WordPress 6.1; objects printing their HTML from 6.5).
 *
 * @param blocks The attributes of every block of the post, inner blocks included.
 */
export function postPlacementIds(
	blocks: Array< Record< string, unknown > | null >
): Set< string > {
	const taken = new Set< string >();
	for ( const attributes of blocks ) {
		for ( const [ name, value ] of Object.entries( attributes ?? {} ) ) {
			if ( name === 'placementId' && typeof value === 'string' ) {
				taken.add( value );
			}
			const html = richTextHtml( value );
			if ( html.includes( 'data-afflux-placement=' ) ) {
				inlinePlacementIds( html ).forEach( ( id ) => taken.add( id ) );
			}
		}
	}
	return taken;
}

/**
 * A new placement id that no placement of the post holds, so the link's clicks and
 * commissions are its own.
 *
 * @param taken  The post's placement ids.
 * @param create Source of new ids, injectable for tests.
 */
export function freshPlacementId(
	taken: ReadonlySet< string >,
	create: () => string = createPlacementId
): string {
	for ( let i = 0; i < MAX_TRIES; i++ ) {
		const id = create();
		if ( ! taken.has( id ) ) {
			return id;
		}
	}
	throw new Error( 'No free placement id: the id source repeats itself.' );
}

/**
 * The HTML of a rich-text attribute value; '' for anything else.
 *
 * @param value A block attribute.
 */
function richTextHtml( value: unknown ): string {
	if ( typeof value === 'string' ) {
		return value;
	}
	if (
		typeof value === 'object' &&
		value !== null &&
		typeof ( value as { toHTMLString?: unknown } ).toHTMLString ===
			'function'
	) {
		return String(
			( value as { toHTMLString: () => unknown } ).toHTMLString()
		);
	}
	return '';
}
