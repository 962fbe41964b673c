/**
 * External dependencies
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.join( __dirname, 'wordpress-options.php' );

/**
 * Saves the stored rows of these WordPress options (absent ones included) and returns a function
 * that puts them back exactly, so a test that saves settings through the admin leaves the
 * environment as it found it without going through the settings screen again (which would hand
 * the daemon accounts as a side effect).
 *
 * @param names Option names.
 */
export function snapshotOptions( names: string[] ): () => void {
	const snapshot = execFileSync( 'php', [ SCRIPT, 'snapshot', ...names ], {
		encoding: 'utf8',
	} );
	return () => {
		execFileSync( 'php', [ SCRIPT, 'restore' ], { input: snapshot } );
	};
}
