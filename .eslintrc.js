/**
 * ESLint: the WordPress rules (through @wordpress/scripts) for every TypeScript file, with Node
 * globals for the daemon and the test suites.
 */
module.exports = {
	root: true,
	extends: [ 'plugin:@wordpress/eslint-plugin/recommended' ],
	overrides: [
		{
			files: [ 'daemon/**/*.ts', 'tests/**/*.ts', '*.js' ],
			env: { node: true, jest: true },
			rules: {
				// The daemon and the tests are not WordPress front-end code.
				'no-console': 'off',
				// Types already document parameters and returns; short "why" comments do the rest.
				'jsdoc/require-param': 'off',
				'jsdoc/require-returns': 'off',
			},
		},
		{
			files: [ '**/*.spec.ts', '**/*.spec.tsx' ],
			env: { jest: true },
		},
	],
	ignorePatterns: [
		'node_modules/',
		'vendor/',
		'plugin/build/',
		'daemon/dist/',
		'.afflux-dev/',
	],
};
