/**
 * WordPress dependencies
 */
import { dispatch, select, subscribe } from '@wordpress/data';

/**
 * Internal dependencies
 */
import { renewDuplicateInlinePlacementIds } from './post-placement-ids';

interface BlockEditorSelectors {
	getBlocks: () => unknown;
	getClientIdsWithDescendants: () => string[];
	getBlockAttributes: (
		clientId: string
	) => Record< string, unknown > | null;
}

interface BlockEditorActions {
	updateBlockAttributes: (
		clientId: string,
		attributes: Record< string, string >
	) => void;
	__unstableMarkNextChangeAsNotPersistent?: () => void;
}

/**
 * Keeps every inline affiliate link's placement id unique in the post being edited. A format
 * has no edit hook that runs when its words are pasted or its block duplicated, so the block
 * editor's store is watched instead: whenever the blocks change, links whose id another
 * placement already holds get a new one (renewDuplicateInlinePlacementIds), merged into the
 * paste's or the duplication's own undo step.
 */
export function keepInlinePlacementIdsUnique(): () => void {
	let checkedBlocks: unknown = null;
	let owners = new Map< string, string >();
	return subscribe( () => {
		const editor = select(
			'core/block-editor'
		) as unknown as BlockEditorSelectors | null;
		if ( ! editor ) {
			return;
		}
		// The block tree is a new object after any change to a block, and the same one
		// otherwise (selection, typing in the sidebar…): nothing to look at then.
		const blocks = editor.getBlocks();
		if ( blocks === checkedBlocks ) {
			return;
		}
		checkedBlocks = blocks;
		const check = renewDuplicateInlinePlacementIds(
			editor.getClientIdsWithDescendants().map( ( clientId ) => ( {
				clientId,
				attributes: editor.getBlockAttributes( clientId ),
			} ) ),
			owners
		);
		owners = check.owners;
		const actions = dispatch(
			'core/block-editor'
		) as unknown as BlockEditorActions;
		for ( const renewal of check.renewals ) {
			actions.__unstableMarkNextChangeAsNotPersistent?.();
			actions.updateBlockAttributes(
				renewal.clientId,
				renewal.attributes
			);
		}
	} );
}
