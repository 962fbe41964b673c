/**
 * The two kinds of failure a sync distinguishes: transient ones are worth retrying later
 * (429, 5xx, timeouts, resets, truncated bodies), permanent ones need a human (bad credentials,
 * a request the network rejects, a response that no longer matches our schema).
 *
 * Messages name the network and the endpoint (a label such as "GET /publishers/{id}/programmes",
 * never a URL: feed URLs carry the key in their path) and are safe to store in sync_runs.
 */

export interface NetworkErrorDetails {
	network: string;
	endpoint: string;
	status?: number;
	/** Seconds the server asked us to wait (Retry-After). */
	retryAfterSeconds?: number;
}

export class NetworkError extends Error {
	readonly network: string;
	readonly endpoint: string;
	readonly status: number | undefined;

	constructor( message: string, details: NetworkErrorDetails ) {
		super( `${ details.network } ${ details.endpoint }: ${ message }` );
		this.name = 'NetworkError';
		this.network = details.network;
		this.endpoint = details.endpoint;
		this.status = details.status;
	}
}

export class TransientError extends NetworkError {
	readonly retryAfterSeconds: number | undefined;

	constructor( message: string, details: NetworkErrorDetails ) {
		super( message, details );
		this.name = 'TransientError';
		this.retryAfterSeconds = details.retryAfterSeconds;
	}
}

export class PermanentError extends NetworkError {
	constructor( message: string, details: NetworkErrorDetails ) {
		super( message, details );
		this.name = 'PermanentError';
	}
}

// Node and axios error codes that mean the connection, not the request, failed.
const TRANSIENT_CODES = new Set( [
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'Z_BUF_ERROR', // gzip body cut short
	'Z_DATA_ERROR',
] );

export function isTransientCode( code: unknown ): boolean {
	return typeof code === 'string' && TRANSIENT_CODES.has( code );
}

export function isTransientStatus( status: number ): boolean {
	return status === 429 || status === 408 || status >= 500;
}

// Turns a status code into the right error type with a plain-words message.
export function errorForStatus(
	status: number,
	details: Omit< NetworkErrorDetails, 'status' >
): NetworkError {
	const withStatus = { ...details, status };
	const wait =
		details.retryAfterSeconds === undefined
			? ''
			: `, retry after ${ details.retryAfterSeconds } s`;
	if ( status === 429 ) {
		return new TransientError(
			`rate limited (HTTP 429)${ wait }`,
			withStatus
		);
	}
	if ( isTransientStatus( status ) ) {
		return new TransientError(
			`server error (HTTP ${ status })${ wait }`,
			withStatus
		);
	}
	if ( status === 401 || status === 403 ) {
		return new PermanentError(
			`credentials rejected (HTTP ${ status }); check the publisher id and API token`,
			withStatus
		);
	}
	return new PermanentError(
		`request rejected (HTTP ${ status })`,
		withStatus
	);
}

// Classifies an error thrown while talking to a network (a socket error, an aborted body, a
// zlib error). Only the code is kept: the original error can carry request headers.
export function toNetworkError(
	error: unknown,
	details: Omit< NetworkErrorDetails, 'status' >
): NetworkError {
	if ( error instanceof NetworkError ) {
		return error;
	}
	const code = ( error as { code?: unknown } | null )?.code;
	const message = ( error as { message?: unknown } | null )?.message;
	if ( isTransientCode( code ) ) {
		return new TransientError(
			`connection failed or body cut short (${ String( code ) })`,
			details
		);
	}
	// axios: the connection dropped while the body was arriving (ERR_BAD_RESPONSE).
	if (
		message === 'aborted' ||
		message === 'socket hang up' ||
		message === 'stream has been aborted'
	) {
		return new TransientError(
			`connection closed before the body was complete (${ message })`,
			details
		);
	}
	return new PermanentError(
		`unexpected failure${ typeof code === 'string' ? ` (${ code })` : '' }`,
		details
	);
}
