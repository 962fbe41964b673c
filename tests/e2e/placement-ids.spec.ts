/**
 * External dependencies
 */
import type { Browser } from 'playwright-core';

/**
 * Internal dependencies
 */
import { launchChromium } from './support/browser';
import { searchWord } from './support/catalogue';
import {
	allBlockAttributes,
	insertBlockFromInserter,
	publishPost,
} from './support/editor';
import { testEnvironment } from './support/environment';
import { startPostAsAdmin } from './support/new-post';
import { pickInStockProducts } from './support/products';

const env = testEnvironment();

describe( 'placement ids stay unique in a post', () => {
	let browser: Browser;

	beforeAll( async () => {
		browser = await launchChromium();
	} );

	afterAll( async () => {
		await browser?.close();
	} );

	it( 'gives a duplicated card a new placement id, so both links carry their own sub id', async () => {
		const [ product ] = pickInStockProducts( env.cachePath, 1, searchWord );
		const { context: context, editor: editor } = await startPostAsAdmin(
			browser,
			env,
			'Carte dupliquée'
		);
		await insertBlockFromInserter(
			editor,
			'afflux',
			'afflux/product-card'
		);
		await editor.fill(
			'.afflux-product-picker input[type="search"]',
			searchWord( product!.title )
		);
		await editor
			.locator( '.afflux-product-picker__result', {
				hasText: product!.title,
			} )
			.first()
			.click();
		await editor
			.locator( '.wp-block-afflux-product-card .afflux-card__title' )
			.first()
			.waitFor();

		// Duplicate it as the block toolbar's "Duplicate" does (Ctrl+Shift+D).
		await editor.evaluate( () => {
			const { select, dispatch } = ( window as any ).wp.data;
			const card = (
				select( 'core/block-editor' ).getBlocks() as Array< {
					clientId: string;
					name: string;
				} >
			 ).find( ( block ) => block.name === 'afflux/product-card' );
			return dispatch( 'core/block-editor' ).duplicateBlocks( [
				card!.clientId,
			] );
		} );
		await editor.waitForFunction( () => {
			const editorStore = ( window as any ).wp.data.select(
				'core/block-editor'
			);
			const ids = (
				editorStore.getBlocks() as Array< {
					attributes: { placementId?: string };
				} >
			 ).map( ( block ) => block.attributes.placementId );
			return ids.length === 2 && ids[ 0 ] !== ids[ 1 ];
		} );
		const cards = await allBlockAttributes( editor, 'afflux/product-card' );
		expect( cards ).toHaveLength( 2 );
		expect( cards[ 0 ]!.productId ).toBe( cards[ 1 ]!.productId );
		expect( cards[ 0 ]!.placementId ).toMatch( /^[a-z0-9]{10}$/ );
		expect( cards[ 1 ]!.placementId ).toMatch( /^[a-z0-9]{10}$/ );
		expect( cards[ 1 ]!.placementId ).not.toBe( cards[ 0 ]!.placementId );
		const { postId, permalink } = await publishPost( editor );
		await context.close();

		const reader = await browser.newPage( { locale: 'fr-FR' } );
		expect( ( await reader.goto( permalink ) )?.status() ).toBe( 200 );
		const hrefs = await reader
			.locator( '.wp-block-afflux-product-card a.afflux-card__button' )
			.evaluateAll( ( links ) =>
				links.map( ( link ) => ( link as HTMLAnchorElement ).href )
			);
		expect( hrefs ).toHaveLength( 2 );
		const subIds = hrefs.map( ( href ) =>
			new URL( href ).searchParams.get( 'clickref' )
		);
		expect( subIds ).toEqual( [
			`p${ postId }_${ String( cards[ 0 ]!.placementId ) }`,
			`p${ postId }_${ String( cards[ 1 ]!.placementId ) }`,
		] );
		await reader.close();
	} );

	it( 'gives a duplicated and a pasted inline link new placement ids, each with its own sub id', async () => {
		const [ product ] = pickInStockProducts( env.cachePath, 1, searchWord );
		const { context, editor } = await startPostAsAdmin(
			browser,
			env,
			'Lien dans le texte copié'
		);
		const original = 'orig1inline';
		const html = `Je recommande <a class="afflux-inline-link" data-afflux-product="${
			product!.id
		}" data-afflux-placement="${ original }" href="https://www.example.com/produit" rel="sponsored nofollow">ce produit</a>.`;

		// The paragraph as the format saves it, then a duplicate (the block toolbar's
		// "Duplicate") and a paste of the copied block (the editor copies blocks as their
		// serialized markup) through the editor's paste handler.
		await editor.evaluate( ( content ) => {
			const { dispatch, select } = ( window as any ).wp.data;
			const { createBlock, pasteHandler, serialize } = ( window as any )
				.wp.blocks;
			const actions = dispatch( 'core/block-editor' );
			const paragraph = createBlock( 'core/paragraph', { content } );
			actions.insertBlocks( paragraph );
			actions.duplicateBlocks( [ paragraph.clientId ] );
			const copied = serialize(
				select( 'core/block-editor' ).getBlock( paragraph.clientId )
			);
			actions.insertBlocks(
				pasteHandler( { HTML: copied, mode: 'BLOCKS' } )
			);
		}, html );
		await editor.waitForFunction( ( kept ) => {
			const ids = (
				( window as any ).wp.data
					.select( 'core/block-editor' )
					.getBlocks() as Array< {
					attributes: { content?: unknown };
				} >
			 ).map(
				( block ) =>
					/data-afflux-placement="([A-Za-z0-9]+)"/.exec(
						String( block.attributes.content ?? '' )
					)?.[ 1 ]
			);
			return (
				ids.length === 3 &&
				ids[ 0 ] === kept &&
				new Set( ids ).size === 3 &&
				ids.every( ( id ) => id !== undefined )
			);
		}, original );
		const paragraphs = await allBlockAttributes( editor, 'core/paragraph' );
		const placements = paragraphs.map(
			( paragraph ) =>
				/data-afflux-placement="([A-Za-z0-9]+)"/.exec(
					String( paragraph.content )
				)?.[ 1 ]
		);
		expect( placements[ 0 ] ).toBe( original );
		expect( placements[ 1 ] ).toMatch( /^[a-z0-9]{10}$/ );
		expect( placements[ 2 ] ).toMatch( /^[a-z0-9]{10}$/ );
		const { postId, permalink } = await publishPost( editor );
		await context.close();

		const reader = await browser.newPage( { locale: 'fr-FR' } );
		expect( ( await reader.goto( permalink ) )?.status() ).toBe( 200 );
		const hrefs = await reader
			.locator( 'a.afflux-inline-link' )
			.evaluateAll( ( links ) =>
				links.map( ( link ) => ( link as HTMLAnchorElement ).href )
			);
		expect(
			hrefs.map( ( href ) =>
				new URL( href ).searchParams.get( 'clickref' )
			)
		).toEqual(
			placements.map( ( id ) => `p${ postId }_${ String( id ) }` )
		);
		await reader.close();
	} );
} );
