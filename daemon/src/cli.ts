import { Command, InvalidArgumentError } from 'commander';

import {
	ConfigError,
	configSecrets,
	loadCachePath,
	type DaemonConfig,
} from './config';
import {
	CsvImportError,
	importCsvFile,
	type ImportKind,
} from './import/importCsv';
import { loadConfigWithCache } from './configFromCache';
import { loadDoctorConfig } from './doctor/doctorConfig';
import { formatDoctorReport, runDoctor } from './doctor/runDoctor';
import { createLogger, type Logger } from './logger';
import { currencyExponent } from './money';
import { knownNetworks } from './networks/registry';
import { createProgressReporter } from './terminalProgress';
import { SANDBOX_DEFAULTS, startSandbox } from './sandbox/sandboxServer';
import { migrate } from './store/migrate';
import { openCache, type CacheDb } from './store/openCache';
import { readStatus, type StatusReport } from './store/statusReport';
import { SYNC_TARGETS, runSync, type SyncTarget } from './sync/runSync';
import { SyncLockedError } from './sync/syncLock';
import { startSyncScheduler } from './sync/syncScheduler';

interface GlobalOptions {
	config?: string;
	json?: boolean;
}

function wantsJsonLogs( options: GlobalOptions ): boolean {
	return options.json ?? ! process.stderr.isTTY;
}

function setup( options: GlobalOptions ): {
	config: DaemonConfig;
	log: Logger;
} {
	const config = loadConfigWithCache( { path: options.config } );
	const log = createLogger( {
		json: wantsJsonLogs( options ),
		secrets: configSecrets( config ),
	} );
	return { config, log };
}

// Opens the cache and brings its schema up to date: every command works on a current schema.
function openMigrated( config: DaemonConfig, log: Logger ): CacheDb {
	const db = openCache( config.cachePath );
	const result = migrate( db );
	if ( result.applied.length > 0 ) {
		log.info( 'cache schema migrated', {
			cache: config.cachePath,
			from: result.from,
			to: result.to,
		} );
	}
	return db;
}

function parseTarget( value: string ): SyncTarget {
	if ( ! ( SYNC_TARGETS as readonly string[] ).includes( value ) ) {
		throw new InvalidArgumentError(
			`Choose one of: ${ SYNC_TARGETS.join( ', ' ) }.`
		);
	}
	return value as SyncTarget;
}

function parseNetwork( value: string ): string {
	if ( ! knownNetworks().includes( value ) ) {
		throw new InvalidArgumentError(
			`Known networks: ${ knownNetworks().join( ', ' ) }.`
		);
	}
	return value;
}

function parsePort( value: string ): number {
	const port = Number( value );
	if ( ! Number.isInteger( port ) || port < 0 || port > 65535 ) {
		throw new InvalidArgumentError(
			'A port is an integer from 0 to 65535.'
		);
	}
	return port;
}

function parseCount( value: string ): number {
	const count = Number( value );
	if ( ! Number.isInteger( count ) || count < 0 ) {
		throw new InvalidArgumentError( 'Give a whole number of products.' );
	}
	return count;
}

function parseSubIds( value: string ): string[] {
	const ids = value
		.split( ',' )
		.map( ( id ) => id.trim() )
		.filter( Boolean );
	const bad = ids.find( ( id ) => ! /^[A-Za-z0-9_-]{1,40}$/.test( id ) );
	if ( bad !== undefined ) {
		throw new InvalidArgumentError(
			`"${ bad }" is not a sub id ([A-Za-z0-9_-]{1,40}).`
		);
	}
	return ids;
}

function hoursSince( iso: string | null, now: number ): string {
	if ( ! iso ) {
		return 'never';
	}
	const hours = ( now - Date.parse( iso ) ) / 3_600_000;
	return hours < 1
		? `${ Math.round( hours * 60 ) } min ago`
		: `${ hours.toFixed( 1 ) } h ago`;
}

