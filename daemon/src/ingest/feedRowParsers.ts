import {
	AWIN_FEED_ROW_FORMAT,
	parseAwinFeedRow,
} from '../networks/awin/feedRow';
import type { CatalogueItem } from '../networks/types';

export interface FeedRowParser {
	/** Throws FeedRowError naming the field of a bad row. */
	parse: ( row: Record< string, string > ) => CatalogueItem;
	/** The column whose trimmed value is the item's productKey. */
	keyColumn: string;
	/** The column whose trimmed value is the item's programmeId. */
	programmeColumn: string;
	/** Changes whenever parse reads the same record differently (part of every content hash). */
	version: number;
}

// The row parsers the feed parser worker can run, by name: a function cannot be sent to a
// worker, a name can.
export const FEED_ROW_PARSERS = {
	awin: { parse: parseAwinFeedRow, ...AWIN_FEED_ROW_FORMAT },
} satisfies Record< string, FeedRowParser >;

export type FeedRowParserName = keyof typeof FEED_ROW_PARSERS;
