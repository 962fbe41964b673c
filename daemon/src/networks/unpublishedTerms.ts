import type { ProgrammeTerms } from './types';

/** What every network's programme list gives: who the programme is, and whether it deep-links. */
type KnownTerms = Pick<
	ProgrammeTerms,
	'programmeId' | 'name' | 'currency' | 'deeplinkEnabled' | 'raw'
> &
	Partial< ProgrammeTerms >;

/**
 * A programme's terms from a network whose API does not publish the commission, cookie and
 * validation terms: those stay unknown (NULL in the cache) unless the adapter knows one (a
 * documented cookie length, the deep-link domains).
 */
export function withUnpublishedTerms( known: KnownTerms ): ProgrammeTerms {
	return {
		validDomains: [],
		commissionType: null,
		commissionMin: null,
		commissionMax: null,
		cookieDays: null,
		validationDays: null,
		approvalRateBp: null,
		epcMinor: null,
		...known,
	};
}
