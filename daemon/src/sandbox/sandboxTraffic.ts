import type { ServerResponse } from 'node:http';

/**
 * The common layer in front of every sandbox network: counts each call with its time, applies
 * the faults a test injected, and enforces documented rate limits. Network routes never see a
 * call this layer already answered.
 */

export type SandboxFaultKind =
	| 'status' // answer `status` (429, 500, 503…), with Retry-After when given
	| 'latency' // wait `latencyMs` (real time), then answer normally
	| 'timeout' // never answer; the client must time out
	| 'truncate' // send the headers and the first `bytes` of the real body, then drop the connection
	| 'malformed' // answer 200 with a complete body that is not JSON
	| 'body'; // answer 200 with `body` as JSON: a documented shape that changed upstream

export interface SandboxFault {
	/** Default "awin". */
	network?: string;
	/** A route name, or "*" for every route of the network. */
	route: string;
	/** Default 'status' (the original fault). */
	kind?: SandboxFaultKind;
	status?: number;
	retryAfterSeconds?: number;
	latencyMs?: number;
	/** For 'truncate': bytes of the body that get through (default: half of it). */
	bytes?: number;
	/** For 'body': the JSON answered instead of the real one. */
	body?: unknown;
	/** How many calls it hits; default 1; Infinity for every call until cleared. */
	times?: number;
	/** Matching calls let through before the fault starts (e.g. fail the fourth window). */
	skip?: number;
}

export interface SandboxCall {
	network: string;
	route: string;
	/** The sandbox clock (ms since the epoch) when the call arrived. */
	at: number;
	/** The status answered; 0 when there was no answer (a timeout fault, a dropped body). */
	status: number;
	/** True when the sandbox refused the call for exceeding a documented rate limit. */
	rateLimited: boolean;
}

export interface QuotaRule {
	limit: number;
	windowMs: number;
	/** Routes this quota counts; every route of the network when absent. */
	routes?: readonly string[];
}

export interface SandboxTraffic {
	inject( fault: SandboxFault ): void;
	clearFaults(): void;
	/** The faults hitting this call, consumed: at most one latency plus one other fault. */
	take( network: string, route: string ): SandboxFault[];
	record( network: string, route: string, at: number ): SandboxCall;
	/** True when this call would exceed a quota of `key`; otherwise counts it against them. */
	exceedsQuota(
		key: string,
		route: string,
		rules: readonly QuotaRule[],
		at: number
	): boolean;
	log(): SandboxCall[];
	reset(): void;
}

function matches( fault: SandboxFault, network: string, route: string ) {
	return (
		( fault.network ?? 'awin' ) === network &&
		( fault.route === '*' || fault.route === route )
	);
}

export function createSandboxTraffic(): SandboxTraffic {
	let faults: SandboxFault[] = [];
	let calls: SandboxCall[] = [];
	// Start times of the calls let through, per quota key and rule.
	const quotaStarts = new Map< string, number[] >();

	function consume( fault: SandboxFault ): void {
		fault.times = ( fault.times ?? 1 ) - 1;
		if ( fault.times <= 0 ) {
			faults = faults.filter( ( other ) => other !== fault );
		}
	}

	return {
		inject: ( fault ) => {
			faults.push( { ...fault } );
		},
		clearFaults: () => {
			faults = [];
		},
		take: ( network, route ) => {
			const taken: SandboxFault[] = [];
			for ( const fault of faults ) {
				if (
					matches( fault, network, route ) &&
					( fault.skip ?? 0 ) > 0
				) {
					fault.skip = ( fault.skip ?? 0 ) - 1;
					return taken;
				}
			}
			const latency = faults.find(
				( fault ) =>
					fault.kind === 'latency' && matches( fault, network, route )
			);
			const other = faults.find(
				( fault ) =>
					fault.kind !== 'latency' && matches( fault, network, route )
			);
			for ( const fault of [ latency, other ] ) {
				if ( fault ) {
					taken.push( { ...fault } );
					consume( fault );
				}
			}
			return taken;
		},
		record: ( network, route, at ) => {
			const call: SandboxCall = {
				network,
				route,
				at,
				status: 0,
				rateLimited: false,
			};
			calls.push( call );
			return call;
		},
		exceedsQuota: ( key, route, rules, at ) => {
			const applicable = rules
				.map( ( rule, index ) => ( {
					rule,
					id: `${ key }#${ index }`,
				} ) )
				.filter(
					( { rule } ) =>
						! rule.routes || rule.routes.includes( route )
				);
			for ( const { rule, id } of applicable ) {
				const starts = ( quotaStarts.get( id ) ?? [] ).filter(
					( start ) => start > at - rule.windowMs
				);
				quotaStarts.set( id, starts );
				if ( starts.length >= rule.limit ) {
					return true;
				}
			}
			for ( const { id } of applicable ) {
				quotaStarts.get( id )?.push( at );
			}
			return false;
		},
		log: () => calls.map( ( call ) => ( { ...call } ) ),
		reset: () => {
			calls = [];
			quotaStarts.clear();
		},
	};
}

// Lets the real handler write its answer, then sends only the first bytes of the body and drops
// the connection, as a proxy or a flaky link would.
export function truncateResponse(
	res: ServerResponse,
	bytes: number | undefined
): void {
	const chunks: Buffer[] = [];
	const write = res.write.bind( res );
	res.write = ( ( chunk: unknown ) => {
		if ( chunk !== undefined && chunk !== null ) {
			chunks.push( Buffer.from( chunk as string | Buffer ) );
		}
		return true;
	} ) as ServerResponse[ 'write' ];
	res.end = ( ( chunk?: unknown ) => {
		if (
			chunk !== undefined &&
			chunk !== null &&
			typeof chunk !== 'function'
		) {
			chunks.push( Buffer.from( chunk as string | Buffer ) );
		}
		const body = Buffer.concat( chunks );
		const keep = Math.min(
			bytes ?? Math.floor( body.length / 2 ),
			Math.max( 0, body.length - 1 )
		);
		write( body.subarray( 0, keep ), () => res.socket?.destroy() );
		return res;
	} ) as ServerResponse[ 'end' ];
}

/** A body that is complete (ends like JSON) but does not parse: a broken serializer upstream. */
export const MALFORMED_JSON_BODY = '[{"id": 1, "commissionStatus": }]';

/** The most calls in any sliding window of `windowMs`: what quota tests compare with a limit. */
export function maxCallsInWindow(
	times: readonly number[],
	windowMs: number
): number {
	const sorted = [ ...times ].sort( ( a, b ) => a - b );
	let max = 0;
	let first = 0;
	for ( let last = 0; last < sorted.length; last++ ) {
		while (
			( sorted[ last ] ?? 0 ) - ( sorted[ first ] ?? 0 ) >=
			windowMs
		) {
			first++;
		}
		max = Math.max( max, last - first + 1 );
	}
	return max;
}
