/**
 * External dependencies
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';

/**
 * Internal dependencies
 */
import { axeViolations } from './support/accessibility';
import { launchChromium } from './support/browser';
import { searchWord } from './support/catalogue';
import { runDaemon } from './support/daemon-cli';
import { logIn } from './support/editor';
import { testEnvironment } from './support/environment';
import { pickInStockProducts } from './support/products';
import {
	balancesOf,
	sandboxTransactions,
	withSubId,
	type ExpectedBalances,
} from './support/sandbox-earnings';
import {
	startSandboxProcess,
	type SandboxProcess,
} from './support/sandbox-process';
import { snapshotOptions } from './support/wordpress-options';
import { screenshotPath } from './support/screenshots';

const env = testEnvironment();
// The sandbox network's only account (daemon/src/sandbox): what the site owner types in.
const PUBLISHER_ID = '123456';
const API_TOKEN = 'sandbox-token';
const SETTINGS_URL = `${ env.wordpressUrl }/wp-admin/admin.php?page=afflux-settings`;
const DASHBOARD_URL = `${ env.wordpressUrl }/wp-admin/admin.php?page=afflux`;
const BUCKETS = [ 'available', 'pending', 'declined', 'paid' ] as const;

interface CreatedPost {
	postId: number;
	placementId: string;
	subId: string;
	link: string;
}

interface Captured {
	url: string;
	body: string;
}

// REST calls go to /wp-json/… or ?rest_route=%2F… depending on permalinks.
function restPath( url: string ): string {
	return decodeURIComponent( url );
}

/**
 * Creates a published post holding one product card, through the REST API as the logged-in
 * administrator, and returns the sub id its tracked link carries.
 *
 * @param page      An admin page where wp.apiFetch is loaded.
 * @param title     Post title.
 * @param productId A product of the cache.
 */
async function createPostWithCard(
	page: Page,
	title: string,
	productId: number
): Promise< CreatedPost > {
	const placementId = `e2e${ Math.random().toString( 36 ).slice( 2, 10 ) }`;
	const block = `<!-- wp:afflux/product-card ${ JSON.stringify( {
		productId,
		placementId,
	} ) } /-->`;
	const post = await page.evaluate(
		( data ) =>
			( window as any ).wp.apiFetch( {
				path: '/wp/v2/posts',
				method: 'POST',
				data,
			} ) as Promise< { id: number; link: string } >,
		{ title, content: block, status: 'publish' }
	);
	return {
		postId: post.id,
		placementId,
		subId: `p${ post.id }_${ placementId }`,
		link: post.link,
	};
}

/**
 * The figures of one table row, read as a person reads them: each balance cell's amount in
 * cents (its digits: amounts always show two decimals) and the transaction count.
 *
 * @param page     Page.
 * @param row      Selector of the row.
 * @param countCol Index of the column holding the count, or null.
 */
async function rowFigures(
	page: Page,
	row: string,
	countCol: number | null
): Promise< ExpectedBalances > {
	const locator = page.locator( row );
	const figures = {
		count: 0,
		available: 0,
		pending: 0,
		declined: 0,
		paid: 0,
	};
	for ( const bucket of BUCKETS ) {
		const text = await locator
			.locator( `td[data-bucket="${ bucket }"]` )
			.innerText();
		expect( text ).toContain( '€' );
		figures[ bucket ] = Number( text.replace( /\D/g, '' ) );
	}
	figures.count =
		countCol === null
			? 0
			: Number(
					await locator.locator( 'td' ).nth( countCol ).innerText()
			  );
	return figures;
}

