/* eslint-disable no-bitwise -- a PRNG and a hash are bit mixing by nature; nowhere else. */
// mulberry32: tiny, fast and good enough to make sandbox data that never changes run to run.
export function mulberry32( seed: number ): () => number {
	let state = seed >>> 0;
	return function next(): number {
		state = ( state + 0x6d2b79f5 ) >>> 0;
		let t = state;
		t = Math.imul( t ^ ( t >>> 15 ), t | 1 );
		t ^= t + Math.imul( t ^ ( t >>> 7 ), t | 61 );
		return ( ( t ^ ( t >>> 14 ) ) >>> 0 ) / 4294967296;
	};
}

// Mixes several integers into one seed, so item n does not depend on how many items exist.
export function seedFor( ...parts: number[] ): number {
	let hash = 2166136261;
	for ( const part of parts ) {
		hash = Math.imul( hash ^ ( part >>> 0 ), 16777619 ) >>> 0;
		hash = Math.imul( hash ^ ( hash >>> 13 ), 0x5bd1e995 ) >>> 0;
	}
	return hash >>> 0;
}

export function pick< T >( random: () => number, items: readonly T[] ): T {
	const item = items[ Math.floor( random() * items.length ) ];
	if ( item === undefined ) {
		throw new Error( 'pick() needs a non-empty list' );
	}
	return item;
}
