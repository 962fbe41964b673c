import type { IncomingMessage, ServerResponse } from 'node:http';

import { amazonRoutes } from './amazonRoutes';
import { cjRoutes } from './cjRoutes';
import { effiliationRoutes } from './effiliationRoutes';
import { impactRoutes } from './impactRoutes';
import { rakutenRoutes } from './rakutenRoutes';
import { tiktokRoutes } from './tiktokRoutes';

/**
 * The sandbox's pluggable networks.
 *
 * How to add a network: write `daemon/src/sandbox/<network>Routes.ts` exporting a
 * `SandboxNetworkFactory` (see the types below) and add it to `SANDBOX_NETWORKS` at the bottom of
 * this file — one import, one line. The factory receives the sandbox's clock, seed and public
 * base URL and returns `routeOf` (which request is yours, under a short route name such as
 * "Actions"; undefined when it is not yours) and `handle` (answer it; return true when you
 * answered). Everything in front of `handle` is common and needs nothing from you: every call is
 * counted with its time as `<network>:<route>` (sandbox.calls(), sandbox.callLog()), faults that a
 * test injects for your network/route (latency, 429 with or without Retry-After, 500/503, no
 * answer, a truncated or malformed body) are applied, and your documented `rateLimit` is enforced
 * (429 above it) so a test catches a daemon that exceeds it. Validate request windows (e.g. 45
 * days) and answer 400 as the real network does; keep the data deterministic (same seed and
 * window → same rows) so fault runs can be compared with a fault-free run. Test-only controls
 * (e.g. changing a transaction's status) go on the returned object; tests reach them with
 * `sandbox.network< YourRoutes >( 'name' )`.
 */

export interface SandboxRouteContext {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	/** The name routeOf returned. */
	route: string;
	/** The sandbox's clock (tests fix it or move it). */
	now: () => Date;
	sendJson( status: number, body: unknown ): void;
	sendError( status: number, error: string, description: string ): void;
	/** The request body parsed as JSON (undefined when empty); throws on bad JSON. */
	readJsonBody(): Promise< unknown >;
}

export interface SandboxRateLimit {
	limit: number;
	windowMs: number;
	/** Who the quota belongs to (e.g. the token); calls with the same key share it. */
	keyOf?: ( req: IncomingMessage, url: URL ) => string;
	/** Routes counted by this limit; all of the network's routes when absent. */
	routes?: string[];
}

export interface SandboxNetworkRoutes {
	/** Adapter name, as NetworkAdapter.network ("impact", "cj", …). */
	network: string;
	/** Documented limits the sandbox enforces; several when endpoints differ (Impact /Catalogs). */
	rateLimits?: SandboxRateLimit[];
	routeOf( method: string, url: URL ): string | undefined;
	handle( context: SandboxRouteContext ): Promise< boolean > | boolean;
}

export interface SandboxNetworkOptions {
	now: () => Date;
	seed: number;
	/** The base URL clients see; known only once the server listens, hence a function. */
	publicBase: () => string;
	subIds: readonly string[];
}

export type SandboxNetworkFactory = (
	options: SandboxNetworkOptions
) => SandboxNetworkRoutes;

/** One line per network (Awin is built into sandboxServer.ts). */
export const SANDBOX_NETWORKS: SandboxNetworkFactory[] = [
	effiliationRoutes,
	impactRoutes,
	cjRoutes,
	rakutenRoutes,
	tiktokRoutes,
	amazonRoutes,
];
