import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { validate as validateCron } from 'node-cron';

import { describeZodError } from './http/zodErrors';
import {
	AWIN_DEFAULT_API_BASE,
	AWIN_DEFAULT_FEED_BASE,
	AWIN_DEFAULT_TRACKING_BASE,
} from './networks/awin';
import {
	EFFILIATION_DEFAULT_API_BASE,
	EFFILIATION_DEFAULT_TRACKING_BASE,
} from './networks/effiliation';
import { IMPACT_DEFAULT_API_BASE } from './networks/impact';
import {
	CJ_DEFAULT_COMMISSIONS_BASE,
	CJ_DEFAULT_PRODUCTS_BASE,
	CJ_DEFAULT_TRACKING_BASE,
} from './networks/cj';
import {
	RAKUTEN_DEFAULT_API_BASE,
	RAKUTEN_DEFAULT_TRACKING_BASE,
} from './networks/rakuten';
import { TIKTOK_DEFAULT_API_BASE } from './networks/tiktok';
import {
	AMAZON_DEFAULT_API_BASE,
	AMAZON_DEFAULT_TOKEN_URL,
} from './networks/amazon';

const cronExpression = z
	.string()
	.refine(
		( value ) => validateCron( value ),
		'must be a valid cron expression'
	);

const httpUrl = z
	.string()
	.url()
	.refine(
		( value ) => /^https?:\/\//.test( value ),
		'must be an http(s) URL'
	);

const AwinConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		publisherId: z
			.string()
			.regex( /^\d+$/, 'must be Awin’s numeric publisher id' ),
		apiToken: z.string().min( 1, 'must not be empty' ),
		feedKey: z.string().min( 1 ).optional(),
		feedIds: z
			.array( z.string().regex( /^\d+$/, 'must be numeric feed ids' ) )
			.default( [] ),
		countryCode: z.string().length( 2 ).default( 'FR' ),
		apiBase: httpUrl.default( AWIN_DEFAULT_API_BASE ),
		feedBase: httpUrl.default( AWIN_DEFAULT_FEED_BASE ),
		trackingBase: httpUrl.default( AWIN_DEFAULT_TRACKING_BASE ),
		feedGzip: z.boolean().default( true ),
	} )
	.strict();

const EffiliationConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		apiKey: z.string().min( 1, 'must not be empty' ),
		apiBase: httpUrl.default( EFFILIATION_DEFAULT_API_BASE ),
		trackingBase: httpUrl.default( EFFILIATION_DEFAULT_TRACKING_BASE ),
		feedFormat: z.enum( [ 'xml', 'csv', 'tsv' ] ).default( 'xml' ),
	} )
	.strict();

const GoogleFeedConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		feeds: z
			.array(
				z
					.object( {
						programmeId: z.string().min( 1, 'must not be empty' ),
						merchantName: z.string().min( 1, 'must not be empty' ),
						url: httpUrl,
						format: z.enum( [ 'csv', 'tsv', 'xml' ] ),
						linkTemplate: z
							.string()
							.refine(
								( value ) => value.includes( '{landing_url}' ),
								'must hold the {landing_url} placeholder'
							)
							.optional(),
					} )
					.strict()
			)
			.min( 1 ),
	} )
	.strict();

const OnetpeConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		affiliateLogin: z
			.string()
			.regex(
				/^[a-z0-9][a-z0-9-]*$/i,
				'must be your 1TPE login (letters, digits, hyphens)'
			),
		products: z
			.array(
				z
					.object( {
						vendorLogin: z
							.string()
							.regex(
								/^[a-z0-9][a-z0-9-]*$/i,
								'must be the vendor’s 1TPE login'
							),
						productNo: z
							.string()
							.regex( /^\d+$/, 'must be the product number' ),
						name: z.string().min( 1 ).optional(),
					} )
					.strict()
			)
			.default( [] ),
	} )
	.strict();

const ImpactConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		accountSid: z
			.string()
			.regex( /^[A-Za-z0-9]+$/, 'must be your Impact Account SID' ),
		authToken: z.string().min( 1, 'must not be empty' ),
		apiBase: httpUrl.default( IMPACT_DEFAULT_API_BASE ),
	} )
	.strict();

const CjConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		companyId: z
			.string()
			.regex( /^\d+$/, 'must be your CJ company id (CID)' ),
		websiteId: z
			.string()
			.regex( /^\d+$/, 'must be your CJ website id (PID)' ),
		accessToken: z.string().min( 1, 'must not be empty' ),
		currency: z
			.string()
			.regex( /^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR' )
			.default( 'USD' ),
		advertisers: z
			.array(
				z
					.object( {
						advertiserId: z
							.string()
							.regex( /^\d+$/, 'must be the advertiser’s CID' ),
						adId: z
							.string()
							.regex(
								/^\d+$/,
								'must be the id of a deep-linkable text link'
							),
						name: z.string().min( 1 ).optional(),
					} )
					.strict()
			)
			.default( [] ),
		commissionsBase: httpUrl.default( CJ_DEFAULT_COMMISSIONS_BASE ),
		productsBase: httpUrl.default( CJ_DEFAULT_PRODUCTS_BASE ),
		trackingBase: httpUrl.default( CJ_DEFAULT_TRACKING_BASE ),
	} )
	.strict();

const RakutenConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		clientId: z.string().min( 1, 'must not be empty' ),
		clientSecret: z.string().min( 1, 'must not be empty' ),
		siteId: z
			.string()
			.regex( /^\d+$/, 'must be your Rakuten site id (SID)' ),
		publisherId: z
			.string()
			.regex(
				/^[A-Za-z0-9*/+]+$/,
				'must be your encrypted publisher id (the id= of your links)'
			),
		advertisers: z
			.array(
				z
					.object( {
						advertiserId: z
							.string()
							.regex( /^\d+$/, 'must be the advertiser’s MID' ),
						name: z.string().min( 1 ).optional(),
					} )
					.strict()
			)
			.default( [] ),
		apiBase: httpUrl.default( RAKUTEN_DEFAULT_API_BASE ),
		trackingBase: httpUrl.default( RAKUTEN_DEFAULT_TRACKING_BASE ),
	} )
	.strict();

const TikTokConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		appKey: z.string().min( 1, 'must not be empty' ),
		appSecret: z.string().min( 1, 'must not be empty' ),
		accessToken: z.string().min( 1, 'must not be empty' ),
		creatorId: z.string().min( 1, 'must not be empty' ),
		keywords: z.array( z.string().min( 1 ) ).default( [] ),
		maxPages: z.number().int().min( 1 ).max( 200 ).default( 20 ),
		apiBase: httpUrl.default( TIKTOK_DEFAULT_API_BASE ),
	} )
	.strict();

