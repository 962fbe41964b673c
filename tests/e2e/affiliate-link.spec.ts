/**
 * External dependencies
 */
import type { Browser, Page } from 'playwright-core';

/**
 * Internal dependencies
 */
import { axeViolations } from './support/accessibility';
import { launchChromium, routeAwinToSandbox } from './support/browser';
import {
	pickAccentedProduct,
	searchWord,
	withoutAccents,
} from './support/catalogue';
import { logIn, openNewPost, publishPost } from './support/editor';
import { testEnvironment } from './support/environment';
import { startPostAsAdmin } from './support/new-post';
import { screenshotPath } from './support/screenshots';

const env = testEnvironment();

const BEFORE = 'Pour la musique, je recommande ';
const LINKED = 'ce casque';
const AFTER = ' sans hésiter.';

/**
 * The labels to click, in the admin's language (the editor's own translations).
 *
 * @param page Editor page.
 */
function toolbarLabels( page: Page ) {
	return page.evaluate( () => {
		const { __ } = ( window as any ).wp.i18n;
		return {
			more: __( 'More' ) as string,
			format: __( 'Affiliate link', 'afflux' ) as string,
		};
	} );
}

/**
 * The HTML of the first paragraph of the post being edited.
 *
 * @param page Editor page.
 */
function paragraphHtml( page: Page ): Promise< string > {
	return page.evaluate( () => {
		const block = (
			( window as any ).wp.data
				.select( 'core/block-editor' )
				.getBlocks() as Array< {
				name: string;
				attributes: { content: unknown };
			} >
		 ).find( ( candidate ) => candidate.name === 'core/paragraph' );
		return String( block?.attributes.content ?? '' );
	} );
}

