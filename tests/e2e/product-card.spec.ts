/**
 * External dependencies
 */
import type { Browser } from 'playwright-core';

/**
 * Internal dependencies
 */
import { launchChromium, routeAwinToSandbox } from './support/browser';
import {
	pickAccentedProduct,
	searchWord,
	withoutAccents,
} from './support/catalogue';
import {
	blockAttributes,
	insertBlockFromInserter,
	publishPost,
} from './support/editor';
import { testEnvironment } from './support/environment';
import { startPostAsAdmin } from './support/new-post';
import { screenshotPath } from './support/screenshots';

const env = testEnvironment();

// Whitespace differs between ICU versions (no-break or narrow no-break space before "€").
const squash = ( text: string ) => text.replace( /\s+/gu, ' ' ).trim();

describe( 'product card, from the catalogue to a tracked click', () => {
	let browser: Browser;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		await browser?.close();
	} );

	it( 'is inserted, searched, published, shown logged out and followed to a tracked landing page', async () => {
		const product = pickAccentedProduct( env.cachePath );
		const query = withoutAccents( searchWord( product.title ) );

		// The blogger: log in, new post, insert the card, search without accents, pick, publish.
		const { context: editorContext, editor: editor } =
			await startPostAsAdmin( browser, env, 'Nos coups de cœur' );
		await insertBlockFromInserter(
			editor,
			'afflux',
			'afflux/product-card'
		);
		await editor.fill( '.afflux-product-picker input', query );
		await editor
			.locator( '.afflux-product-picker__result', {
				hasText: product.title,
			} )
			.first()
			.click();
		// The editor preview is the real server render of the card.
		await editor
			.locator( '.wp-block-afflux-product-card .afflux-card__title', {
				hasText: product.title,
			} )
			.waitFor();
		const attributes = await blockAttributes(
			editor,
			'afflux/product-card'
		);
		expect( attributes.productId ).toBe( product.id );
		expect( attributes.placementId ).toMatch( /^[a-z0-9]{10}$/ );
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

		const card = reader.locator( '.wp-block-afflux-product-card' );
		await expect(
			card.locator( '.afflux-card__title' ).innerText()
		).resolves.toBe( product.title );
		const expectedPrice = new Intl.NumberFormat( 'fr-FR', {
			style: 'currency',
			currency: product.currency,
		} ).format( product.priceMinor / 100 );
		expect(
			squash( await card.locator( '.afflux-card__price' ).innerText() )
		).toBe( squash( expectedPrice ) );
		// The picture came from the network's image URL and really loaded.
		expect(
			await card
				.locator( 'img.afflux-card__image' )
				.evaluate( ( image: HTMLImageElement ) => image.naturalWidth )
		).toBeGreaterThan( 0 );
		const button = card.locator( 'a.afflux-card__button' );
		expect( await button.innerText() ).toBe( "Voir l'offre" );
		expect(
			( await button.getAttribute( 'rel' ) )?.split( ' ' ).sort()
		).toEqual( [ 'nofollow', 'noopener', 'sponsored' ] );
		await card.screenshot( {
			path: screenshotPath( 'product-card-fr.png' ),
		} );

		// Follow the link: Awin's tracking host (answered by the sandbox) redirects to the shop.
		await Promise.all( [
			reader.waitForURL( /\/shop\// ),
			button.click(),
		] );
		const subId = `p${ postId }_${ String( attributes.placementId ) }`;
		expect( trackingRequests ).toHaveLength( 1 );
		const tracking = trackingRequests[ 0 ]!;
		expect( tracking.searchParams.get( 'awinaffid' ) ).toBe( '123456' );
		expect( tracking.searchParams.get( 'clickref' ) ).toBe( subId );

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
			'product-card'
		);
		await readerContext.close();
	} );
} );
