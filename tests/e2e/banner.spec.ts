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
import { addCreative } from './support/creatives';
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

describe( 'affiliate banner', () => {
	let browser: Browser;
	let removeCreative: () => void = () => undefined;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		removeCreative();
		await browser?.close();
	} );

	it( 'shows the merchant’s creative by size, tracked to its landing page', async () => {
		const product = pickDeepLinkProduct( env.cachePath );
		const bannerId = `e2e${ Date.now() }`;
		removeCreative = addCreative( env.cachePath, {
			network: 'awin',
			bannerId,
			programmeId: product.programmeId,
			// Any image the sandbox serves stands for the creative.
			imageUrl: `${ env.sandboxUrl }/images/900002.jpg`,
			landingUrl: `${ env.sandboxUrl }/shop/offre-speciale-noel`,
		} );

		const { context: editorContext, editor: editor } =
			await startPostAsAdmin( browser, env, 'Les soldes sont là' );
		await insertBlockFromInserter( editor, 'banner', 'afflux/banner' );
		await editor.fill(
			'.afflux-product-picker input[type="search"]',
			searchWord( product.title )
		);
		await editor
			.locator( '.afflux-product-picker__result', {
				hasText: product.title,
			} )
			.first()
			.click();
		// Without a creative chosen, the preview shows the product image.
		await editor
			.locator( '.wp-block-afflux-banner.is-product-image' )
			.waitFor();

		await openBlockSettings( editor );
		await editor
			.locator( '.afflux-banner-options__size select' )
			.selectOption( '728×90' );
		await editor
			.locator( '.afflux-banner-options__creative', {
				hasText: 'Soldes 728x90',
			} )
			.click();
		await editor
			.locator( '.afflux-banner-options__alt input' )
			.fill( 'Soldes : jusqu’à -30 %' );
		expect(
			await blockAttributes( editor, 'afflux/banner' )
		).toMatchObject( {
			productId: product.id,
			network: 'awin',
			programmeId: product.programmeId,
			bannerId,
			alt: 'Soldes : jusqu’à -30 %',
		} );
		expect(
			await axeViolations( editor, '.block-editor-block-inspector' )
		).toEqual( [] );
		await editor.locator( '.wp-block-afflux-banner.is-creative' ).waitFor();
		const { placementId } = await blockAttributes(
			editor,
			'afflux/banner'
		);
		const { postId, permalink } = await publishPost( editor );
		await editorContext.close();

		const readerContext = await browser.newContext( { locale: 'fr-FR' } );
		const trackingRequests: URL[] = [];
		await routeAwinToSandbox(
			readerContext,
			env.sandboxUrl,
			trackingRequests
		);
		const reader = await readerContext.newPage();
		expect( ( await reader.goto( permalink ) )?.status() ).toBe( 200 );
		const banner = reader.locator( '.wp-block-afflux-banner' );
		const image = banner.locator( 'img.afflux-banner__image' );
		expect( await image.getAttribute( 'alt' ) ).toBe(
			'Soldes : jusqu’à -30 %'
		);
		expect( await image.getAttribute( 'width' ) ).toBe( '728' );
		expect(
			await image.evaluate(
				( img: HTMLImageElement ) => img.naturalWidth
			)
		).toBeGreaterThan( 0 );
		const link = banner.locator( 'a.afflux-banner__link' );
		expect(
			( await link.getAttribute( 'rel' ) )?.split( ' ' ).sort()
		).toEqual( [ 'nofollow', 'noopener', 'sponsored' ] );
		expect(
			await axeViolations( reader, '.wp-block-afflux-banner' )
		).toEqual( [] );
		await banner.screenshot( {
			path: screenshotPath( 'banner-fr.png' ),
		} );

		await Promise.all( [
			reader.waitForURL( /offre-speciale-noel/ ),
			link.click(),
		] );
		expect( trackingRequests ).toHaveLength( 1 );
		expect( trackingRequests[ 0 ]!.searchParams.get( 'clickref' ) ).toBe(
			`p${ postId }_${ String( placementId ) }`
		);
		expect(
			new URL( reader.url() ).searchParams.get( 'utm_content' )
		).toBe( 'banner' );
		await readerContext.close();
	} );
} );
