/**
 * External dependencies
 */
import type { Browser, Page } from 'playwright-core';

/**
 * Internal dependencies
 */
import { axeViolations } from './support/accessibility';
import { launchChromium } from './support/browser';
import { searchWord } from './support/catalogue';
import {
	insertBlockFromInserter,
	logIn,
	openNewPost,
	publishPost,
} from './support/editor';
import { testEnvironment } from './support/environment';
import { pickInStockProducts } from './support/products';
import { screenshotPath } from './support/screenshots';

const env = testEnvironment();

async function insertCard( editor: Page, title: string ): Promise< void > {
	await insertBlockFromInserter( editor, 'afflux', 'afflux/product-card' );
	await editor.fill(
		'.afflux-product-picker input[type="search"]',
		searchWord( title )
	);
	await editor
		.locator( '.afflux-product-picker__result', { hasText: title } )
		.first()
		.click();
	await editor
		.locator( '.wp-block-afflux-product-card .afflux-card__title' )
		.first()
		.waitFor();
}

/**
 * The order of the notice and the card in the page.
 *
 * @param page Browser page.
 */
function noticeAndCardOrder( page: Page ): Promise< string[] > {
	return page
		.locator( '.wp-block-afflux-disclosure, .wp-block-afflux-product-card' )
		.evaluateAll( ( elements ) =>
			elements.map( ( element ) =>
				element.classList.contains( 'wp-block-afflux-disclosure' )
					? 'notice'
					: 'card'
			)
		);
}

describe( 'affiliate disclosure notice', () => {
	let browser: Browser;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		await browser?.close();
	} );

	it( 'is added at the top of a post with Afflux links, and stays where the blogger puts it', async () => {
		const [ product ] = pickInStockProducts( env.cachePath, 1, searchWord );
		const context = await browser.newContext( { locale: 'fr-FR' } );
		const editor = await context.newPage();
		await logIn(
			editor,
			env.wordpressUrl,
			env.adminUser,
			env.adminPassword
		);

		// A post with a card only: the notice comes first, added at render time.
		await openNewPost( editor, env.wordpressUrl );
		await editor
			.locator( '.editor-post-title__input' )
			.fill( 'Mention automatique' );
		await insertCard( editor, product!.title );
		const automatic = await publishPost( editor );

		// A post where the blogger places the notice after the card.
		await openNewPost( editor, env.wordpressUrl );
		await editor
			.locator( '.editor-post-title__input' )
			.fill( 'Mention placée' );
		await insertCard( editor, product!.title );
		await insertBlockFromInserter(
			editor,
			'transparence',
			'afflux/disclosure'
		);
		// The editor shows the server render: the text from the settings.
		await editor
			.locator(
				'.wp-block-afflux-disclosure .wp-block-afflux-disclosure',
				{ hasText: /affiliation|affiliate/ }
			)
			.waitFor();
		const placed = await publishPost( editor );
		await context.close();

		const readerContext = await browser.newContext( { locale: 'fr-FR' } );
		const reader = await readerContext.newPage();
		await reader.goto( automatic.permalink );
		const notices = reader.locator( '.wp-block-afflux-disclosure' );
		expect( await notices.count() ).toBe( 1 );
		expect( await notices.innerText() ).toMatch( /affiliation/ );
		expect( await noticeAndCardOrder( reader ) ).toEqual( [
			'notice',
			'card',
		] );
		expect(
			await axeViolations( reader, '.wp-block-afflux-disclosure' )
		).toEqual( [] );
		await notices.screenshot( {
			path: screenshotPath( 'disclosure-fr.png' ),
		} );

		await reader.goto( placed.permalink );
		expect(
			await reader.locator( '.wp-block-afflux-disclosure' ).count()
		).toBe( 1 );
		expect( await noticeAndCardOrder( reader ) ).toEqual( [
			'card',
			'notice',
		] );
		// The card's link still works: the notice never replaces it.
		expect(
			await reader
				.locator(
					'.wp-block-afflux-product-card a.afflux-card__button'
				)
				.getAttribute( 'href' )
		).toContain( `clickref=p${ placed.postId }_` );
		await readerContext.close();
	} );
} );
