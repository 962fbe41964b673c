/**
 * A sliding-window limiter: at most `limit` calls in any `windowMs`. Networks such as Awin
 * answer 429 without rate-limit headers once over, so we must never get there.
 */
export interface RateLimiter {
	/** Resolves when a call may start, and counts it. */
	acquire( signal?: AbortSignal ): Promise< void >;
}

export interface RateLimiterOptions {
	limit: number;
	windowMs: number;
	now?: () => number;
	sleep?: ( ms: number, signal?: AbortSignal ) => Promise< void >;
}

export function sleepFor( ms: number, signal?: AbortSignal ): Promise< void > {
	return new Promise( ( resolve, reject ) => {
		if ( signal?.aborted ) {
			reject( signal.reason );
			return;
		}
		const timer = setTimeout( () => {
			signal?.removeEventListener( 'abort', onAbort );
			resolve();
		}, ms );
		function onAbort(): void {
			clearTimeout( timer );
			reject( signal?.reason );
		}
		signal?.addEventListener( 'abort', onAbort, { once: true } );
	} );
}

export function createRateLimiter( options: RateLimiterOptions ): RateLimiter {
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? sleepFor;
	const starts: number[] = [];
	// Callers queue behind each other so concurrent callers cannot both take the last slot.
	let queue: Promise< void > = Promise.resolve();

	async function waitForSlot( signal?: AbortSignal ): Promise< void > {
		for (;;) {
			const current = now();
			while (
				starts.length > 0 &&
				( starts[ 0 ] ?? 0 ) <= current - options.windowMs
			) {
				starts.shift();
			}
			if ( starts.length < options.limit ) {
				starts.push( current );
				return;
			}
			const oldest = starts[ 0 ] ?? current;
			await sleep( oldest + options.windowMs - current, signal );
		}
	}

	function acquire( signal?: AbortSignal ): Promise< void > {
		const turn = queue.then( () => waitForSlot( signal ) );
		queue = turn.catch( () => undefined );
		return turn;
	}

	return { acquire };
}

/**
 * For networks that document no limit (Effiliation, CJ, Rakuten [unsure]): one call a second on
 * average, far above what a sync needs and far below what would look like abuse.
 */
export const SAFE_DEFAULT_RATE_LIMIT = { limit: 60, windowMs: 60_000 };

const sharedLimiters = new Map< string, RateLimiter >();

// One limiter per key (e.g. "awin:<publisherId>"): Awin's quota is per user and shared by all
// the clients of that user in this process.
export function sharedRateLimiter(
	key: string,
	options: RateLimiterOptions
): RateLimiter {
	const existing = sharedLimiters.get( key );
	if ( existing ) {
		return existing;
	}
	const limiter = createRateLimiter( options );
	sharedLimiters.set( key, limiter );
	return limiter;
}
