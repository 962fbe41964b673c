import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ZodIssue } from 'zod';

import {
	ConfigError,
	ConfigSchema,
	parseConfig,
	type DaemonConfig,
	type LoadConfigOptions,
} from '../config';
import { mergeCacheConfig, readCacheConfigRows } from '../configFromCache';

/**
 * The config as `doctor` reads it: where `sync` refuses a config with any wrong field, doctor
 * keeps the networks that are valid and reports each invalid one in plain words (which field is
 * missing or wrong), so one bad account does not hide the state of the others.
 */

export interface InvalidAccount {
	network: string;
	problems: string[];
}

export interface DoctorConfig {
	config: DaemonConfig;
	invalid: InvalidAccount[];
}

function isObject( value: unknown ): value is Record< string, unknown > {
	return (
		typeof value === 'object' && value !== null && ! Array.isArray( value )
	);
}

function fieldOf( issue: ZodIssue ): string {
	return issue.path.join( '.' );
}

// "networks.cj.accessToken is missing", "networks.cj.companyId: must be your CJ company id (CID)".
export function describeConfigIssue( issue: ZodIssue ): string {
	if ( issue.code === 'invalid_type' && issue.received === 'undefined' ) {
		return `${ fieldOf( issue ) } is missing.`;
	}
	if ( issue.code === 'unrecognized_keys' ) {
		return `${ fieldOf( issue ) } has unknown field(s) ${ issue.keys.join(
			', '
		) }.`;
	}
	return `${ fieldOf( issue ) }: ${ issue.message }.`;
}

// The config file merged with the accounts saved in WordPress, before validation.
function readRawConfig( options: LoadConfigOptions ): {
	raw: Record< string, unknown >;
	baseDir: string;
	env: NodeJS.ProcessEnv;
	source: string;
} {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	const path = options.path ?? env.AFFLUX_CONFIG;
	const file = path ? resolve( cwd, path ) : undefined;
	const baseDir = file ? dirname( file ) : cwd;
	// loadConfigWithCache already failed on a config it could not read; here it is valid JSON.
	const input: unknown = file
		? JSON.parse( readFileSync( file, 'utf8' ) )
		: {};
	const cachePath =
		env.AFFLUX_CACHE ||
		( isObject( input ) && typeof input.cachePath === 'string'
			? input.cachePath
			: 'afflux-cache.sqlite' );
	const merged = mergeCacheConfig(
		input,
		readCacheConfigRows(
			isAbsolute( cachePath ) ? cachePath : resolve( baseDir, cachePath )
		)
	);
	return {
		raw: isObject( merged ) ? merged : {},
		baseDir,
		env,
		source: path ?? 'defaults',
	};
}

export function loadDoctorConfig(
	options: LoadConfigOptions,
	load: ( options: LoadConfigOptions ) => DaemonConfig
): DoctorConfig {
	try {
		return { config: load( options ), invalid: [] };
	} catch ( error ) {
		if ( ! ( error instanceof ConfigError ) ) {
			throw error;
		}
		// A file that cannot be read or parsed has nothing to salvage: the caller reports it.
		if (
			/^(Cannot read|The config file|The cache's config)/.test(
				error.message
			)
		) {
			throw error;
		}
	}
	const { raw, baseDir, env, source } = readRawConfig( options );
	const sections = isObject( raw.networks ) ? raw.networks : {};
	const base = { ...raw, networks: {} };
	const valid: Record< string, unknown > = {};
	const invalid: InvalidAccount[] = [];
	for ( const [ network, section ] of Object.entries( sections ) ) {
		const result = ConfigSchema.safeParse( {
			...base,
			networks: { [ network ]: section },
		} );
		if ( result.success ) {
			valid[ network ] = section;
			continue;
		}
		invalid.push( {
			network,
			problems: result.error.issues.map( describeConfigIssue ),
		} );
	}
	// What is wrong outside the networks (cachePath, schedules) still stops doctor, by name.
	return {
		config: parseConfig(
			{ ...base, networks: valid },
			{ env, baseDir, source }
		),
		invalid,
	};
}
