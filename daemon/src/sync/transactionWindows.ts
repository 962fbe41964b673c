const DAY_MS = 86_400_000;

export interface DateRange {
	start: Date;
	end: Date;
}

/**
 * Midnight UTC of the day `date` falls in: backfills start on a day boundary, so two runs
 * started minutes apart ask for the same windows.
 */
export function startOfUtcDay( date: Date ): Date {
	return new Date( Math.floor( date.getTime() / DAY_MS ) * DAY_MS );
}

// Splits [start, end] into consecutive windows of at most maxDays, oldest first. Each window
// starts where the previous one ended: a transaction on a boundary is read twice (harmless,
// upserts are idempotent) rather than never.
export function splitIntoWindows(
	range: DateRange,
	maxDays: number
): DateRange[] {
	if ( ! ( maxDays > 0 ) ) {
		throw new RangeError( 'maxDays must be positive' );
	}
	const span = maxDays * DAY_MS;
	const windows: DateRange[] = [];
	let start = range.start.getTime();
	const end = range.end.getTime();
	while ( start < end ) {
		const windowEnd = Math.min( start + span, end );
		windows.push( {
			start: new Date( start ),
			end: new Date( windowEnd ),
		} );
		start = windowEnd;
	}
	return windows;
}

export function daysBefore( date: Date, days: number ): Date {
	return new Date( date.getTime() - days * DAY_MS );
}
