import {
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SyncLockedError, acquireSyncLock } from './syncLock';

describe( 'acquireSyncLock', () => {
	let dir: string;
	let cache: string;

	beforeEach( () => {
		dir = mkdtempSync( join( tmpdir(), 'afflux-lock-' ) );
		cache = join( dir, 'cache.sqlite' );
	} );

	afterEach( () => rmSync( dir, { recursive: true, force: true } ) );

	it( 'writes our pid next to the cache and removes it on release', () => {
		const lock = acquireSyncLock( cache );

		expect( readFileSync( `${ cache }.lock`, 'utf8' ).trim() ).toBe(
			String( process.pid )
		);
		lock.release();
		expect( existsSync( `${ cache }.lock` ) ).toBe( false );
	} );

	it( 'refuses while a live process holds the lock', () => {
		// Our parent is alive for as long as this test runs.
		writeFileSync( `${ cache }.lock`, `${ process.ppid }\n` );

		expect( () => acquireSyncLock( cache ) ).toThrow( SyncLockedError );
	} );

	it( 'takes over a lock left by a process that is gone', () => {
		writeFileSync( `${ cache }.lock`, '2147483646\n' );

		const lock = acquireSyncLock( cache );

		expect( readFileSync( `${ cache }.lock`, 'utf8' ).trim() ).toBe(
			String( process.pid )
		);
		lock.release();
	} );
} );
