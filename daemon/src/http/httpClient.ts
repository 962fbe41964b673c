import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import type { ZodType, ZodTypeDef } from 'zod';

import { silentLogger, type Logger } from '../logger';
import {
	PermanentError,
	TransientError,
	errorForStatus,
	toNetworkError,
	type NetworkErrorDetails,
} from './errors';
import {
	SAFE_DEFAULT_RATE_LIMIT,
	sharedRateLimiter,
	type RateLimiter,
} from './rateLimiter';
import {
	DEFAULT_RETRY,
	parseRetryAfter,
	withRetry,
	type RetryOptions,
} from './retry';
import { describeZodError } from './zodErrors';

export interface HttpClientOptions {
	/** Display name used in errors and logs, e.g. "Awin". */
	network: string;
	baseURL?: string;
	/** Sent with every request (e.g. Authorization); never logged. */
	headers?: Record< string, string >;
	rateLimiter?: RateLimiter;
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	log?: Logger;
}

export interface RequestSpec {
	method: 'GET' | 'POST';
	/** A label for errors and logs, with placeholders instead of ids and keys. */
	endpoint: string;
	/** A path under baseURL, or an absolute URL. */
	url: string;
	params?: Record< string, string >;
	body?: unknown;
	signal?: AbortSignal;
}

export interface HttpClient {
	/** Fetches, parses and validates a JSON response. */
	requestJson< T >(
		spec: RequestSpec,
		schema: ZodType< T, ZodTypeDef, unknown >
	): Promise< T >;
	/** Opens a streamed body (e.g. a product feed); errors while reading it are the caller's. */
	openStream( spec: RequestSpec ): Promise< Readable >;
}

function abortReason( signal: AbortSignal | undefined ): unknown {
	return signal?.reason ?? new Error( 'Aborted' );
}

// A body that stops mid-structure was cut short in transit; anything else is not JSON at all.
function looksTruncated( body: string ): boolean {
	const trimmed = body.trimEnd();
	return trimmed === '' || ! /[}\]]$/.test( trimmed );
}

export function createHttpClient( options: HttpClientOptions ): HttpClient {
	const log = options.log ?? silentLogger;
	// API calls of a client built without a limiter still get the safe default, per network and
	// host; streamed downloads (feeds) are single calls and stay unlimited.
	const apiLimiter =
		options.rateLimiter ??
		sharedRateLimiter(
			`default:${ options.network }:${ options.baseURL ?? '' }`,
			SAFE_DEFAULT_RATE_LIMIT
		);
	const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
	const instance: AxiosInstance = axios.create( {
		baseURL: options.baseURL,
		headers: options.headers,
		timeout: options.timeoutMs ?? 60_000,
		// Status handling is ours, so errors never carry axios's config (and its headers).
		validateStatus: () => true,
		maxRedirects: 5,
	} );

	function details( spec: RequestSpec ): NetworkErrorDetails {
		return { network: options.network, endpoint: spec.endpoint };
	}

	async function send< T >(
		spec: RequestSpec,
		responseType: 'text' | 'stream'
	): Promise< AxiosResponse< T > > {
		await ( responseType === 'text'
			? apiLimiter
			: options.rateLimiter
		)?.acquire( spec.signal );
		try {
			return await instance.request< T >( {
				method: spec.method,
				url: spec.url,
				params: spec.params,
				data: spec.body,
				signal: spec.signal,
				responseType,
				// Streamed feeds are sniffed for gzip by the reader, so they arrive as sent.
				decompress: responseType === 'text',
				transformResponse: ( data: unknown ) => data,
			} );
		} catch ( error ) {
			if ( spec.signal?.aborted ) {
				throw abortReason( spec.signal );
			}
			throw toNetworkError( error, details( spec ) );
		}
	}

	function statusError( spec: RequestSpec, response: AxiosResponse ): Error {
		return errorForStatus( response.status, {
			...details( spec ),
			retryAfterSeconds: parseRetryAfter(
				response.headers[ 'retry-after' ]
			),
		} );
	}

	function withRetries< T >(
		spec: RequestSpec,
		call: () => Promise< T >
	): Promise< T > {
		return withRetry( call, {
			...retry,
			signal: spec.signal,
			onRetry: ( error, attempt, delayMs ) =>
				log.warn( 'retrying after a transient error', {
					network: options.network,
					endpoint: spec.endpoint,
					attempt,
					delayMs,
					error: error.message,
				} ),
		} );
	}

	function requestJson< T >(
		spec: RequestSpec,
		schema: ZodType< T, ZodTypeDef, unknown >
	): Promise< T > {
		return withRetries( spec, async () => {
			const response = await send< string >( spec, 'text' );
			if ( response.status >= 400 ) {
				throw statusError( spec, response );
			}
			const body = typeof response.data === 'string' ? response.data : '';
			let parsed: unknown;
			try {
				parsed = JSON.parse( body );
			} catch {
				if ( looksTruncated( body ) ) {
					throw new TransientError(
						'response body was cut short (incomplete JSON)',
						details( spec )
					);
				}
				throw new PermanentError(
					'response is not JSON',
					details( spec )
				);
			}
			const result = schema.safeParse( parsed );
			if ( ! result.success ) {
				throw new PermanentError(
					`response does not match the expected schema: ${ describeZodError(
						result.error
					) }`,
					details( spec )
				);
			}
			return result.data;
		} );
	}

	function openStream( spec: RequestSpec ): Promise< Readable > {
		return withRetries( spec, async () => {
			const response = await send< Readable >( spec, 'stream' );
			if ( response.status >= 400 ) {
				response.data.destroy();
				throw statusError( spec, response );
			}
			return response.data;
		} );
	}

	return { requestJson, openStream };
}