describe( 'admin settings and earnings dashboard', () => {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let sandbox: SandboxProcess | undefined;
	let workDir = '';
	let restoreOptions: () => void = () => undefined;
	const posts: CreatedPost[] = [];
	const captured: Captured[] = [];
	const reading: Array< Promise< void > > = [];

	beforeAll( async () => {
		restoreOptions = snapshotOptions( [
			'afflux_settings',
			'afflux_daemon',
			'afflux_links',
		] );
		browser = await launchChromium();
		context = await browser.newContext( {
			locale: 'fr-FR',
			viewport: { width: 1280, height: 900 },
		} );
		page = await context.newPage();
		// Every answer the admin pages receive: the documents and the REST calls of the app.
		page.on( 'response', ( response: Response ) => {
			const url = restPath( response.url() );
			const isDocument = response.request().resourceType() === 'document';
			if ( ! isDocument && ! url.includes( '/afflux/v1' ) ) {
				return;
			}
			const entry = { url, body: '' };
			captured.push( entry );
			reading.push(
				response.text().then(
					( body ) => {
						entry.body = body;
					},
					// Redirects have no body.
					() => undefined
				)
			);
		} );
		await logIn( page, env.wordpressUrl, env.adminUser, env.adminPassword );
	} );

	afterAll( async () => {
		if ( page && posts.length > 0 ) {
			await page.goto( SETTINGS_URL );
			for ( const post of posts ) {
				await page.evaluate(
					( id ) =>
						( window as any ).wp.apiFetch( {
							path: `/wp/v2/posts/${ id }?force=true`,
							method: 'DELETE',
						} ),
					post.postId
				);
			}
		}
		restoreOptions();
		await browser?.close();
		await sandbox?.stop();
		if ( workDir ) {
			rmSync( workDir, { recursive: true, force: true } );
		}
	} );

	it( 'hands the daemon the Awin account saved in Settings, and the dashboard matches the network to the cent, per post', async () => {
		await page.goto( SETTINGS_URL );
		await page.locator( '.afflux-settings' ).waitFor();

		// Two real posts, each with a product card of the synced catalogue.
		const products = pickInStockProducts( env.cachePath, 2, searchWord );
		posts.push(
			await createPostWithCard(
				page,
				'Mes gains : le casque',
				products[ 0 ]!.id
			),
			await createPostWithCard(
				page,
				'Mes gains : la sélection',
				products[ 1 ]!.id
			)
		);
		const [ first, second ] = posts as [ CreatedPost, CreatedPost ];
		// Each card's tracked link carries its post's and block's sub id.
		for ( const post of posts ) {
			const html = await ( await page.request.get( post.link ) ).text();
			expect( html ).toContain( `clickref=${ post.subId }` );
		}

		// A network whose transactions come back with those sub ids, and one from a link made
		// outside Afflux; an empty cache of their own, created as an owner would (migrate).
		sandbox = await startSandboxProcess( [
			first.subId,
			second.subId,
			'newsletter',
		] );
		workDir = mkdtempSync(
			path.join( path.dirname( env.cachePath ), 'admin-e2e-' )
		);
		const cachePath = path.join( workDir, 'cache.sqlite' );
		const migrateConfig = path.join( workDir, 'migrate.json' );
		writeFileSync( migrateConfig, JSON.stringify( { cachePath } ) );
		await runDaemon( [ 'migrate' ], migrateConfig );
		// The daemon's file names the API hosts only: the account comes from WordPress.
		const daemonConfig = path.join( workDir, 'daemon.json' );
		writeFileSync(
			daemonConfig,
			JSON.stringify( {
				cachePath,
				networks: {
					awin: {
						apiBase: sandbox.url,
						feedBase: sandbox.url,
						trackingBase: sandbox.url,
					},
				},
				commissions: { backfillDays: 90 },
			} )
		);

		// Afflux → Settings: the cache location, checked live, and the Awin account.
		await page.locator( '.afflux-cache-path input' ).fill( cachePath );
		const [ check ] = await Promise.all( [
			page.waitForResponse( ( response ) =>
				restPath( response.url() ).includes(
					'/afflux/v1/settings/cache-check'
				)
			),
			page.click( '.afflux-cache-check-button' ),
		] );
		expect( await check.json() ).toMatchObject( { state: 'ok' } );
		const awin = page.locator( 'fieldset[data-network="awin"]' );
		await awin.locator( 'input[type="checkbox"]' ).check();
		await awin
			.locator( '.afflux-field--publisherId input' )
			.fill( PUBLISHER_ID );
		await awin.locator( '.afflux-field--apiToken input' ).fill( API_TOKEN );
		const [ saved ] = await Promise.all( [
			page.waitForResponse(
				( response ) =>
					restPath( response.url() ).includes(
						'/afflux/v1/settings'
					) && response.request().method() === 'POST'
			),
			page.click( '.afflux-settings-save' ),
		] );
		expect( saved.status() ).toBe( 200 );
		expect( ( await saved.json() ).daemon_handoff ).toMatchObject( {
			written: true,
		} );
		await page
			.locator( '.afflux-settings .components-notice.is-success' )
			.waitFor();

		// The saved token is shown as set, and the form no longer holds it.
		await page.reload();
		await page.locator( '.afflux-settings' ).waitFor();
		expect(
			await awin.locator( '.afflux-field--apiToken input' ).inputValue()
		).toBe( '' );
		expect(
			await awin
				.locator( '.afflux-field--publisherId input' )
				.inputValue()
		).toBe( PUBLISHER_ID );
		expect( await page.content() ).not.toContain( API_TOKEN );
		expect( await axeViolations( page, '#afflux-admin-app' ) ).toEqual(
			[]
		);
		await page.screenshot( {
			path: screenshotPath( 'admin-settings-fr.png' ),
			fullPage: true,
		} );

		// The daemon syncs with the account WordPress handed it.
		await runDaemon( [ 'sync', 'all', '--once' ], daemonConfig );

		// Afflux → Earnings, for its default range.
		const [ earningsResponse ] = await Promise.all( [
			page.waitForResponse( ( response ) =>
				/\/afflux\/v1\/earnings(\?|&|$)/.test(
					restPath( response.url() )
				)
			),
			page.goto( DASHBOARD_URL ),
		] );
		const report = await earningsResponse.json();
		await page
			.locator( '.afflux-totals tr[data-currency="EUR"]' )
			.waitFor();

		// What the network itself reports for the same days.
		const start = new Date( `${ report.range.from }T00:00:00Z` );
		const dayAfter = new Date(
			Date.parse( `${ report.range.to }T00:00:00Z` ) + 86_400_000 - 1000
		);
		const transactions = await sandboxTransactions(
			sandbox.url,
			PUBLISHER_ID,
			API_TOKEN,
			start,
			new Date( Math.min( Date.now(), dayAfter.getTime() ) )
		);
		const expected = balancesOf( transactions );
		expect( expected.count ).toBeGreaterThan( 10 );

		expect(
			await rowFigures(
				page,
				'.afflux-totals tr[data-currency="EUR"]',
				1
			)
		).toEqual( expected );
		expect( report.totals ).toEqual( [
			{ key: '', currency: 'EUR', ...expected },
		] );

		// The post table credits each post with its own card's transactions.
		for ( const post of posts ) {
			const own = balancesOf( withSubId( transactions, post.subId ) );
			expect( own.count ).toBeGreaterThan( 0 );
			const row = `.afflux-by-post tr[data-post-id="${ post.postId }"]`;
			expect( await rowFigures( page, row, null ) ).toEqual( {
				...own,
				count: 0,
			} );
			expect(
				report.by_block.find(
					( block: { post_id: number } ) =>
						block.post_id === post.postId
				)
			).toMatchObject( {
				placement_id: post.placementId,
				...own,
			} );
		}
		const foreign = balancesOf( withSubId( transactions, 'newsletter' ) );
		expect(
			await rowFigures(
				page,
				'.afflux-by-post tr[data-post-id="0"]',
				null
			)
		).toEqual( { ...foreign, count: 0 } );

		// The CSV export holds the same transactions, each with its sub id.
		const csvHref = await page
			.locator( '.afflux-earnings-filters a.components-button' )
			.getAttribute( 'href' );
		const csv = await page.request.get( csvHref ?? '' );
		expect( csv.status() ).toBe( 200 );
		expect( csv.headers()[ 'content-type' ] ).toContain( 'text/csv' );
		const lines = ( await csv.text() ).trim().split( '\n' ).slice( 1 );
		expect( lines ).toHaveLength( expected.count );
		expect(
			lines.filter( ( line ) => line.includes( `,${ first.subId },` ) )
		).toHaveLength( withSubId( transactions, first.subId ).length );

		expect( await axeViolations( page, '#afflux-admin-app' ) ).toEqual(
			[]
		);
		await page.screenshot( {
			path: screenshotPath( 'admin-earnings-fr.png' ),
			fullPage: true,
		} );

		// No credential in any page or REST answer the admin received.
		await Promise.all( reading );
		const bodies = captured.filter( ( entry ) => entry.body !== '' );
		expect(
			bodies.filter( ( entry ) =>
				entry.url.includes( 'page=afflux-settings' )
			).length
		).toBeGreaterThan( 0 );
		expect(
			bodies.filter( ( entry ) => /page=afflux(&|$)/.test( entry.url ) )
				.length
		).toBeGreaterThan( 0 );
		for ( const route of [
			'/afflux/v1/settings',
			'/afflux/v1/sync-health',
			'/afflux/v1/earnings',
		] ) {
			expect(
				bodies.some( ( entry ) => entry.url.includes( route ) )
			).toBe( true );
		}
		expect(
			bodies
				.filter( ( entry ) => entry.body.includes( API_TOKEN ) )
				.map( ( entry ) => entry.url )
		).toEqual( [] );
	} );
} );
