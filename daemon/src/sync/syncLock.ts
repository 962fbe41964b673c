import {
	closeSync,
	openSync,
	readFileSync,
	unlinkSync,
	writeSync,
} from 'node:fs';

export class SyncLockedError extends Error {
	readonly pid: number;

	constructor( lockPath: string, pid: number ) {
		super(
			`Another daemon (pid ${ pid }) is syncing this cache (${ lockPath })`
		);
		this.name = 'SyncLockedError';
		this.pid = pid;
	}
}

export interface SyncLock {
	path: string;
	release(): void;
}

function processIsAlive( pid: number ): boolean {
	try {
		process.kill( pid, 0 );
		return true;
	} catch ( error ) {
		// EPERM: it exists but belongs to someone else.
		return ( error as NodeJS.ErrnoException ).code === 'EPERM';
	}
}

function readPid( path: string ): number | null {
	try {
		const pid = Number( readFileSync( path, 'utf8' ).trim() );
		return Number.isInteger( pid ) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

// `<cache>.lock` holding our pid, created with O_EXCL so two daemons cannot both win. A lock
// left by a process that no longer exists (a crash, a kill -9) is taken over.
export function acquireSyncLock( cachePath: string ): SyncLock {
	const path = `${ cachePath }.lock`;
	for ( let attempt = 0; attempt < 2; attempt++ ) {
		try {
			const fd = openSync( path, 'wx', 0o644 );
			writeSync( fd, `${ process.pid }\n` );
			closeSync( fd );
			return {
				path,
				release: () => {
					if ( readPid( path ) === process.pid ) {
						unlinkSync( path );
					}
				},
			};
		} catch ( error ) {
			if ( ( error as NodeJS.ErrnoException ).code !== 'EEXIST' ) {
				throw error;
			}
		}
		const holder = readPid( path );
		if (
			holder !== null &&
			holder !== process.pid &&
			processIsAlive( holder )
		) {
			throw new SyncLockedError( path, holder );
		}
		// Stale (or half-written) lock: remove it and try once more.
		try {
			unlinkSync( path );
		} catch {
			// Someone else removed it first; the next openSync decides.
		}
	}
	throw new SyncLockedError( path, readPid( path ) ?? 0 );
}

// Runs `run` while holding the lock, and always releases it.
export async function withSyncLock< T >(
	cachePath: string,
	run: () => Promise< T >
): Promise< T > {
	const lock = acquireSyncLock( cachePath );
	let result: T;
	try {
		result = await run();
	} finally {
		lock.release();
	}
	return result;
}
