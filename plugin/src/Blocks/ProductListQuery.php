<?php
/**
 * A product list's saved query, validated from its block attributes.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\ProductSearchFilters;

/**
 * "Top N by commission / lowest price, in a category / merchant / network": the list block's
 * query attributes, each checked, so a hand-edited post cannot feed the cache read anything
 * else than these few known shapes.
 */
final class ProductListQuery {

	public const ORDERS = array( ProductSearchFilters::SORT_COMMISSION, ProductSearchFilters::SORT_PRICE );

	public const MAX_LIMIT = 20;

	/**
	 * Network names and programme ids: the daemon's identifiers.
	 */
	private const ID_PATTERN = '/^[A-Za-z0-9_.-]{1,64}$/';

	/**
	 * Builds a query from checked values.
	 *
	 * @param string $orderby      commission | price.
	 * @param string $network      Network name, '' for any.
	 * @param string $programme_id Merchant (programme id), '' for any.
	 * @param string $category     Category, '' for any.
	 * @param int    $limit        1 to MAX_LIMIT.
	 */
	private function __construct(
		public readonly string $orderby,
		public readonly string $network,
		public readonly string $programme_id,
		public readonly string $category,
		public readonly int $limit
	) {
	}

	/**
	 * The query held by list attributes; unknown or malformed values fall back to "any" and to
	 * the defaults (commission, 5 products).
	 *
	 * @param array<string, mixed> $attributes queryOrderby, queryNetwork, queryMerchant, queryCategory, queryLimit.
	 */
	public static function from_attributes( array $attributes ): self {
		$orderby = $attributes['queryOrderby'] ?? '';
		$limit   = isset( $attributes['queryLimit'] ) && is_numeric( $attributes['queryLimit'] ) ? (int) $attributes['queryLimit'] : 5;
		return new self(
			in_array( $orderby, self::ORDERS, true ) ? (string) $orderby : ProductSearchFilters::SORT_COMMISSION,
			self::identifier( $attributes['queryNetwork'] ?? '' ),
			self::identifier( $attributes['queryMerchant'] ?? '' ),
			self::category( $attributes['queryCategory'] ?? '' ),
			max( 1, min( self::MAX_LIMIT, $limit ) )
		);
	}

	/**
	 * The repository filters for this query.
	 */
	public function filters(): ProductSearchFilters {
		return new ProductSearchFilters( $this->network, $this->programme_id, true, $this->orderby );
	}

	/**
	 * A key that is the same for equal queries, so one page reads each query once.
	 */
	public function key(): string {
		return implode( "\n", array( $this->orderby, $this->network, $this->programme_id, $this->category, (string) $this->limit ) );
	}

	/**
	 * A network or programme id, '' when absent or malformed.
	 *
	 * @param mixed $value Attribute value.
	 */
	private static function identifier( $value ): string {
		return is_string( $value ) && 1 === preg_match( self::ID_PATTERN, $value ) ? $value : '';
	}

	/**
	 * A category name: plain text, at most 100 characters.
	 *
	 * @param mixed $value Attribute value.
	 */
	private static function category( $value ): string {
		if ( ! is_string( $value ) ) {
			return '';
		}
		$category = trim( wp_strip_all_tags( $value ) );
		return mb_strlen( $category ) <= 100 ? $category : '';
	}
}
