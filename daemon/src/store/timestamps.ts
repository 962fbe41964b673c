// ISO 8601 UTC with second precision ("2026-11-21T08:00:00Z"): the one format the schema uses,
// so PHP and SQLite can compare times as plain text.
export function toIsoUtc( date: Date = new Date() ): string {
	return date.toISOString().replace( /\.\d{3}Z$/, 'Z' );
}