export function formatStatus(
	report: StatusReport,
	now: number = Date.now()
): string {
	const lines = [ `cache schema version ${ report.schemaVersion }` ];
	if ( report.runs.length === 0 ) {
		lines.push( 'no sync has run yet' );
	}
	for ( const run of report.runs ) {
		lines.push(
			`${ run.network } ${ run.kind }: ${ run.status } (started ${ run.started_at }), ` +
				`seen ${ run.items_seen }, written ${ run.items_written }, ` +
				`last success ${ hoursSince( run.last_ok_at, now ) }` +
				( run.error ? ` — error: ${ run.error }` : '' )
		);
	}
	for ( const programme of report.programmes ) {
		lines.push(
			`${ programme.network } programmes: ${ programme.joined } joined, ${ programme.left } left, ${ programme.link_templates } link templates`
		);
	}
	for ( const counts of report.catalogue ) {
		lines.push(
			`${ counts.network } catalogue: ${ counts.active } active, ${ counts.gone } gone, ${ counts.offers } offers`
		);
	}
	const commissionLines = new Map< string, string[] >();
	for ( const total of report.commissions ) {
		const key = `${ total.network } commissions (${ total.currency })`;
		const exponent = currencyExponent( total.currency );
		commissionLines.set( key, [
			...( commissionLines.get( key ) ?? [] ),
			`${ total.count } ${ total.status } = ${ (
				total.commission_minor /
				10 ** exponent
			).toFixed( exponent ) }`,
		] );
	}
	for ( const [ key, parts ] of commissionLines ) {
		lines.push( `${ key }: ${ parts.join( ', ' ) }` );
	}
	return lines.join( '\n' ) + '\n';
}

async function commandSync(
	target: SyncTarget,
	options: GlobalOptions & { network?: string }
): Promise< number > {
	const { config, log } = setup( options );
	const db = openMigrated( config, log );
	const controller = new AbortController();
	const stop = (): void => controller.abort();
	process.once( 'SIGTERM', stop );
	process.once( 'SIGINT', stop );
	const progress = createProgressReporter( {
		terminal: ! wantsJsonLogs( options ) && Boolean( process.stderr.isTTY ),
		log,
	} );
	try {
		const results = await runSync( {
			db,
			config,
			log,
			target,
			network: options.network,
			signal: controller.signal,
			onProgress: progress.update,
		} );
		progress.stop();
		return results.every( ( result ) => result.ok ) ? 0 : 1;
	} catch ( error ) {
		if ( error instanceof SyncLockedError ) {
			log.error( 'another daemon is syncing', { pid: error.pid } );
			return 75; // EX_TEMPFAIL: try again later
		}
		throw error;
	} finally {
		progress.stop();
		process.off( 'SIGTERM', stop );
		process.off( 'SIGINT', stop );
		db.close();
	}
}

// Checks the cache and every enabled account against its API, and says in plain words what is
// wrong and what to do. Exit 0 when everything is fine, 1 otherwise; JSON with --json.
async function commandDoctor(
	options: GlobalOptions & { network?: string }
): Promise< number > {
	const { config, invalid } = loadDoctorConfig(
		{ path: options.config },
		loadConfigWithCache
	);
	const report = await runDoctor( {
		config,
		invalid,
		network: options.network,
	} );
	process.stdout.write(
		options.json
			? JSON.stringify( report, null, 2 ) + '\n'
			: formatDoctorReport( report )
	);
	return report.ok ? 0 : 1;
}

async function commandStart(
	options: GlobalOptions & { now?: boolean }
): Promise< number > {
	const { config, log } = setup( options );
	const db = openMigrated( config, log );
	const controller = new AbortController();
	const scheduler = startSyncScheduler( {
		schedules: config.schedules,
		log,
		signal: controller.signal,
		run: async ( target ) => {
			try {
				await runSync( {
					db,
					config,
					log,
					target,
					signal: controller.signal,
				} );
			} catch ( error ) {
				if ( error instanceof SyncLockedError ) {
					log.warn(
						'skipped a scheduled sync: another daemon holds the lock',
						{ target, pid: error.pid }
					);
					return;
				}
				throw error;
			}
		},
	} );
	log.info( 'daemon started', {
		cache: config.cachePath,
		...config.schedules,
	} );
	if ( options.now ) {
		void scheduler.enqueue( 'all' );
	}

	await new Promise< void >( ( resolve ) => {
		function shutdown( signal: string ): void {
			log.info( 'stopping after the current batch', { signal } );
			controller.abort();
			resolve();
		}
		process.once( 'SIGTERM', () => shutdown( 'SIGTERM' ) );
		process.once( 'SIGINT', () => shutdown( 'SIGINT' ) );
	} );
	await scheduler.stop();
	db.close();
	log.info( 'daemon stopped' );
	return 0;
}

