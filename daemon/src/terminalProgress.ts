import { Presets, SingleBar } from 'cli-progress';

import type { Logger } from './logger';
import type { SyncProgress } from './sync/recordSyncRun';

export interface ProgressReporter {
	update( progress: SyncProgress ): void;
	stop(): void;
}

// Catalogue streams report every batch; logs get one line per this many items.
const LOGGED_ITEMS_STEP = 100_000;

// A bar per network and kind on a terminal (stderr, where the logs go); one structured log line
// per window, or per 100 000 items, otherwise (journald, cron mail).
export function createProgressReporter( options: {
	terminal: boolean;
	log: Logger;
} ): ProgressReporter {
	let bar: SingleBar | null = null;
	let current = '';
	let lastLogged = 0;

	function stopBar(): void {
		bar?.stop();
		bar = null;
		current = '';
	}

	return {
		update: ( progress ) => {
			const label = `${ progress.network } ${ progress.kind }`;
			if ( ! options.terminal ) {
				const step =
					progress.unit === 'windows' ||
					progress.done - lastLogged >= LOGGED_ITEMS_STEP;
				if ( step ) {
					lastLogged = progress.done;
					options.log.info( 'sync progress', { ...progress } );
				}
				return;
			}
			if ( label !== current ) {
				stopBar();
				current = label;
				bar = new SingleBar(
					{
						format:
							progress.total === undefined
								? `${ label } | {value} ${ progress.unit }`
								: `${ label } [{bar}] {value}/{total} ${ progress.unit }`,
						stream: process.stderr,
						hideCursor: true,
					},
					Presets.shades_classic
				);
				bar.start( progress.total ?? 0, 0 );
			}
			bar?.update( progress.done );
			if (
				progress.total !== undefined &&
				progress.done >= progress.total
			) {
				stopBar();
			}
		},
		stop: stopBar,
	};
}
