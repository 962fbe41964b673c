<?php
/**
 * The placement id of one row of a product list.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Links\SubId;

/**
 * Each row of a list links with a sub id of its own, so earnings say which row sold: the list's
 * placement id (first 13 characters) + "r" + the row number. It stays within the placement
 * alphabet SubId accepts and parses back ([A-Za-z0-9], at most 16), so the whole sub id is
 * p{post}_{id} of at most 37 characters.
 */
final class RowPlacementId {

	/**
	 * Most rows a list renders (two digits).
	 */
	public const MAX_ROWS = 50;

	/**
	 * The row's placement id; '' when the list has no valid placement id (the sub id is then p{post}).
	 *
	 * @param string $list_placement_id The list's placementId attribute.
	 * @param int    $row               Row number, from 1.
	 */
	public static function for_row( string $list_placement_id, int $row ): string {
		if ( 1 !== preg_match( SubId::PLACEMENT_PATTERN, $list_placement_id ) || $row < 1 || $row > self::MAX_ROWS ) {
			return '';
		}
		return substr( $list_placement_id, 0, 13 ) . 'r' . $row;
	}
}
