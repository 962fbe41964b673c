import type { AccountCheckOptions } from '../doctor/explainCheckFailure';
import type { AccountCheck } from '../networks/types';
import type { Sandbox } from '../sandbox/sandboxServer';

/**
 * The faults every network's `doctor` check must put into plain words, run against the sandbox:
 * rate limited (with Retry-After honoured when short), server errors, no answer, a body that is
 * not JSON, a body of another shape (the field named) and an unreachable host. Credentials are
 * each network's own cases, in its spec.
 */

export interface AccountCheckFaultSetup {
	/** The sandbox's network name and the route the check calls first. */
	network: string;
	route: string;
	/** Display name as the messages use it. */
	displayName: string;
	sandbox: () => Sandbox;
	/** Runs the check of a working sandbox account. */
	run: ( options: AccountCheckOptions ) => Promise< AccountCheck[] >;
	/** Runs it with the API host pointing at a closed port. */
	runUnreachable: (
		options: AccountCheckOptions
	) => Promise< AccountCheck[] >;
	/** A 200 answer of another shape, and the field the message must name. */
	wrongShape: { body: unknown; field: string };
}

function firstFailure( checks: AccountCheck[] ): AccountCheck | undefined {
	return checks.find( ( check ) => ! check.ok );
}

/** Nothing listens here: connections are refused at once. */
export const CLOSED_BASE = 'http://127.0.0.1:9';

export function describeAccountCheckFaults(
	setup: AccountCheckFaultSetup
): void {
	const slept: number[] = [];
	// The retry's waits are recorded instead of slept: the test sees what was honoured.
	const options: AccountCheckOptions = {
		timeoutMs: 300,
		retry: {
			sleep: async ( ms: number ) => {
				slept.push( ms );
			},
		},
	};
	const fault = ( extra: Record< string, unknown > ) =>
		setup.sandbox().injectFault( {
			network: setup.network,
			route: setup.route,
			...extra,
		} );

	describe( `${ setup.displayName } check, with the sandbox failing on purpose`, () => {
		beforeEach( () => {
			slept.length = 0;
		} );
		afterEach( () => setup.sandbox().clearFaults() );

		it( 'waits as long as a 429 asks, then passes', async () => {
			fault( { status: 429, retryAfterSeconds: 2 } );

			const checks = await setup.run( options );

			expect( firstFailure( checks ) ).toBeUndefined();
			expect( slept ).toEqual( [ 2000 ] );
		} );

		it( 'says it is rate limited when the 429 persists', async () => {
			fault( { status: 429, retryAfterSeconds: 3, times: 2 } );

			const failure = firstFailure( await setup.run( options ) );

			expect( failure?.message ).toMatch(
				new RegExp(
					`^${ setup.displayName } is rate limiting this account \\(HTTP 429\\) and asks to wait 3 s`
				)
			);
		} );

		it( 'says the problem is on the network’s side on 500', async () => {
			fault( { status: 500, times: 2 } );

			const failure = firstFailure( await setup.run( options ) );

			expect( failure?.message ).toMatch(
				/answered with a server error \(HTTP 500\)\. The problem is on .*'s side/
			);
		} );

		it( 'says it did not answer in time', async () => {
			fault( { kind: 'timeout', times: 2 } );

			const failure = firstFailure( await setup.run( options ) );

			expect( failure?.message ).toMatch(
				/did not answer within 300 ms \(127\.0\.0\.1:\d+\)\. Check this machine's network access/
			);
		} );

		it( 'says the answer is not JSON', async () => {
			fault( { kind: 'malformed' } );

			const failure = firstFailure( await setup.run( options ) );

			expect( failure?.message ).toMatch(
				/answered with something that is not JSON\. Check networks\.\w+\.\w+ points at/
			);
		} );

		it( 'names the field when the answer has another shape', async () => {
			fault( { kind: 'body', body: setup.wrongShape.body } );

			const failure = firstFailure( await setup.run( options ) );

			expect( failure?.message ).toContain(
				`${ setup.displayName }'s answer does not have the documented shape: ${ setup.wrongShape.field }`
			);
		} );

		it( 'says the network cannot be reached', async () => {
			const failure = firstFailure(
				await setup.runUnreachable( options )
			);

			expect( failure?.message ).toMatch(
				/cannot be reached at 127\.0\.0\.1:9 \(ECONNREFUSED\)/
			);
		} );
	} );
}