const AmazonConfigSchema = z
	.object( {
		enabled: z.boolean().default( true ),
		clientId: z.string().min( 1, 'must not be empty' ),
		clientSecret: z.string().min( 1, 'must not be empty' ),
		partnerTag: z
			.string()
			.regex(
				/^[A-Za-z0-9-]+$/,
				'must be your tracking id, e.g. monblog-21'
			),
		marketplace: z
			.string()
			.regex(
				/^www\.amazon\.[a-z.]+$/,
				'must be a marketplace host such as www.amazon.fr'
			)
			.default( 'www.amazon.fr' ),
		currency: z
			.string()
			.regex( /^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR' )
			.default( 'EUR' ),
		asins: z
			.array(
				z
					.string()
					.regex( /^[A-Z0-9]{10}$/, 'must be a 10-character ASIN' )
			)
			.default( [] ),
		scope: z.string().min( 1 ).optional(),
		apiBase: httpUrl.default( AMAZON_DEFAULT_API_BASE ),
		tokenUrl: httpUrl.default( AMAZON_DEFAULT_TOKEN_URL ),
	} )
	.strict();

export const ConfigSchema = z
	.object( {
		cachePath: z.string().min( 1 ).default( 'afflux-cache.sqlite' ),
		networks: z
			.object( {
				awin: AwinConfigSchema.optional(),
				effiliation: EffiliationConfigSchema.optional(),
				googleFeed: GoogleFeedConfigSchema.optional(),
				onetpe: OnetpeConfigSchema.optional(),
				impact: ImpactConfigSchema.optional(),
				cj: CjConfigSchema.optional(),
				rakuten: RakutenConfigSchema.optional(),
				tiktok: TikTokConfigSchema.optional(),
				amazon: AmazonConfigSchema.optional(),
			} )
			.strict()
			.default( {} ),
		schedules: z
			.object( {
				programmes: cronExpression.default( '0 3 * * *' ),
				catalogue: cronExpression.default( '0 */6 * * *' ),
				links: cronExpression.default( '30 */2 * * *' ),
				commissions: cronExpression.default( '15 */4 * * *' ),
			} )
			.strict()
			.default( {} ),
		commissions: z
			.object( {
				// How far back the first sync of an account reads; later runs resume from a cursor.
				backfillDays: z
					.number()
					.int()
					.min( 1 )
					.max( 1095 )
					.default( 365 ),
			} )
			.strict()
			.default( {} ),
	} )
	.strict();

export type DaemonConfig = z.infer< typeof ConfigSchema >;
export type AwinConfig = z.infer< typeof AwinConfigSchema >;
export type EffiliationConfig = z.infer< typeof EffiliationConfigSchema >;
export type GoogleFeedConfig = z.infer< typeof GoogleFeedConfigSchema >;

export class ConfigError extends Error {
	constructor( message: string ) {
		super( message );
		this.name = 'ConfigError';
	}
}

export interface LoadConfigOptions {
	/** --config; falls back to AFFLUX_CONFIG; with neither, defaults only. */
	path?: string;
	env?: NodeJS.ProcessEnv;
	cwd?: string;
}

interface ConfigInput {
	input: unknown;
	env: NodeJS.ProcessEnv;
	baseDir: string;
	source: string;
}

// Reads the JSON config file (or nothing, for defaults only); validation is the caller's.
export function readConfigInput( options: LoadConfigOptions ): ConfigInput {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	const path = options.path ?? env.AFFLUX_CONFIG;
	if ( ! path ) {
		return { input: {}, env, baseDir: cwd, source: 'defaults' };
	}
	const file = resolve( cwd, path );
	let text: string;
	try {
		text = readFileSync( file, 'utf8' );
	} catch ( error ) {
		throw new ConfigError(
			`Cannot read the config file ${ file }: ${
				( error as Error ).message
			}`
		);
	}
	try {
		return {
			input: JSON.parse( text ),
			env,
			baseDir: dirname( file ),
			source: path,
		};
	} catch ( error ) {
		throw new ConfigError(
			`The config file ${ file } is not valid JSON: ${
				( error as Error ).message
			}`
		);
	}
}

// AFFLUX_CACHE wins over the file; a relative path is taken from the config file's folder.
export function resolveCachePath(
	cachePath: string,
	env: NodeJS.ProcessEnv | undefined,
	baseDir: string | undefined
): string {
	const override = env?.AFFLUX_CACHE;
	const chosen = override && override !== '' ? override : cachePath;
	return isAbsolute( chosen )
		? chosen
		: resolve( baseDir ?? process.cwd(), chosen );
}

// Reads and validates the JSON config. A relative cachePath is taken relative to the config
// file (or the working directory without one); AFFLUX_CACHE overrides it.
export function loadConfig( options: LoadConfigOptions = {} ): DaemonConfig {
	const { input, env, baseDir, source } = readConfigInput( options );
	return parseConfig( input, { env, baseDir, source } );
}

// Only the cache path, for commands that touch nothing but the cache (migrate): the owner can
// create the cache before any network account is set, e.g. when WordPress will hand them over.
export function loadCachePath( options: LoadConfigOptions = {} ): string {
	const { input, env, baseDir, source } = readConfigInput( options );
	const result = ConfigSchema.shape.cachePath.safeParse(
		( input as { cachePath?: unknown } | null )?.cachePath
	);
	if ( ! result.success ) {
		throw new ConfigError(
			`Invalid config (${ source }): cachePath: ${
				result.error.issues[ 0 ]?.message ?? 'invalid'
			}`
		);
	}
	return resolveCachePath( result.data, env, baseDir );
}

export function parseConfig(
	input: unknown,
	options: { env?: NodeJS.ProcessEnv; baseDir?: string; source?: string } = {}
): DaemonConfig {
	const result = ConfigSchema.safeParse( input );
	if ( ! result.success ) {
		throw new ConfigError(
			`Invalid config (${
				options.source ?? 'input'
			}): ${ describeZodError( result.error, 10 ) }`
		);
	}
	const config = result.data;
	return {
		...config,
		cachePath: resolveCachePath(
			config.cachePath,
			options.env,
			options.baseDir
		),
	};
}

// Every credential in the config, for the logger to mask.
export function configSecrets( config: DaemonConfig ): string[] {
	const { awin, effiliation, impact, cj, rakuten, tiktok, amazon } =
		config.networks;
	return [
		awin?.apiToken ?? '',
		awin?.feedKey ?? '',
		effiliation?.apiKey ?? '',
		impact?.authToken ?? '',
		cj?.accessToken ?? '',
		rakuten?.clientSecret ?? '',
		tiktok?.appSecret ?? '',
		tiktok?.accessToken ?? '',
		amazon?.clientSecret ?? '',
	].filter( Boolean );
}
