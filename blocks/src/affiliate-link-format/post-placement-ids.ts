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

/**
 * One block of the post as the inline placement-id check needs it.
 */
export interface InlineLinkBlock {
	clientId: string;
	attributes: Record< string, unknown > | null;
}

/**
 * New HTML for some rich-text attributes of one block.
 */
export interface InlinePlacementRenewal {
	clientId: string;
	attributes: Record< string, string >;
}

/**
 * The outcome of a check: the attributes to update, and which block now owns each inline
 * placement id (passed to the next check).
 */
export interface InlinePlacementCheck {
	renewals: InlinePlacementRenewal[];
	owners: Map< string, string >;
}

interface InlineOccurrence {
	clientId: string;
	attribute: string;
	index: number;
	id: string;
}

/**
 * Gives a new placement id to every inline affiliate link that shares its id with another
 * placement of the post: pasting or duplicating a paragraph copies its links' ids, and the
 * copy's clicks and commissions must be its own. The link that already held the id keeps it:
 * the block that owned it at the previous check (wherever the copy lands), else the first in
 * the post. An id a block's own placementId holds stays the block's (useUniquePlacementId
 * renews duplicate blocks).
 *
 * @param blocks The post's blocks in document order, inner blocks included.
 * @param owners The owner of each inline id at the previous check (empty at first).
 * @param create Source of new ids, injectable for tests.
 */
export function renewDuplicateInlinePlacementIds(
	blocks: InlineLinkBlock[],
	owners: ReadonlyMap< string, string >,
	create: () => string = createPlacementId
): InlinePlacementCheck {
	const blockIds = new Set< string >();
	const occurrences: InlineOccurrence[] = [];
	const html = new Map< string, string >();
	for ( const { clientId, attributes } of blocks ) {
		for ( const [ name, value ] of Object.entries( attributes ?? {} ) ) {
			if ( name === 'placementId' && typeof value === 'string' ) {
				blockIds.add( value );
			}
			const text = richTextHtml( value );
			if ( ! text.includes( 'data-afflux-placement=' ) ) {
				continue;
			}
			html.set( clientId + '\n' + name, text );
			inlinePlacementIds( text ).forEach( ( id, index ) =>
				occurrences.push( { clientId, attribute: name, index, id } )
			);
		}
	}

	const held = new Set(
		occurrences.map( ( { id, clientId } ) => id + '\n' + clientId )
	);
	const keepers = new Map< string, InlineOccurrence >();
	for ( const occurrence of occurrences ) {
		const { id, clientId } = occurrence;
		if ( blockIds.has( id ) || keepers.has( id ) ) {
			continue;
		}
		const owner = owners.get( id );
		const ownerHoldsIt =
			owner !== undefined && held.has( id + '\n' + owner );
		if ( ! ownerHoldsIt || clientId === owner ) {
			keepers.set( id, occurrence );
		}
	}

	const taken = postPlacementIds(
		blocks.map( ( block ) => block.attributes )
	);
	const nextOwners = new Map< string, string >();
	const renewed = new Map< string, Map< number, string > >();
	for ( const occurrence of occurrences ) {
		if ( keepers.get( occurrence.id ) === occurrence ) {
			nextOwners.set( occurrence.id, occurrence.clientId );
			continue;
		}
		const id = freshPlacementId( taken, create );
		taken.add( id );
		nextOwners.set( id, occurrence.clientId );
		const key = occurrence.clientId + '\n' + occurrence.attribute;
		const byIndex = renewed.get( key ) ?? new Map< number, string >();
		byIndex.set( occurrence.index, id );
		renewed.set( key, byIndex );
	}

	const renewals = new Map< string, InlinePlacementRenewal >();
	for ( const [ key, byIndex ] of renewed ) {
		const [ clientId = '', attribute = '' ] = key.split( '\n' );
		const renewal = renewals.get( clientId ) ?? {
			clientId,
			attributes: {},
		};
		renewal.attributes[ attribute ] = replacePlacementIds(
			html.get( key ) ?? '',
			byIndex
		);
		renewals.set( clientId, renewal );
	}
	return { renewals: [ ...renewals.values() ], owners: nextOwners };
}

/**
 * $html with the inline links at the given positions (in INLINE_PLACEMENT's order) holding
 * their new placement ids; every other byte as it was.
 *
 * @param html    A rich-text attribute's HTML.
 * @param byIndex New id by link position.
 */
function replacePlacementIds(
	html: string,
	byIndex: ReadonlyMap< number, string >
): string {
	let index = 0;
	return html.replace( INLINE_PLACEMENT, ( whole: string ) => {
		const id = byIndex.get( index++ );
		return id === undefined ? whole : `data-afflux-placement="${ id }"`;
	} );
}
