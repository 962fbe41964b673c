import type { DaemonConfig } from '../config';
import { AMAZON } from '../networks/amazon';
import { checkAmazonAccount } from '../networks/amazon/accountCheck';
import { AWIN, createAwinClients } from '../networks/awin';
import { checkAwinAccount } from '../networks/awin/accountCheck';
import { CJ } from '../networks/cj';
import { checkCjAccount } from '../networks/cj/accountCheck';
import { EFFILIATION } from '../networks/effiliation';
import { checkEffiliationAccount } from '../networks/effiliation/accountCheck';
import { GOOGLE_FEED } from '../networks/googleFeed';
import { checkGoogleFeedAccount } from '../networks/googleFeed/accountCheck';
import { IMPACT } from '../networks/impact';
import { checkImpactAccount } from '../networks/impact/accountCheck';
import { ONETPE } from '../networks/onetpe';
import { checkOnetpeAccount } from '../networks/onetpe/accountCheck';
import { RAKUTEN } from '../networks/rakuten';
import { checkRakutenAccount } from '../networks/rakuten/accountCheck';
import { TIKTOK } from '../networks/tiktok';
import { checkTikTokAccount } from '../networks/tiktok/accountCheck';
import type { AccountCheck } from '../networks/types';
import {
	doctorClientOptions,
	type AccountCheckOptions,
} from './explainCheckFailure';

type AccountChecker = (
	config: DaemonConfig,
	options: AccountCheckOptions
) => Promise< AccountCheck[] > | undefined;

/** Every network's account check, by adapter name; undefined when the account is not enabled. */
export const ACCOUNT_CHECKS: Record< string, AccountChecker > = {
	[ AWIN ]: ( { networks }, options ) => {
		const account = networks.awin;
		if ( ! account?.enabled ) {
			return undefined;
		}
		const clientOptions = doctorClientOptions( options );
		return checkAwinAccount(
			createAwinClients( account, clientOptions ),
			account,
			options.signal,
			clientOptions.timeoutMs
		);
	},
	[ EFFILIATION ]: ( { networks }, options ) =>
		networks.effiliation?.enabled
			? checkEffiliationAccount( networks.effiliation, options )
			: undefined,
	[ GOOGLE_FEED ]: ( { networks }, options ) =>
		networks.googleFeed?.enabled
			? checkGoogleFeedAccount( networks.googleFeed, options )
			: undefined,
	[ ONETPE ]: ( { networks } ) =>
		networks.onetpe?.enabled
			? Promise.resolve( checkOnetpeAccount( networks.onetpe ) )
			: undefined,
	[ IMPACT ]: ( { networks }, options ) =>
		networks.impact?.enabled
			? checkImpactAccount( networks.impact, options )
			: undefined,
	[ CJ ]: ( { networks }, options ) =>
		networks.cj?.enabled
			? checkCjAccount( networks.cj, options )
			: undefined,
	[ RAKUTEN ]: ( { networks }, options ) =>
		networks.rakuten?.enabled
			? checkRakutenAccount( networks.rakuten, options )
			: undefined,
	[ TIKTOK ]: ( { networks }, options ) =>
		networks.tiktok?.enabled
			? checkTikTokAccount( networks.tiktok, options )
			: undefined,
	[ AMAZON ]: ( { networks }, options ) =>
		networks.amazon?.enabled
			? checkAmazonAccount( networks.amazon, options )
			: undefined,
};

/** Networks whose commissions are imported from report files, not read from an API. */
export const COMMISSIONS_BY_IMPORT: readonly string[] = [ AMAZON, ONETPE ];
