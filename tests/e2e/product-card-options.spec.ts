/**
 * External dependencies
 */
import type { Browser } from 'playwright-core';

/**
 * Internal dependencies
 */
import { axeViolations } from './support/accessibility';
import { launchChromium, routeAwinToSandbox } from './support/browser';
import { searchWord } from './support/catalogue';
import {
	blockAttributes,
	insertBlockFromInserter,
	openBlockSettings,
	publishPost,
} from './support/editor';
import { testEnvironment } from './support/environment';
import { startPostAsAdmin } from './support/new-post';
import { pickDeepLinkProduct } from './support/programmes';
import { screenshotPath } from './support/screenshots';

const env = testEnvironment();

describe( 'product card options: picker filters, layout, promo code and deep link', () => {
	let browser: Browser;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		await browser?.close();
	} );

	it( 'filters the picker, configures the card, refuses a foreign landing page and follows an allowed one', async () => {
		const product = pickDeepLinkProduct( env.cachePath );
		const deepLink = `${ env.sandboxUrl }/shop/offre-speciale-noel`;

		const { context: editorContext, editor: editor } =
			await startPostAsAdmin( browser, env, 'Carte configurée' );
		await insertBlockFromInserter(
			editor,
			'afflux',
			'afflux/product-card'
		);

		// The picker: merchant filter, in stock only, sort by commission, then search words.
		const picker = editor.locator( '.afflux-product-picker' );
		await picker
			.locator( '.afflux-product-picker__merchant select' )
			.selectOption( product.programmeId );
		await picker
			.locator( '.afflux-product-picker__in-stock input' )
			.check();
		await picker
			.locator( '.afflux-product-picker__sort select' )
			.selectOption( 'commission' );
		await editor.fill(
			'.afflux-product-picker input[type="search"]',
			searchWord( product.title )
		);
		const result = picker
			.locator( '.afflux-product-picker__result', {
				hasText: product.title,
			} )
			.first();
		await result.waitFor();
		// Every result tells the merchant, the stock, the terms and how fresh the price is.
		const merchantNames = await picker
			.locator( '.afflux-product-picker__meta' )
			.allInnerTexts();
		expect( merchantNames.length ).toBeGreaterThan( 0 );
		for ( const meta of merchantNames ) {
			expect( meta ).toContain( product.programmeName.slice( 0, 8 ) );
		}
		expect(
			await result.locator( '.afflux-product-picker__meta' ).innerText()
		).toMatch( /checked \d+ (minute|hour|day)s? ago|vérifié/ );
		expect(
			await result.locator( '.afflux-product-picker__terms' ).innerText()
		).toMatch( /\d/ );
		expect(
			await axeViolations( editor, '.afflux-product-picker' )
		).toEqual( [] );

		// Keyboard: the result is a real button reached and pressed from the keyboard.
		await result.focus();
		await editor.keyboard.press( 'Enter' );
		await editor
			.locator( '.wp-block-afflux-product-card .afflux-card__title' )
			.first()
			.waitFor();

		// Options in the sidebar.
		await openBlockSettings( editor );
		await editor
			.locator( '.afflux-card-options__layout select' )
			.selectOption( 'vertical' );
		await editor
			.locator( '.afflux-card-options__button-text input' )
			.fill( 'Je fonce' );
		await editor
			.locator( '.afflux-card-options__promo-code input' )
			.fill( 'NOEL10' );

		// A landing page outside the programme's domains is refused in plain words.
		const landing = editor.locator(
			'.afflux-card-options__landing-url input'
		);
		await landing.fill( 'https://evil.example/offre' );
		await editor.click( '.afflux-card-options__apply-landing' );
		const refusal = editor.locator(
			'.block-editor-block-inspector .components-notice.is-error'
		);
		await refusal.waitFor();
		expect( await refusal.innerText() ).toContain( 'evil.example' );
		expect(
			( await blockAttributes( editor, 'afflux/product-card' ) )
				.landingUrl
		).toBe( '' );

		// An allowed one is kept.
		await landing.fill( deepLink );
		await editor.click( '.afflux-card-options__apply-landing' );
		await editor
			.locator(
				'.block-editor-block-inspector .components-notice.is-success'
			)
			.waitFor();
		const attributes = await blockAttributes(
			editor,
			'afflux/product-card'
		);
		expect( attributes ).toMatchObject( {
			productId: product.id,
			layout: 'vertical',
			buttonText: 'Je fonce',
			promoCode: 'NOEL10',
			landingUrl: deepLink,
		} );
		expect(
			await axeViolations( editor, '.block-editor-block-inspector' )
		).toEqual( [] );
		// The preview is the server render with the options applied.
		await editor
			.locator( '.wp-block-afflux-product-card.afflux-card--vertical' )
			.first()
			.waitFor();
		const { permalink } = await publishPost( editor );
		await editorContext.close();

		// The reader.
		const readerContext = await browser.newContext( { locale: 'fr-FR' } );
		await readerContext.grantPermissions( [
			'clipboard-read',
			'clipboard-write',
		] );
		const trackingRequests: URL[] = [];
		await routeAwinToSandbox(
			readerContext,
			env.sandboxUrl,
			trackingRequests
		);
		const reader = await readerContext.newPage();
		expect( ( await reader.goto( permalink ) )?.status() ).toBe( 200 );
		expect( await reader.content() ).not.toMatch(
			/<b>(Warning|Notice|Deprecated|Fatal error)<\/b>:/i
		);
		const card = reader.locator(
			'.wp-block-afflux-product-card.afflux-card--vertical'
		);
		expect(
			await card.locator( '.afflux-card__promo-code' ).innerText()
		).toBe( 'NOEL10' );
		expect(
			await card.locator( '.afflux-card__checked' ).innerText()
		).not.toBe( '' );
		const copy = card.locator( 'button.afflux-card__copy' );
		await copy.click();
		await card
			.locator( '.afflux-card__copy-status', { hasText: /\S/ } )
			.waitFor();
		expect(
			await reader.evaluate( () => navigator.clipboard.readText() )
		).toBe( 'NOEL10' );
		expect( ( await readerContext.cookies() ).length ).toBe( 0 );
		expect(
			await axeViolations( reader, '.wp-block-afflux-product-card' )
		).toEqual( [] );
		await card.screenshot( {
			path: screenshotPath( 'product-card-options-fr.png' ),
		} );

		const button = card.locator( 'a.afflux-card__button' );
		expect( await button.innerText() ).toBe( 'Je fonce' );
		await Promise.all( [
			reader.waitForURL( /offre-speciale-noel/ ),
			button.click(),
		] );
		expect( trackingRequests ).toHaveLength( 1 );
		expect( new URL( reader.url() ).searchParams.get( 'utm_medium' ) ).toBe(
			'affiliate'
		);
		await readerContext.close();
	} );
} );
