import type { DaemonConfig } from '../config';
import type { Logger } from '../logger';
import { AMAZON, createAmazonAdapter } from './amazon';
import { AWIN, createAwinAdapter } from './awin';
import { CJ, createCjAdapter } from './cj';
import { EFFILIATION, createEffiliationAdapter } from './effiliation';
import { GOOGLE_FEED, createGoogleFeedAdapter } from './googleFeed';
import { IMPACT, createImpactAdapter } from './impact';
import { ONETPE, createOnetpeAdapter } from './onetpe';
import { RAKUTEN, createRakutenAdapter } from './rakuten';
import { TIKTOK, createTikTokAdapter } from './tiktok';
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
	[ EFFILIATION ]: ( config, deps ) =>
		config.networks.effiliation?.enabled
			? createEffiliationAdapter( config.networks.effiliation, deps )
			: undefined,
	[ GOOGLE_FEED ]: ( config, deps ) =>
		config.networks.googleFeed?.enabled
			? createGoogleFeedAdapter( config.networks.googleFeed, deps )
			: undefined,
	[ ONETPE ]: ( config ) =>
		config.networks.onetpe?.enabled
			? createOnetpeAdapter( config.networks.onetpe )
			: undefined,
	[ IMPACT ]: ( config, deps ) =>
		config.networks.impact?.enabled
			? createImpactAdapter( config.networks.impact, deps )
			: undefined,
	[ CJ ]: ( config, deps ) =>
		config.networks.cj?.enabled
			? createCjAdapter( config.networks.cj, deps )
			: undefined,
	[ RAKUTEN ]: ( config, deps ) =>
		config.networks.rakuten?.enabled
			? createRakutenAdapter( config.networks.rakuten, deps )
			: undefined,
	[ TIKTOK ]: ( config, deps ) =>
		config.networks.tiktok?.enabled
			? createTikTokAdapter( config.networks.tiktok, deps )
			: undefined,
	[ AMAZON ]: ( config, deps ) =>
		config.networks.amazon?.enabled
			? createAmazonAdapter( config.networks.amazon, deps )
			: undefined,
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
