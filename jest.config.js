/**
 * Jest projects: the daemon and the blocks' unit tests, and the end-to-end browser tests (run
 * separately by tests/env/test.sh once WordPress and the sandbox network are up).
 */
const tsJest = ( tsconfig ) => ( {
	'^.+\\.tsx?$': [ 'ts-jest', { tsconfig } ],
} );

module.exports = {
	projects: [
		{
			displayName: 'daemon',
			testEnvironment: 'node',
			testMatch: [ '<rootDir>/daemon/src/**/*.spec.ts' ],
			transform: tsJest( '<rootDir>/daemon/tsconfig.spec.json' ),
		},
		{
			displayName: 'blocks',
			testEnvironment: 'node',
			testMatch: [ '<rootDir>/blocks/src/**/*.spec.ts?(x)' ],
			transform: tsJest( '<rootDir>/blocks/tsconfig.json' ),
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			testMatch: [ '<rootDir>/tests/e2e/**/*.spec.ts' ],
			transform: tsJest( '<rootDir>/tests/tsconfig.json' ),
			// Jest 29 ignores testTimeout inside a project; the setup file sets it for e2e only.
			setupFilesAfterEnv: [ '<rootDir>/tests/e2e/jest.setup.ts' ],
		},
	],
};
