import type { DaemonConfig } from '../config';
import type { Logger } from '../logger';
import { AWIN, createAwinAdapter } from './awin';
import type { NetworkAdapter } from './types';

export interface AdapterDeps {
	log: Logger;
}

type AdapterFactory = (
	config: DaemonConfig,
	deps: AdapterDeps
) => NetworkAdapter | undefined;

/** The one place that knows which networks exist. A factory returns undefined when disabled. */
export const NETWORK_ADAPTERS: Record< string, AdapterFactory > = {
	[ AWIN ]: ( config, deps ) => {
		const awin = config.networks.awin;
		if ( ! awin?.enabled ) {
			return undefined;
		}
		return createAwinAdapter( awin, { log: deps.log } );
	},
};

export function knownNetworks(): string[] {
	return Object.keys( NETWORK_ADAPTERS );
}

// Adapters of the enabled networks, optionally only `only`.
export function enabledAdapters(
	config: DaemonConfig,
	deps: AdapterDeps,
	only?: string
): NetworkAdapter[] {
	const adapters: NetworkAdapter[] = [];
	for ( const [ name, factory ] of Object.entries( NETWORK_ADAPTERS ) ) {
		if ( only && only !== name ) {
			continue;
		}
		const adapter = factory( config, deps );
		if ( adapter ) {
			adapters.push( adapter );
		}
	}
	return adapters;
}
