/**
 * External dependencies
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * The axe violations inside the elements matching $selector, as short readable lines (rule,
 * impact, first offending element), so a failing test says what to fix.
 *
 * @param page     Browser page.
 * @param selector CSS selector of the part of the page to check.
 */
export async function axeViolations(
	page: Page,
	selector: string
): Promise< string[] > {
	const results = await new AxeBuilder( { page } )
		.include( selector )
		.analyze();
	return results.violations.map(
		( violation ) =>
			`${ violation.id } (${ violation.impact ?? 'unknown' }): ${
				violation.nodes[ 0 ]?.html ?? ''
			}`
	);
}
