import { NetworkError } from '../http/errors';

// Plain words for sync_runs.error and the logs. Network errors are built without credentials;
// anything else is reduced to its message, cut short, and never its stack or request config.
export function describeFailure( error: unknown ): string {
	if ( error instanceof NetworkError ) {
		return error.message;
	}
	if ( error instanceof Error ) {
		const text = error.message || error.name;
		return text.length > 500 ? `${ text.slice( 0, 500 ) }…` : text;
	}
	return 'Unknown failure';
}
