import { parseAwinFeedRow } from '../networks/awin/feedRow';
import type { CatalogueItem } from '../networks/types';

// The row parsers the feed parser worker can run, by name: a function cannot be sent to a
// worker, a name can. Each throws FeedRowError naming the field of a bad row.
export const FEED_ROW_PARSERS = {
	awin: parseAwinFeedRow,
} satisfies Record<
	string,
	( row: Record< string, string > ) => CatalogueItem
>;

export type FeedRowParserName = keyof typeof FEED_ROW_PARSERS;
