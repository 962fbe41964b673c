import { schedule as cronSchedule } from 'node-cron';

import type { DaemonConfig } from '../config';
import type { Logger } from '../logger';
import type { SyncTarget } from './runSync';

/** The kinds that have their own schedule (config `schedules.<kind>`). */
export const SCHEDULED_KINDS = [
	'programmes',
	'links',
	'catalogue',
	'commissions',
] as const;
export type ScheduledKind = ( typeof SCHEDULED_KINDS )[ number ];

export interface ScheduledJob {
	stop(): void | Promise< void >;
	destroy(): void | Promise< void >;
}

/** node-cron's `schedule`, or a test's simulated clock. */
export type ScheduleTask = (
	expression: string,
	run: () => void,
	options: { name: string; noOverlap: boolean }
) => ScheduledJob;

export interface SyncSchedulerOptions {
	schedules: DaemonConfig[ 'schedules' ];
	/** Runs one sync target; the scheduler never runs two at once. */
	run: ( target: SyncTarget ) => Promise< void >;
	log: Logger;
	signal: AbortSignal;
	scheduleTask?: ScheduleTask;
}

export interface SyncScheduler {
	/** Queues a target behind whatever is running (used by `start --now` too). */
	enqueue( target: SyncTarget ): Promise< void >;
	/** Resolves when the queue is empty. */
	idle(): Promise< void >;
	/**
	 * Stops the schedules, then waits for the run in progress (which stops at its next batch
	 * boundary once the signal is aborted).
	 */
	stop(): Promise< void >;
}

// One cron job per kind, feeding one queue: runs never overlap, so a catalogue never races the
// programmes sync and the per-account rate limiters see one caller at a time. A run that throws
// is logged and the queue goes on: one bad run never stops the schedules.
export function startSyncScheduler(
	options: SyncSchedulerOptions
): SyncScheduler {
	const scheduleTask: ScheduleTask =
		options.scheduleTask ??
		( ( expression, run, taskOptions ) =>
			cronSchedule( expression, run, taskOptions ) );
	let queue: Promise< void > = Promise.resolve();

	function enqueue( target: SyncTarget ): Promise< void > {
		queue = queue.then( async () => {
			if ( options.signal.aborted ) {
				return;
			}
			try {
				await options.run( target );
			} catch ( error ) {
				options.log.error( 'scheduled sync failed', {
					target,
					error: ( error as Error ).message,
				} );
			}
		} );
		return queue;
	}

	const jobs = SCHEDULED_KINDS.map( ( kind ) =>
		scheduleTask( options.schedules[ kind ], () => void enqueue( kind ), {
			name: `afflux-${ kind }`,
			noOverlap: true,
		} )
	);

	return {
		enqueue,
		idle: () => queue,
		stop: async () => {
			for ( const job of jobs ) {
				await job.stop();
				await job.destroy();
			}
			await queue;
		},
	};
}
