/**
 * External dependencies
 */
import type { Page } from 'playwright-core';

/**
 * Logs in through wp-login.php.
 *
 * @param page         Browser page.
 * @param wordpressUrl Site URL.
 * @param user         User name.
 * @param password     Password.
 */
export async function logIn(
	page: Page,
	wordpressUrl: string,
	user: string,
	password: string
): Promise< void > {
	// Land on the profile page rather than the dashboard: the dashboard's widgets (news, site
	// health, update checks) do work that has nothing to do with the test and only slows it.
	const landing = `${ wordpressUrl }/wp-admin/profile.php`;
	await page.goto(
		`${ wordpressUrl }/wp-login.php?redirect_to=${ encodeURIComponent(
			landing
		) }`
	);
	await page.fill( '#user_login', user );
	await page.fill( '#user_pass', password );
	const reachedAdmin = page
		.waitForURL( /\/wp-admin\/profile\.php/, { timeout: 60_000 } )
		.catch( async () => {
			// Say what WordPress said (wrong password, cookies refused, …), not a bare timeout.
			const error = page.locator( '#login_error' );
			const said =
				( await error.count() ) > 0 ? await error.innerText() : '';
			throw new Error(
				`Logging in as ${ user } did not reach the admin (at ${ page.url() }): ${
					said || 'no message from WordPress'
				}`
			);
		} );
	await Promise.all( [ reachedAdmin, page.click( '#wp-submit' ) ] );
}

/**
 * Opens a new post in the block editor, without the welcome guide.
 *
 * @param page         Browser page.
 * @param wordpressUrl Site URL.
 */
export async function openNewPost(
	page: Page,
	wordpressUrl: string
): Promise< void > {
	await page.goto( `${ wordpressUrl }/wp-admin/post-new.php` );
	await page.waitForFunction( () =>
		Boolean( ( window as any ).wp?.data?.select( 'core/edit-post' ) )
	);
	await page.evaluate( () => {
		const { select, dispatch } = ( window as any ).wp.data;
		if ( select( 'core/edit-post' ).isFeatureActive( 'welcomeGuide' ) ) {
			dispatch( 'core/edit-post' ).toggleFeature( 'welcomeGuide' );
		}
	} );
	await page.locator( '.editor-post-title__input' ).waitFor();
}

/**
 * Inserts a block from the inserter, as a blogger would: it must be listed there.
 *
 * @param page      Browser page.
 * @param search    Words typed in the inserter's search.
 * @param blockName Block name, e.g. afflux/product-card.
 */
export async function insertBlockFromInserter(
	page: Page,
	search: string,
	blockName: string
): Promise< void > {
	await page.click( '.edit-post-header-toolbar__inserter-toggle' );
	await page.fill( '.block-editor-inserter__search input', search );
	await page.click(
		`.editor-block-list-item-${ blockName.replace( '/', '-' ) }`
	);
}

/**
 * The attributes of the first block with this name in the post being edited.
 *
 * @param page      Browser page.
 * @param blockName Block name.
 */
export function blockAttributes(
	page: Page,
	blockName: string
): Promise< Record< string, unknown > > {
	return page.evaluate( ( name ) => {
		const blocks = ( window as any ).wp.data
			.select( 'core/block-editor' )
			.getBlocks() as Array< {
			name: string;
			attributes: Record< string, unknown >;
		} >;
		const block = blocks.find( ( candidate ) => candidate.name === name );
		if ( ! block ) {
			throw new Error( `No ${ name } block in the post` );
		}
		return block.attributes;
	}, blockName );
}

/**
 * Publishes the post through the pre-publish panel and returns its id and permalink.
 *
 * @param page Browser page.
 */
export async function publishPost(
	page: Page
): Promise< { postId: number; permalink: string } > {
	await page.click( '.editor-post-publish-panel__toggle' );
	await page.click(
		'.editor-post-publish-panel .editor-post-publish-button'
	);
	await page.locator( '.post-publish-panel__postpublish' ).waitFor();
	return page.evaluate( () => {
		const editor = ( window as any ).wp.data.select( 'core/editor' );
		return {
			postId: editor.getCurrentPostId() as number,
			permalink: editor.getPermalink() as string,
		};
	} );
}

/**
 * Opens the block settings sidebar, where the selected block's options live.
 *
 * @param page Browser page.
 */
export async function openBlockSettings( page: Page ): Promise< void > {
	await page.evaluate( () =>
		( window as any ).wp.data
			.dispatch( 'core/edit-post' )
			.openGeneralSidebar( 'edit-post/block' )
	);
	await page.locator( '.block-editor-block-inspector' ).waitFor();
}

/**
 * The attributes of every block with this name in the post being edited, in document order.
 *
 * @param page      Browser page.
 * @param blockName Block name.
 */
export function allBlockAttributes(
	page: Page,
	blockName: string
): Promise< Array< Record< string, unknown > > > {
	return page.evaluate( ( name ) => {
		const editor = ( window as any ).wp.data.select( 'core/block-editor' );
		return ( editor.getClientIdsWithDescendants() as string[] )
			.filter( ( id ) => editor.getBlockName( id ) === name )
			.map(
				( id ) =>
					editor.getBlockAttributes( id ) as Record< string, unknown >
			);
	}, blockName );
}