describe( 'inline affiliate link, from selected words to a tracked click', () => {
	let browser: Browser;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		await browser?.close();
	} );

	it( 'links selected words to a product, published and followed with the sub id and UTM', async () => {
		const product = pickAccentedProduct( env.cachePath );

		// The blogger types a paragraph and selects two words of it.
		const { context: editorContext, editor: editor } =
			await startPostAsAdmin( browser, env, 'Mon casque préféré' );
		await editor.keyboard.press( 'Enter' );
		await editor.keyboard.type( BEFORE + LINKED + AFTER );
		for ( let i = 0; i < AFTER.length; i++ ) {
			await editor.keyboard.press( 'ArrowLeft' );
		}
		for ( let i = 0; i < LINKED.length; i++ ) {
			await editor.keyboard.press( 'Shift+ArrowLeft' );
		}

		// Third-party formats sit in the toolbar's "More" menu.
		const labels = await toolbarLabels( editor );
		await editor
			.locator(
				`.block-editor-block-toolbar button[aria-label="${ labels.more }"]`
			)
			.click();
		await editor.getByRole( 'menuitem', { name: labels.format } ).click();

		// The search has the focus: type, then pick the product.
		const popover = editor.locator( '.afflux-inline-link-popover' );
		const search = popover.locator(
			'.afflux-product-picker input[type="search"]'
		);
		await expect(
			search.evaluate(
				( input ) => input === input.ownerDocument.activeElement
			)
		).resolves.toBe( true );
		await editor.keyboard.type(
			withoutAccents( searchWord( product.title ) )
		);
		const result = popover
			.locator( '.afflux-product-picker__result', {
				hasText: product.title,
			} )
			.first();
		await result.waitFor();
		expect(
			await axeViolations( editor, '.afflux-inline-link-popover' )
		).toEqual( [] );
		await result.click();
		await popover.waitFor( { state: 'detached' } );

		const saved = await paragraphHtml( editor );
		const link = saved.match(
			/<a [^>]*data-afflux-product="(\d+)"[^>]*data-afflux-placement="([a-z0-9]{10})"[^>]*>([^<]*)<\/a>/
		);
		expect( link ).not.toBeNull();
		expect( Number( link![ 1 ] ) ).toBe( product.id );
		expect( link![ 3 ] ).toBe( LINKED );
		expect( saved ).toContain( 'class="afflux-inline-link"' );
		expect( saved ).toMatch( /href="https?:\/\/[^"]+"/ );
		expect( saved.startsWith( BEFORE ) ).toBe( true );
		const placementId = link![ 2 ]!;
		const { postId, permalink } = await publishPost( editor );
		await editorContext.close();

		// The reader: no cookies, the published post.
		const readerContext = await browser.newContext( { locale: 'fr-FR' } );
		const trackingRequests: URL[] = [];
		await routeAwinToSandbox(
			readerContext,
			env.sandboxUrl,
			trackingRequests
		);
		const reader = await readerContext.newPage();
		const response = await reader.goto( permalink );
		expect( response?.status() ).toBe( 200 );
		const html = await reader.content();
		expect( html ).not.toMatch(
			/<b>(Warning|Notice|Deprecated|Fatal error)<\/b>:[^\n]*afflux/i
		);
		await reader.locator( '.wp-block-afflux-disclosure' ).waitFor();

		const subId = `p${ postId }_${ placementId }`;
		const anchor = reader.locator( 'a.afflux-inline-link' );
		expect( await anchor.innerText() ).toBe( LINKED );
		expect(
			( await anchor.getAttribute( 'rel' ) )?.split( ' ' ).sort()
		).toEqual( [ 'nofollow', 'sponsored' ] );
		const href = new URL( ( await anchor.getAttribute( 'href' ) ) ?? '' );
		expect( href.hostname ).toBe( 'www.awin1.com' );
		expect( href.searchParams.get( 'clickref' ) ).toBe( subId );
		const landingInHref = new URL( href.searchParams.get( 'ued' ) ?? '' );
		expect( landingInHref.searchParams.get( 'utm_content' ) ).toBe(
			'affiliate-link'
		);
		await reader.locator( 'p', { has: anchor } ).screenshot( {
			path: screenshotPath( 'affiliate-link-fr.png' ),
		} );

		// Follow the link: Awin's tracking host (answered by the sandbox) redirects to the shop.
		await Promise.all( [
			reader.waitForURL( /\/shop\// ),
			anchor.click(),
		] );
		expect( trackingRequests ).toHaveLength( 1 );
		expect( trackingRequests[ 0 ]!.searchParams.get( 'clickref' ) ).toBe(
			subId
		);
		const landing = new URL( reader.url() );
		expect( landing.searchParams.get( 'awc' ) ).toContain(
			`_123456_${ subId }`
		);
		expect( landing.searchParams.get( 'utm_source' ) ).toBe(
			new URL( env.wordpressUrl ).hostname
		);
		expect( landing.searchParams.get( 'utm_medium' ) ).toBe( 'affiliate' );
		expect( landing.searchParams.get( 'utm_campaign' ) ).toBe(
			new URL( permalink ).pathname.split( '/' ).filter( Boolean ).pop()
		);
		expect( landing.searchParams.get( 'utm_content' ) ).toBe(
			'affiliate-link'
		);
		await readerContext.close();
	} );

	it( 'is opened from the keyboard, closed with Escape and removed again', async () => {
		const product = pickAccentedProduct( env.cachePath );
		const { context: context, editor: editor } = await startPostAsAdmin(
			browser,
			env,
			'Clavier'
		);
		await editor.keyboard.press( 'Enter' );
		await editor.keyboard.type( BEFORE + LINKED );
		for ( let i = 0; i < LINKED.length; i++ ) {
			await editor.keyboard.press( 'Shift+ArrowLeft' );
		}
		const popover = editor.locator( '.afflux-inline-link-popover' );
		const search = popover.locator(
			'.afflux-product-picker input[type="search"]'
		);
		const paragraphHasFocus = () =>
			editor
				.locator( '[data-type="core/paragraph"]' )
				.evaluate(
					( element ) =>
						element === element.ownerDocument.activeElement
				);

		// Shift+Alt+A opens the search; Escape closes it and gives the words their focus back.
		await editor.keyboard.press( 'Shift+Alt+A' );
		await search.waitFor();
		await editor.keyboard.press( 'Escape' );
		await popover.waitFor( { state: 'detached' } );
		await expect( paragraphHasFocus() ).resolves.toBe( true );
		expect( await paragraphHtml( editor ) ).not.toContain(
			'data-afflux-product'
		);

		// Link the words from the keyboard: type, Tab to the first result, Enter.
		await editor.keyboard.press( 'Shift+Alt+A' );
		await search.waitFor();
		await editor.keyboard.type(
			withoutAccents( searchWord( product.title ) )
		);
		const firstResult = popover
			.locator( '.afflux-product-picker__result' )
			.first();
		await firstResult.waitFor();
		await firstResult.focus();
		await editor.keyboard.press( 'Enter' );
		await popover.waitFor( { state: 'detached' } );
		expect( await paragraphHtml( editor ) ).toContain( `>${ LINKED }</a>` );

		// With the caret inside the link, the search offers to remove it.
		await editor.keyboard.press( 'ArrowLeft' );
		for ( let i = 0; i < 3; i++ ) {
			await editor.keyboard.press( 'ArrowRight' );
		}
		await editor.keyboard.press( 'Shift+Alt+A' );
		await popover.locator( '.afflux-inline-link-popover__remove' ).click();
		await popover.waitFor( { state: 'detached' } );
		expect( await paragraphHtml( editor ) ).toBe( BEFORE + LINKED );
		await context.close();
	} );
} );
