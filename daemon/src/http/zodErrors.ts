import type { ZodError } from 'zod';

// "programmeInfo.deeplinkEnabled: Expected boolean, received string" — names the field.
export function describeZodError( error: ZodError, max = 3 ): string {
	const parts = error.issues.slice( 0, max ).map( ( issue ) => {
		const path = issue.path
			.map( ( key ) =>
				typeof key === 'number' ? `[${ key }]` : `.${ key }`
			)
			.join( '' )
			.replace( /^\./, '' );
		return `${ path || '(root)' }: ${ issue.message }`;
	} );
	const more =
		error.issues.length > max
			? ` (+${ error.issues.length - max } more)`
			: '';
	return parts.join( '; ' ) + more;
}
