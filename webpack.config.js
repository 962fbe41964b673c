/**
 * The webpack config of WordPress's scripts package, plus the entry points that are not blocks (no block.json):
 * the admin app (settings, earnings, sync health), the editor's post-earnings panel and the inline
 * affiliate-link format.
 */
const { resolve } = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

module.exports = {
	...defaultConfig,
	entry: () => ( {
		...defaultConfig.entry(),
		'admin-app/index': resolve(
			__dirname,
			'blocks/src/admin-app/index.tsx'
		),
		'post-earnings-panel/index': resolve(
			__dirname,
			'blocks/src/post-earnings-panel/index.tsx'
		),
		'affiliate-link-format/index': resolve(
			__dirname,
			'blocks/src/affiliate-link-format/index.ts'
		),
	} ),
};
