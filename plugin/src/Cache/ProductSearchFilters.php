<?php
/**
 * What the editor's product picker narrows a catalogue search to, and how it orders it.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * Filters and sort order of a catalogue search. Values come from validated REST args; this class
 * still refuses unknown sort orders so a caller cannot reach SQL with one.
 */
final class ProductSearchFilters {

	public const SORT_RELEVANCE  = 'relevance';
	public const SORT_COMMISSION = 'commission';
	public const SORT_PRICE      = 'price';

	public const SORTS = array( self::SORT_RELEVANCE, self::SORT_COMMISSION, self::SORT_PRICE );

	/**
	 * Builds the filters.
	 *
	 * @param string $network      Only this network ('' for all).
	 * @param string $programme_id Only this merchant's programme ('' for all).
	 * @param bool   $in_stock     Only products with an offer in stock.
	 * @param string $sort         One of SORTS; relevance when unknown.
	 */
	public function __construct(
		public readonly string $network = '',
		public readonly string $programme_id = '',
		public readonly bool $in_stock = false,
		public readonly string $sort = self::SORT_RELEVANCE
	) {
	}

	/**
	 * The sort order, relevance for anything unknown.
	 */
	public function sort(): string {
		return in_array( $this->sort, self::SORTS, true ) ? $this->sort : self::SORT_RELEVANCE;
	}
}
