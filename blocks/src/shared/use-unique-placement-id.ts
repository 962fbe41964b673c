/**
 * WordPress dependencies
 */
import { useSelect } from '@wordpress/data';
import { useEffect } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { createPlacementId, isValidPlacementId } from './placement-id';
import { isPlacementIdTakenEarlier } from './placement-id-owner';
import type { PlacedBlock } from './placement-id-owner';

interface BlockEditorSelectors {
	getClientIdsWithDescendants: () => string[];
	getBlockAttributes: (
		clientId: string
	) => Record< string, unknown > | null;
}

/**
 * Gives the block a placement id of its own: a new one when it has none (just inserted) or
 * when a block earlier in the post holds the same one (a duplicate). Every Afflux block that
 * links uses it, so each placement's clicks and commissions stay its own.
 *
 * @param clientId      The block's client id.
 * @param placementId   Its placementId attribute.
 * @param setAttributes The block's attribute setter.
 */
export function useUniquePlacementId(
	clientId: string,
	placementId: unknown,
	setAttributes: ( next: { placementId: string } ) => void
): void {
	const duplicate = useSelect(
		( select ) => {
			if ( ! isValidPlacementId( placementId ) ) {
				return false;
			}
			const editor = select(
				'core/block-editor'
			) as unknown as BlockEditorSelectors;
			const blocks: PlacedBlock[] = editor
				.getClientIdsWithDescendants()
				.map( ( id ) => ( {
					clientId: id,
					placementId: editor.getBlockAttributes( id )?.placementId,
				} ) );
			return isPlacementIdTakenEarlier( blocks, clientId, placementId );
		},
		[ clientId, placementId ]
	);

	useEffect( () => {
		if ( ! isValidPlacementId( placementId ) || duplicate ) {
			setAttributes( { placementId: createPlacementId() } );
		}
	}, [ placementId, duplicate, setAttributes ] );
}
