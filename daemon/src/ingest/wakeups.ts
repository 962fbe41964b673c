/**
 * How the feed worker and the thread reading its batches wait for "something changed" (bytes
 * arrived, a batch was taken, the worker finished) without polling: each message calls
 * notify(), which wakes every waiter, and each waiter looks at its own condition again.
 */
export class Wakeups {
	private waiting: Array< () => void > = [];

	/** Wakes everyone waiting now. */
	notify(): void {
		const woken = this.waiting;
		this.waiting = [];
		for ( const resolve of woken ) {
			resolve();
		}
	}

	/** Resolves at the next notify(). */
	next(): Promise< void > {
		return new Promise( ( resolve ) => this.waiting.push( resolve ) );
	}

	/** Resolves once `ready()` holds, looking again at each notify(). */
	async until( ready: () => boolean ): Promise< void > {
		while ( ! ready() ) {
			await this.next();
		}
	}
}
