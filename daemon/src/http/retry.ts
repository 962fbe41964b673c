import { TransientError } from './errors';
import { sleepFor } from './rateLimiter';

export interface RetryOptions {
	/** Total attempts, the first one included. */
	attempts: number;
	baseDelayMs: number;
	/** A Retry-After longer than this is not waited for: the run fails and the next one retries. */
	maxDelayMs: number;
	random?: () => number;
	sleep?: ( ms: number, signal?: AbortSignal ) => Promise< void >;
	onRetry?: (
		error: TransientError,
		attempt: number,
		delayMs: number
	) => void;
	signal?: AbortSignal;
}

export const DEFAULT_RETRY: RetryOptions = {
	attempts: 4,
	baseDelayMs: 2000,
	maxDelayMs: 120_000,
};

// Exponential backoff with full jitter, or exactly what Retry-After asked for.
export function retryDelayMs(
	error: TransientError,
	attempt: number,
	options: Pick< RetryOptions, 'baseDelayMs' | 'random' >
): number {
	if ( error.retryAfterSeconds !== undefined ) {
		return error.retryAfterSeconds * 1000;
	}
	const random = options.random ?? Math.random;
	const ceiling = options.baseDelayMs * 2 ** ( attempt - 1 );
	return Math.round( ceiling / 2 + random() * ( ceiling / 2 ) );
}

// Retries `call` on TransientError only; permanent errors surface at once.
export async function withRetry< T >(
	call: () => Promise< T >,
	options: RetryOptions
): Promise< T > {
	const sleep = options.sleep ?? sleepFor;
	for ( let attempt = 1; ; attempt++ ) {
		try {
			return await call();
		} catch ( error ) {
			if ( ! ( error instanceof TransientError ) ) {
				throw error;
			}
			if ( attempt >= options.attempts ) {
				throw error;
			}
			const delay = retryDelayMs( error, attempt, options );
			if ( delay > options.maxDelayMs ) {
				throw error;
			}
			options.onRetry?.( error, attempt, delay );
			await sleep( delay, options.signal );
		}
	}
}

// Parses Retry-After: delta-seconds or an HTTP date.
export function parseRetryAfter(
	value: unknown,
	now: number = Date.now()
): number | undefined {
	if ( typeof value !== 'string' || value.trim() === '' ) {
		return undefined;
	}
	if ( /^\d+$/.test( value.trim() ) ) {
		return Number( value.trim() );
	}
	const at = Date.parse( value );
	if ( Number.isNaN( at ) ) {
		return undefined;
	}
	return Math.max( 0, Math.ceil( ( at - now ) / 1000 ) );
}
