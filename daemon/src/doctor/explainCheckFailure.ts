import { NetworkError, TransientError } from '../http/errors';
import type { RetryOptions } from '../http/retry';
import type { AccountCheck } from '../networks/types';

/**
 * Turns a failed account-check call into plain words for the person running `doctor`: which
 * credential is probably wrong, whether the network is unreachable, slow, rate limiting or
 * answering in a shape we do not know (naming the field). Every network's accountCheck.ts uses
 * it with its own hints, so the wording is the same across networks.
 */

/** How long a check waits for one answer: a hanging network must not hang `doctor`. */
export const DOCTOR_TIMEOUT_MS = 15_000;

/**
 * One retry on a transient failure, honouring Retry-After up to 30 s: a 429 the network asks
 * us to sit out briefly is waited for; a longer one is reported rather than waited.
 */
export const DOCTOR_RETRY: Partial< RetryOptions > = {
	attempts: 2,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
};

/** What a network's check passes in to build its clients (tests shorten waits and timeouts). */
export interface AccountCheckOptions {
	retry?: Partial< RetryOptions >;
	timeoutMs?: number;
	signal?: AbortSignal;
	/** The check's clock (ms), for date windows; the sandbox's clock in tests. */
	now?: () => number;
}

/** The retry and timeout a check's clients use: the doctor's, unless the caller shortens them. */
export function doctorClientOptions( options: AccountCheckOptions ): {
	retry: Partial< RetryOptions >;
	timeoutMs: number;
} {
	return {
		retry: { ...DOCTOR_RETRY, ...options.retry },
		timeoutMs: options.timeoutMs ?? DOCTOR_TIMEOUT_MS,
	};
}

export interface FailureHints {
	/** Display name: "Effiliation". */
	network: string;
	/** The host the check talked to, for "cannot be reached at …". */
	host: string;
	/** The config key of the host, for "check …" when the answer is not the network's. */
	hostField: string;
	/** What to check when the network answers 401 (the credential that is probably wrong). */
	unauthorised: string;
	/** What to check on 403; defaults to `unauthorised`. */
	forbidden?: string;
	/** The timeout the check used, for "did not answer within … s". */
	timeoutMs?: number;
}

const TIMEOUT_CODES = [
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];
const UNREACHABLE_CODES = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ECONNRESET',
];

// http/errors.ts keeps only the code, inside the message ("… (ECONNREFUSED)").
function errorCode( error: NetworkError ): string | undefined {
	return /\(((?:E|ERR_)[A-Z_]+)\)$/.exec( error.message )?.[ 1 ];
}

// The part of a NetworkError message after "<network> <endpoint>: ".
function reason( error: NetworkError ): string {
	const prefix = `${ error.network } ${ error.endpoint }: `;
	return error.message.startsWith( prefix )
		? error.message.slice( prefix.length )
		: error.message;
}

export function explainCheckFailure(
	error: unknown,
	hints: FailureHints
): string {
	const { network } = hints;
	if ( ! ( error instanceof NetworkError ) ) {
		return `Unexpected failure while checking ${ network }: ${
			( error as Error ).message
		}`;
	}
	const status = error.status;
	if ( status === 401 ) {
		return `${ network } refused the credentials (HTTP 401). ${ hints.unauthorised }`;
	}
	if ( status === 403 ) {
		return `${ network } refused access (HTTP 403). ${
			hints.forbidden ?? hints.unauthorised
		}`;
	}
	if ( status === 429 ) {
		const wait =
			error instanceof TransientError &&
			error.retryAfterSeconds !== undefined
				? ` and asks to wait ${ error.retryAfterSeconds } s`
				: '';
		return `${ network } is rate limiting this account (HTTP 429)${ wait }; the check waited and tried again, without success. The quota is shared with the running daemon: run doctor again in a few minutes.`;
	}
	if ( status !== undefined && status >= 500 ) {
		return `${ network } answered with a server error (HTTP ${ status }). The problem is on ${ network }'s side: try again later.`;
	}
	if ( status !== undefined ) {
		return `${ network } rejected the check's request (HTTP ${ status }). Check ${ hints.hostField }.`;
	}
	const code = errorCode( error );
	if ( code && TIMEOUT_CODES.includes( code ) ) {
		const limit = hints.timeoutMs ?? DOCTOR_TIMEOUT_MS;
		return `${ network } did not answer within ${
			limit < 1000 ? `${ limit } ms` : `${ Math.round( limit / 1000 ) } s`
		} (${ hints.host }). Check this machine's network access to ${
			hints.host
		}, or try again later.`;
	}
	if ( code && UNREACHABLE_CODES.includes( code ) ) {
		return `${ network } cannot be reached at ${ hints.host } (${ code }). Check this machine's network access (firewall, proxy, DNS) and ${ hints.hostField }.`;
	}
	const text = reason( error );
	const shape = /^response does not match the expected schema: (.*)$/.exec(
		text
	);
	if ( shape ) {
		return `${ network }'s answer does not have the documented shape: ${ shape[ 1 ] }. Afflux needs an update for this change of ${ network }'s API; nothing was written.`;
	}
	if ( text === 'response is not JSON' ) {
		return `${ network } answered with something that is not JSON. Check ${ hints.hostField } points at ${ network }'s API (a proxy or captive portal may answer instead).`;
	}
	if ( error instanceof TransientError ) {
		return `${ network }'s answer was cut short (${ text }). Try again later.`;
	}
	return `${ network } could not be checked: ${ text }.`;
}

/** The failed 'credentials' check of a network whose first call failed. */
export function failedCredentialsCheck(
	error: unknown,
	hints: FailureHints
): AccountCheck {
	return {
		check: 'credentials',
		ok: false,
		message: explainCheckFailure( error, hints ),
	};
}

/** The host of a base URL, for messages ("api.awin.com"). */
export function hostOf( base: string ): string {
	try {
		return new URL( base ).host;
	} catch {
		return base;
	}
}
