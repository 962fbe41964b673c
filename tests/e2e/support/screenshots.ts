/**
 * External dependencies
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

// Every e2e run saves its French front-end and admin screenshots here (git-ignored).
const SCREENSHOTS = path.resolve( __dirname, '../../../artifacts/screenshots' );

/**
 * Where to save a screenshot named `file`; the folder is created on first use.
 *
 * @param file File name, e.g. banner-fr.png.
 */
export function screenshotPath( file: string ): string {
	mkdirSync( SCREENSHOTS, { recursive: true } );
	return path.join( SCREENSHOTS, file );
}
