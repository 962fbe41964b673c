/**
 * External dependencies
 */
import type { Browser, Page } from 'playwright-core';

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
import { pickInStockProducts } from './support/products';
import type { InStockProduct } from './support/products';
import { screenshotPath } from './support/screenshots';

const env = testEnvironment();

async function addFromPicker( editor: Page, product: InStockProduct ) {
	await editor.fill(
		'.wp-block-afflux-product-list .afflux-product-picker input[type="search"]',
		searchWord( product.title )
	);
	await editor
		.locator(
			'.wp-block-afflux-product-list .afflux-product-picker__result',
			{ hasText: product.title }
		)
		.first()
		.click();
}

describe( 'product list / comparison table', () => {
	let browser: Browser;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		await browser?.close();
	} );

	it( 'is filled from the picker, reordered, given columns, published and followed row by row', async () => {
		const [ first, second ] = pickInStockProducts(
			env.cachePath,
			2,
			searchWord
		);
		const { context: editorContext, editor: editor } =
			await startPostAsAdmin( browser, env, 'Comparatif des casques' );
		await insertBlockFromInserter(
			editor,
			'comparatif',
			'afflux/product-list'
		);
		await addFromPicker( editor, first! );
		await editor
			.locator( '.wp-block-afflux-product-list .afflux-list__row' )
			.first()
			.waitFor();
		// Toolbar: add a second product.
		await editor
			.locator( '.block-editor-block-toolbar button', {
				hasText: /Add a product|Ajouter un produit/,
			} )
			.click();
		await addFromPicker( editor, second! );
		await editor
			.locator( '.wp-block-afflux-product-list .afflux-list__row' )
			.nth( 1 )
			.waitFor();

		// Sidebar: move the second product up, show the brand and availability, hide the merchant.
		await openBlockSettings( editor );
		await editor
			.locator( '.afflux-list-options__chosen li' )
			.nth( 1 )
			.locator( 'button' )
			.first()
			.click();
		await editor
			.locator( '.afflux-list-options__column-brand input' )
			.check();
		await editor
			.locator( '.afflux-list-options__column-availability input' )
			.check();
		await editor
			.locator( '.afflux-list-options__column-merchant input' )
			.uncheck();
		await editor
			.locator( '.afflux-list-options__button-text input' )
			.fill( 'Voir le prix' );
		const attributes = await blockAttributes(
			editor,
			'afflux/product-list'
		);
		expect( attributes ).toMatchObject( {
			source: 'chosen',
			productIds: [ second!.id, first!.id ],
			columns: [
				'image',
				'title',
				'brand',
				'price',
				'availability',
				'button',
			],
			buttonText: 'Voir le prix',
		} );
		expect( attributes.placementId ).toMatch( /^[a-z0-9]{10}$/ );
		expect(
			await axeViolations( editor, '.block-editor-block-inspector' )
		).toEqual( [] );
		// The preview is the server render with the new order and columns.
		await editor
			.locator(
				'.wp-block-afflux-product-list tbody tr:first-child .afflux-list__brand'
			)
			.waitFor();
		const { postId, permalink } = await publishPost( editor );
		await editorContext.close();

		// The reader, logged out.
		const readerContext = await browser.newContext( { locale: 'fr-FR' } );
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
		const list = reader.locator( '.wp-block-afflux-product-list' );
		const rows = list.locator( 'tbody tr' );
		expect( await rows.count() ).toBe( 2 );
		expect(
			await rows.nth( 0 ).locator( '.afflux-list__name' ).innerText()
		).toBe( second!.title );
		expect( await list.locator( 'thead th' ).count() ).toBe( 6 );
		expect( await list.locator( '.afflux-list__merchant' ).count() ).toBe(
			0
		);
		const buttons = list.locator( 'a.afflux-list__button' );
		const subIds = (
			await buttons.evaluateAll( ( links ) =>
				links.map( ( link ) => ( link as HTMLAnchorElement ).href )
			)
		).map( ( href ) => new URL( href ).searchParams.get( 'clickref' ) );
		const placementId = String( attributes.placementId );
		expect( subIds ).toEqual( [
			`p${ postId }_${ placementId }r1`,
			`p${ postId }_${ placementId }r2`,
		] );
		expect(
			( await buttons.first().getAttribute( 'rel' ) )?.split( ' ' ).sort()
		).toEqual( [ 'nofollow', 'noopener', 'sponsored' ] );
		expect(
			await axeViolations( reader, '.wp-block-afflux-product-list' )
		).toEqual( [] );
		await list.screenshot( {
			path: screenshotPath( 'product-list-fr.png' ),
		} );

		// Narrow screens: each row becomes a stacked card.
		await reader.setViewportSize( { width: 390, height: 900 } );
		expect(
			await rows
				.first()
				.evaluate( ( row ) => getComputedStyle( row ).display )
		).toBe( 'block' );
		await list.screenshot( {
			path: screenshotPath( 'product-list-narrow-fr.png' ),
		} );
		expect(
			await axeViolations( reader, '.wp-block-afflux-product-list' )
		).toEqual( [] );

		// Follow the second row's link.
		await Promise.all( [
			reader.waitForURL( /\/shop\// ),
			buttons.nth( 1 ).click(),
		] );
		expect( trackingRequests ).toHaveLength( 1 );
		expect( trackingRequests[ 0 ]!.searchParams.get( 'clickref' ) ).toBe(
			`p${ postId }_${ placementId }r2`
		);
		expect(
			new URL( reader.url() ).searchParams.get( 'utm_content' )
		).toBe( 'product-list' );
		await readerContext.close();
	} );

	it( 'lists the top products of a merchant from a saved query', async () => {
		const [ product ] = pickInStockProducts( env.cachePath, 1, searchWord );
		const { context: editorContext, editor: editor } =
			await startPostAsAdmin( browser, env, 'Le top du marchand' );
		await insertBlockFromInserter(
			editor,
			'comparatif',
			'afflux/product-list'
		);
		await openBlockSettings( editor );
		await editor
			.locator( '.afflux-list-options__source select' )
			.selectOption( 'query' );
		await editor
			.locator( '.afflux-list-options__merchant select' )
			.selectOption( product!.programmeId );
		await editor
			.locator( '.afflux-list-options__orderby select' )
			.selectOption( 'price' );
		await editor
			.locator( '.afflux-list-options__limit input[type="number"]' )
			.fill( '3' );
		expect(
			await blockAttributes( editor, 'afflux/product-list' )
		).toMatchObject( {
			source: 'query',
			queryMerchant: product!.programmeId,
			queryOrderby: 'price',
			queryLimit: 3,
		} );
		expect(
			await axeViolations( editor, '.block-editor-block-inspector' )
		).toEqual( [] );
		await editor
			.locator( '.wp-block-afflux-product-list .afflux-list__row' )
			.first()
			.waitFor();
		const { permalink } = await publishPost( editor );
		await editorContext.close();

		const reader = await browser.newPage( { locale: 'fr-FR' } );
		await reader.goto( permalink );
		const rows = reader.locator( '.wp-block-afflux-product-list tbody tr' );
		expect( await rows.count() ).toBe( 3 );
		const prices = await reader
			.locator( '.wp-block-afflux-product-list .afflux-list__amount' )
			.allInnerTexts();
		const amounts = prices.map( ( price ) =>
			Number( price.replace( /[^\d,]/g, '' ).replace( ',', '.' ) )
		);
		expect( [ ...amounts ].sort( ( a, b ) => a - b ) ).toEqual( amounts );
		await reader.close();
	} );
} );
