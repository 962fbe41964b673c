/**
 * Placement ids identify one block in one post. The plugin turns them into the sub id the
 * networks carry back with each commission (`p{postId}_{placementId}`), so they must stay
 * within the characters every network accepts and be short enough to fit their caps.
 */
export const PLACEMENT_ID_PATTERN = /^[A-Za-z0-9]{1,16}$/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 10;

/**
 * A new random placement id (10 characters of [a-z0-9], about 51 bits).
 *
 * @param randomValues Source of randomness, injectable for tests.
 */
export function createPlacementId(
	randomValues: ( bytes: Uint8Array ) => Uint8Array = ( bytes ) =>
		crypto.getRandomValues( bytes )
): string {
	const bytes = randomValues( new Uint8Array( LENGTH ) );
	let id = '';
	for ( const byte of bytes ) {
		id += ALPHABET[ byte % ALPHABET.length ];
	}
	return id;
}

/**
 * Whether a stored placement id can be used as is.
 *
 * @param value The block attribute.
 */
export function isValidPlacementId( value: unknown ): value is string {
	return typeof value === 'string' && PLACEMENT_ID_PATTERN.test( value );
}