function commandStatus( options: GlobalOptions ): number {
	const { config } = setup( options );
	const db = openCache( config.cachePath );
	try {
		migrate( db );
		const report = readStatus( db );
		process.stdout.write(
			options.json
				? JSON.stringify( report, null, 2 ) + '\n'
				: formatStatus( report )
		);
		return report.runs.some( ( run ) => run.status === 'failed' ) ? 1 : 0;
	} finally {
		db.close();
	}
}

function parseImportKind( value: string ): ImportKind {
	if ( value !== 'commissions' && value !== 'products' ) {
		throw new InvalidArgumentError( 'Choose commissions or products.' );
	}
	return value;
}

// Networks without an API (amazon, onetpe) and any known one; the name is the cache's key.
function parseImportNetwork( value: string ): string {
	if ( ! /^[a-z][A-Za-z0-9_-]{0,39}$/.test( value ) ) {
		throw new InvalidArgumentError(
			'A network name is lower-case letters, digits, _ or -.'
		);
	}
	return value;
}

// Exit 65 (EX_DATAERR) for a file that was refused: nothing was written.
async function commandImport(
	file: string,
	options: GlobalOptions & { network: string; kind: ImportKind }
): Promise< number > {
	const { config, log } = setup( options );
	const db = openMigrated( config, log );
	try {
		const result = await importCsvFile( db, {
			file,
			network: options.network,
			kind: options.kind,
		} );
		log.info( 'import finished', {
			file,
			network: options.network,
			kind: options.kind,
			...result,
		} );
		return 0;
	} catch ( error ) {
		if ( error instanceof CsvImportError ) {
			log.error( 'import refused', {
				file,
				problems: error.problems,
			} );
			process.stderr.write( `${ error.message }\n` );
			return 65;
		}
		throw error;
	} finally {
		db.close();
	}
}

function commandMigrate( options: GlobalOptions ): number {
	const cachePath = loadCachePath( { path: options.config } );
	const log = createLogger( { json: wantsJsonLogs( options ), secrets: [] } );
	const db = openCache( cachePath );
	try {
		const result = migrate( db );
		log.info( 'cache schema is current', {
			cache: cachePath,
			from: result.from,
			to: result.to,
			applied: result.applied,
		} );
		return 0;
	} finally {
		db.close();
	}
}

async function commandSandbox(
	options: GlobalOptions & {
		port: number;
		host: string;
		products: number;
		subIds: string[];
		publicBase?: string;
	}
): Promise< number > {
	const log = createLogger( { json: wantsJsonLogs( options ) } );
	const sandbox = await startSandbox( {
		port: options.port,
		host: options.host,
		products: options.products,
		subIds: options.subIds,
		publicBase: options.publicBase,
	} );
	process.stdout.write( `${ sandbox.url }\n` );
	log.info( 'sandbox listening', {
		url: sandbox.url,
		publisherId: SANDBOX_DEFAULTS.publisherId,
		feedIds: SANDBOX_DEFAULTS.feedIds.join( ',' ),
		products: options.products,
	} );
	await new Promise< void >( ( resolve ) => {
		process.once( 'SIGTERM', () => resolve() );
		process.once( 'SIGINT', () => resolve() );
	} );
	await sandbox.close();
	return 0;
}

