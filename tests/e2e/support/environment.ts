/**
 * Where the running test environment is: tests/env/start.sh exports these for the e2e run.
 */
export interface TestEnvironment {
	wordpressUrl: string;
	sandboxUrl: string;
	cachePath: string;
	adminUser: string;
	adminPassword: string;
}

function required( name: string ): string {
	const value = process.env[ name ];
	if ( ! value ) {
		throw new Error(
			`${ name } is not set: run the browser tests through "npm test" (tests/env/test.sh), which starts WordPress and the sandbox network first.`
		);
	}
	return value;
}

export function testEnvironment(): TestEnvironment {
	return {
		wordpressUrl: required( 'AFFLUX_WP_URL' ),
		sandboxUrl: required( 'AFFLUX_SANDBOX_URL' ),
		cachePath: required( 'AFFLUX_CACHE_PATH' ),
		adminUser: required( 'AFFLUX_ADMIN_USER' ),
		adminPassword: required( 'AFFLUX_ADMIN_PASSWORD' ),
	};
}
