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

// A network's factory runs only when its account is configured and enabled.
function whenEnabled< Account extends { enabled: boolean } >(
	account: Account | undefined,
	create: ( enabled: Account ) => NetworkAdapter
): NetworkAdapter | undefined {
	return account?.enabled ? create( account ) : undefined;
}

/** The one place that knows which networks exist. A factory returns undefined when disabled. */
export const NETWORK_ADAPTERS: Record< string, AdapterFactory > = {
	[ AWIN ]: ( { networks }, deps ) =>
		whenEnabled( networks.awin, ( account ) =>
			createAwinAdapter( account, { log: deps.log } )
		),
	[ EFFILIATION ]: ( { networks }, deps ) =>
		whenEnabled( networks.effiliation, ( account ) =>
			createEffiliationAdapter( account, deps )
		),
	[ GOOGLE_FEED ]: ( { networks }, deps ) =>
		whenEnabled( networks.googleFeed, ( account ) =>
			createGoogleFeedAdapter( account, deps )
		),
	[ ONETPE ]: ( { networks } ) =>
		whenEnabled( networks.onetpe, createOnetpeAdapter ),
	[ IMPACT ]: ( { networks }, deps ) =>
		whenEnabled( networks.impact, ( account ) =>
			createImpactAdapter( account, deps )
		),
	[ CJ ]: ( { networks }, deps ) =>
		whenEnabled( networks.cj, ( account ) =>
			createCjAdapter( account, deps )
		),
	[ RAKUTEN ]: ( { networks }, deps ) =>
		whenEnabled( networks.rakuten, ( account ) =>
			createRakutenAdapter( account, deps )
		),
	[ TIKTOK ]: ( { networks }, deps ) =>
		whenEnabled( networks.tiktok, ( account ) =>
			createTikTokAdapter( account, deps )
		),
	[ AMAZON ]: ( { networks }, deps ) =>
		whenEnabled( networks.amazon, ( account ) =>
			createAmazonAdapter( account, deps )
		),
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
