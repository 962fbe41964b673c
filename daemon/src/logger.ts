/**
 * Logs go to stderr: plain lines for a person at a terminal, one JSON object per line for
 * journald and friends. Messages are static; details travel as metadata. Every configured
 * secret is masked on the way out, as a last line of defence.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogMeta = Record< string, unknown >;

export interface Logger {
	debug( message: string, meta?: LogMeta ): void;
	info( message: string, meta?: LogMeta ): void;
	warn( message: string, meta?: LogMeta ): void;
	error( message: string, meta?: LogMeta ): void;
}

export interface LoggerOptions {
	json?: boolean;
	level?: LogLevel;
	secrets?: string[];
	write?: ( line: string ) => void;
}

const LEVELS: Record< LogLevel, number > = {
	debug: 10,
	info: 20,
	warn: 30,
	error: 40,
};

export function redactSecrets( text: string, secrets: string[] ): string {
	let result = text;
	for ( const secret of secrets ) {
		// Very short values would mask ordinary words; real tokens are long.
		if ( secret.length >= 6 ) {
			result = result.split( secret ).join( '[redacted]' );
		}
	}
	return result;
}

function formatValue( value: unknown ): string {
	if ( value instanceof Error ) {
		return JSON.stringify( value.message );
	}
	if ( typeof value === 'string' ) {
		return /^[^\s"=]+$/.test( value ) ? value : JSON.stringify( value );
	}
	return JSON.stringify( value ) ?? 'undefined';
}

export function createLogger( options: LoggerOptions = {} ): Logger {
	const threshold = LEVELS[ options.level ?? 'info' ];
	const secrets = options.secrets ?? [];
	const write =
		options.write ?? ( ( line: string ) => process.stderr.write( line ) );

	function log( level: LogLevel, message: string, meta: LogMeta = {} ): void {
		if ( LEVELS[ level ] < threshold ) {
			return;
		}
		const time = new Date().toISOString();
		let line: string;
		if ( options.json ) {
			const fields: LogMeta = { time, level, message };
			for ( const [ key, value ] of Object.entries( meta ) ) {
				fields[ key ] = value instanceof Error ? value.message : value;
			}
			line = JSON.stringify( fields );
		} else {
			const details = Object.entries( meta )
				.map(
					( [ key, value ] ) => `${ key }=${ formatValue( value ) }`
				)
				.join( ' ' );
			line = `${ time } ${ level.toUpperCase() } ${ message }${
				details ? ` ${ details }` : ''
			}`;
		}
		write( redactSecrets( line, secrets ) + '\n' );
	}

	return {
		debug: ( message, meta ) => log( 'debug', message, meta ),
		info: ( message, meta ) => log( 'info', message, meta ),
		warn: ( message, meta ) => log( 'warn', message, meta ),
		error: ( message, meta ) => log( 'error', message, meta ),
	};
}

/** For tests and library use: drops everything. */
export const silentLogger: Logger = {
	debug: () => undefined,
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
};
