/**
 * External dependencies
 */
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';

// Debian's Chromium; a test tool's own browser download cannot work on these machines.
const CHROMIUM_PATH = process.env.AFFLUX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise< Browser > {
	return chromium.launch( {
		executablePath: CHROMIUM_PATH,
		headless: true,
		chromiumSandbox: false,
		args: [
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	} );
}

/**
 * Answers Awin's tracking host from the sandbox network, as if the reader's browser reached
 * www.awin1.com: the sandbox's cread.php redirects to the landing page like Awin does.
 *
 * @param context    Browser context whose requests are routed.
 * @param sandboxUrl Base URL of the sandbox network.
 * @param seen       Receives every tracking URL the browser asked for.
 */
export async function routeAwinToSandbox(
	context: BrowserContext,
	sandboxUrl: string,
	seen: URL[]
): Promise< void > {
	await context.route( 'https://www.awin1.com/**', async ( route ) => {
		const requested = new URL( route.request().url() );
		seen.push( requested );
		const response = await route.fetch( {
			url: `${ sandboxUrl }${ requested.pathname }${ requested.search }`,
			maxRedirects: 0,
		} );
		await route.fulfill( { response } );
	} );
}
