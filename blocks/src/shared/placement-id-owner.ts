/**
 * One block of the post as the placement-id check needs it.
 */
export interface PlacedBlock {
	clientId: string;
	placementId: unknown;
}

/**
 * Whether a block earlier in the post already holds $placementId. Duplicating a block copies
 * its attributes, so the copy (which comes after the original) must take a new id while the
 * original keeps the one its links and earnings already carry.
 *
 * @param blocks      The post's blocks in document order, inner blocks included.
 * @param clientId    The block asking.
 * @param placementId Its placement id.
 */
export function isPlacementIdTakenEarlier(
	blocks: PlacedBlock[],
	clientId: string,
	placementId: string
): boolean {
	for ( const block of blocks ) {
		if ( block.clientId === clientId ) {
			return false;
		}
		if ( block.placementId === placementId ) {
			return true;
		}
	}
	return false;
}
