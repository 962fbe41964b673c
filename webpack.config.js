/**
 * The webpack config of WordPress's scripts package, plus the entry points that are not blocks (no block.json):
 * the admin app (settings, earnings, sync health) and the editor's post-earnings panel.
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
	} ),
};