export function buildProgram( setExitCode: ( code: number ) => void ): Command {
	const program = new Command();
	program
		.name( 'afflux-daemon' )
		.description(
			'Syncs affiliate networks into the Afflux cache that the WordPress plugin reads.'
		)
		.option(
			'-c, --config <path>',
			'JSON config file (default: $AFFLUX_CONFIG)'
		)
		.option(
			'--json',
			'log JSON lines (default when stderr is not a terminal)'
		)
		.option( '--no-json', 'log plain lines' )
		.showHelpAfterError();

	program
		.command( 'start' )
		.description( 'run the schedules until SIGTERM/SIGINT' )
		.option( '--now', 'run every sync once right away' )
		.action( async ( _options, command: Command ) => {
			setExitCode( await commandStart( command.optsWithGlobals() ) );
		} );

	program
		.command( 'sync' )
		.description(
			'sync once: programmes (with link templates), links, catalogue, commissions or all'
		)
		.argument( '[target]', SYNC_TARGETS.join( '|' ), parseTarget, 'all' )
		.option( '-n, --network <name>', 'only this network', parseNetwork )
		.option(
			'--once',
			'run once and exit (what sync always does; schedules live in start)'
		)
		.action( async ( target: SyncTarget, _options, command: Command ) => {
			setExitCode(
				await commandSync( target, command.optsWithGlobals() )
			);
		} );

	program
		.command( 'doctor' )
		.description(
			'check the cache and each configured account against its API, in plain words'
		)
		.option( '-n, --network <name>', 'only this network', parseNetwork )
		.action( async ( _options, command: Command ) => {
			setExitCode( await commandDoctor( command.optsWithGlobals() ) );
		} );

	program
		.command( 'status' )
		.description(
			'last run per network and kind, counts, errors and freshness'
		)
		.action( ( _options, command: Command ) => {
			setExitCode( commandStatus( command.optsWithGlobals() ) );
		} );

	program
		.command( 'migrate' )
		.description( 'create or upgrade the cache schema' )
		.action( ( _options, command: Command ) => {
			setExitCode( commandMigrate( command.optsWithGlobals() ) );
		} );

	program
		.command( 'import' )
		.description(
			'import commissions or products from a CSV file (networks without an API: amazon, onetpe); all or nothing'
		)
		.argument( '<csv>', 'the CSV file' )
		.requiredOption(
			'-n, --network <name>',
			'the network the rows belong to (amazon, onetpe, …)',
			parseImportNetwork
		)
		.requiredOption(
			'-k, --kind <kind>',
			'commissions or products',
			parseImportKind
		)
		.action( async ( file: string, _options, command: Command ) => {
			setExitCode(
				await commandImport( file, command.optsWithGlobals() )
			);
		} );

	program
		.command( 'sandbox' )
		.description(
			'serve a fake Awin (API, feeds, tracking host) on 127.0.0.1 until SIGTERM'
		)
		.option(
			'-p, --port <port>',
			'port, 0 for any free one',
			parsePort,
			SANDBOX_DEFAULTS.port
		)
		.option(
			'--host <host>',
			'address to listen on',
			SANDBOX_DEFAULTS.host
		)
		.option(
			'--products <n>',
			'products in the feeds',
			parseCount,
			SANDBOX_DEFAULTS.products
		)
		.option(
			'--sub-ids <ids>',
			'comma-separated sub ids for generated transactions',
			parseSubIds,
			[]
		)
		.option(
			'--public-base <url>',
			'base URL that clients use to reach the sandbox'
		)
		.action( async ( _options, command: Command ) => {
			setExitCode( await commandSandbox( command.optsWithGlobals() ) );
		} );

	return program;
}

export async function main( argv: string[] ): Promise< void > {
	let exitCode = 0;
	const program = buildProgram( ( code ) => {
		exitCode = code;
	} );
	try {
		await program.parseAsync( argv );
	} catch ( error ) {
		if ( error instanceof ConfigError ) {
			process.stderr.write( `${ error.message }\n` );
			process.exitCode = 78; // EX_CONFIG
			return;
		}
		process.stderr.write(
			`afflux-daemon: ${ ( error as Error ).message }\n`
		);
		process.exitCode = 1;
		return;
	}
	process.exitCode = exitCode;
}

if ( require.main === module ) {
	void main( process.argv );
}
