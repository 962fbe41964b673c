<?php
/**
 * The table of placements: which post shows which product.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

/**
 * {prefix}afflux_placements: one row per product link of a post (card, list row, banner, inline
 * link), written on save, so the purge job finds the posts of a changed product with one
 * indexed query instead of reading every post. Created or upgraded with dbDelta when the
 * stored version differs.
 */
final class PlacementSchema {

	public const VERSION = '1';

	public const VERSION_OPTION = 'afflux_placements_db_version';

	/**
	 * The table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'afflux_placements';
	}

	/**
	 * Creates or upgrades the table when the stored version is not this one.
	 */
	public static function ensure(): void {
		if ( self::VERSION === get_option( self::VERSION_OPTION ) ) {
			return;
		}
		self::install();
	}

	/**
	 * Creates or upgrades the table.
	 */
	public static function install(): void {
		global $wpdb;
		require_once constant( 'ABSPATH' ) . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$table} (
  post_id bigint(20) unsigned NOT NULL,
  placement_id varchar(16) NOT NULL,
  block_name varchar(64) NOT NULL,
  product_id bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (post_id,placement_id,product_id),
  KEY product_id (product_id)
) {$charset};"
		);
		update_option( self::VERSION_OPTION, self::VERSION, true );
	}
}
