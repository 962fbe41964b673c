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

export const ConfigSchema = z
	.object( {
		cachePath: z.string().min( 1 ).default( 'afflux-cache.sqlite' ),
		networks: z
			.object( {
				awin: AwinConfigSchema.optional(),
			} )
			.strict()
			.default( {} ),
		schedules: z
			.object( {
				programmes: cronExpression.default( '0 3 * * *' ),
				catalogue: cronExpression.default( '0 */6 * * *' ),
			} )
			.strict()
			.default( {} ),
	} )
	.strict();

export type DaemonConfig = z.infer< typeof ConfigSchema >;
export type AwinConfig = z.infer< typeof AwinConfigSchema >;

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

// Reads and validates the JSON config. A relative cachePath is taken relative to the config
// file (or the working directory without one); AFFLUX_CACHE overrides it.
export function loadConfig( options: LoadConfigOptions = {} ): DaemonConfig {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	const path = options.path ?? env.AFFLUX_CONFIG;
	let input: unknown = {};
	let baseDir = cwd;
	if ( path ) {
		const file = resolve( cwd, path );
		baseDir = dirname( file );
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
			input = JSON.parse( text );
		} catch ( error ) {
			throw new ConfigError(
				`The config file ${ file } is not valid JSON: ${
					( error as Error ).message
				}`
			);
		}
	}
	return parseConfig( input, { env, baseDir, source: path ?? 'defaults' } );
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
	const override = options.env?.AFFLUX_CACHE;
	const cachePath = override && override !== '' ? override : config.cachePath;
	return {
		...config,
		cachePath: isAbsolute( cachePath )
			? cachePath
			: resolve( options.baseDir ?? process.cwd(), cachePath ),
	};
}

// Every credential in the config, for the logger to mask.
export function configSecrets( config: DaemonConfig ): string[] {
	const awin = config.networks.awin;
	return awin ? [ awin.apiToken, awin.feedKey ?? '' ].filter( Boolean ) : [];
}
