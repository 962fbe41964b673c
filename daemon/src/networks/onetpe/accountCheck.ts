import type { AccountCheck } from '../types';
import {
	buildOnetpeLinkTemplate,
	onetpeProgrammeId,
	type OnetpeAccount,
} from './index';

// 1TPE has no affiliate API: what can be checked is local, that every configured product
// gives a link by the documented pattern. Imports are the doctor's (they live in the cache).
export function checkOnetpeAccount( account: OnetpeAccount ): AccountCheck[] {
	if ( account.products.length === 0 ) {
		return [
			{
				check: 'links',
				ok: false,
				message:
					'No product in networks.onetpe.products: add each product you promote (vendorLogin and productNo, from its 1TPE affiliate link) so its link can be built.',
			},
		];
	}
	const problems: string[] = [];
	let example = '';
	for ( const product of account.products ) {
		try {
			example ||= buildOnetpeLinkTemplate(
				account.affiliateLogin,
				onetpeProgrammeId( product )
			).template;
		} catch ( error ) {
			problems.push( ( error as Error ).message );
		}
	}
	return problems.length > 0
		? [ { check: 'links', ok: false, message: problems.join( ' ' ) } ]
		: [
				{
					check: 'links',
					ok: true,
					message: `${ account.products.length } product links by the documented pattern, e.g. ${ example }.`,
				},
		  ];
}
