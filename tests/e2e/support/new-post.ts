/**
 * External dependencies
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Internal dependencies
 */
import { logIn, openNewPost } from './editor';
import type { TestEnvironment } from './environment';

/**
 * The blogger's starting point in most specs: a French browser context, logged in as the
 * admin, on a new post with its title typed.
 *
 * @param browser The browser.
 * @param env     The running test environment.
 * @param title   The post title.
 */
export async function startPostAsAdmin(
	browser: Browser,
	env: TestEnvironment,
	title: string
): Promise< { context: BrowserContext; editor: Page } > {
	const context = await browser.newContext( { locale: 'fr-FR' } );
	const editor = await context.newPage();
	await logIn( editor, env.wordpressUrl, env.adminUser, env.adminPassword );
	await openNewPost( editor, env.wordpressUrl );
	await editor.locator( '.editor-post-title__input' ).fill( title );
	return { context, editor };
}
