/**
 * External dependencies
 */
import { execFile } from 'node:child_process';

/**
 * Internal dependencies
 */
import { DAEMON_BIN } from './sandbox-process';

/**
 * Runs the built daemon once (e.g. `sync all --once`) with a config file; rejects with its
 * output when it exits with anything but 0, so a failing sync names its reason.
 *
 * @param args   Command and options.
 * @param config The daemon's JSON config file.
 */
export function runDaemon( args: string[], config: string ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		execFile(
			process.execPath,
			[ DAEMON_BIN, '--json', '--config', config, ...args ],
			// The environment's AFFLUX_CACHE would override the config's cache.
			{ env: { ...process.env, AFFLUX_CACHE: '' } },
			( error, stdout, stderr ) => {
				if ( error ) {
					reject(
						new Error(
							`afflux-daemon ${ args.join( ' ' ) } failed (${
								error.code
							}):\n${ stderr }${ stdout }`
						)
					);
					return;
				}
				resolve( stderr + stdout );
			}
		);
	} );
}
