/**
 * External dependencies
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const DAEMON_BIN = path.resolve(
	__dirname,
	'../../../daemon/bin/afflux-daemon.js'
);

export interface SandboxProcess {
	url: string;
	stop: () => Promise< void >;
}

/**
 * Starts a sandbox network of its own (`afflux-daemon sandbox`) on a free loopback port, whose
 * generated Awin transactions carry these sub ids as clickRef. Resolves once it printed its URL.
 *
 * @param subIds Sub ids spread over the generated transactions.
 */
export function startSandboxProcess(
	subIds: string[]
): Promise< SandboxProcess > {
	const child = spawn(
		process.execPath,
		[
			DAEMON_BIN,
			'sandbox',
			'--host',
			'127.0.0.1',
			'--port',
			'0',
			'--sub-ids',
			subIds.join( ',' ),
		],
		{ stdio: [ 'ignore', 'pipe', 'pipe' ] }
	);
	const exited = new Promise< void >( ( resolve ) =>
		child.once( 'exit', () => resolve() )
	);
	const stop = async () => {
		if ( child.exitCode === null && child.signalCode === null ) {
			child.kill( 'SIGTERM' );
		}
		await exited;
	};
	return new Promise( ( resolve, reject ) => {
		let output = '';
		let errors = '';
		child.stderr.on( 'data', ( chunk: Buffer ) => {
			errors += chunk.toString();
		} );
		child.stdout.on( 'data', ( chunk: Buffer ) => {
			output += chunk.toString();
			const line = /^(http:\/\/\S+)\n/.exec( output );
			if ( line?.[ 1 ] ) {
				resolve( { url: line[ 1 ], stop } );
			}
		} );
		child.once( 'exit', ( code ) =>
			reject(
				new Error(
					`The sandbox exited (${ code }) before listening: ${ errors }`
				)
			)
		);
	} );
}
