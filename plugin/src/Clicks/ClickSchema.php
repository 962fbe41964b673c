<?php
/**
 * The click tables in WordPress's database.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

/**
 * {prefix}afflux_clicks holds one row per click (no IP, no user agent, no cookie);
 * {prefix}afflux_click_days the daily totals per placement kept after the raw rows are purged.
 * click_uid identifies a spooled click (the id its spool record carries, see ClickSpool; for a
 * record of an earlier version, its batch and line) so a record drained twice adds nothing;
 * clicks written directly leave it NULL.
 * Created or upgraded with dbDelta when the stored version differs.
 */
final class ClickSchema {

	public const VERSION = '2';

	public const VERSION_OPTION = 'afflux_clicks_db_version';

	/**
	 * The raw click table's name.
	 */
	public static function clicks_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'afflux_clicks';
	}

	/**
	 * The daily totals table's name.
	 */
	public static function days_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'afflux_click_days';
	}

	/**
	 * Creates or upgrades the tables when the stored version is not this one.
	 */
	public static function ensure(): void {
		if ( self::VERSION === get_option( self::VERSION_OPTION ) ) {
			return;
		}
		self::install();
	}

	/**
	 * Creates or upgrades the tables.
	 */
	public static function install(): void {
		global $wpdb;
		require_once constant( 'ABSPATH' ) . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		$clicks  = self::clicks_table();
		$days    = self::days_table();

		dbDelta(
			"CREATE TABLE {$clicks} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  clicked_at datetime NOT NULL,
  post_id bigint(20) unsigned NOT NULL DEFAULT 0,
  placement_id varchar(16) NOT NULL DEFAULT '',
  product_id bigint(20) unsigned NOT NULL DEFAULT 0,
  network varchar(32) NOT NULL DEFAULT '',
  outcome varchar(16) NOT NULL DEFAULT '',
  referrer_host varchar(191) NOT NULL DEFAULT '',
  device varchar(8) NOT NULL DEFAULT '',
  is_bot tinyint(1) NOT NULL DEFAULT 0,
  visitor_key varchar(16) NOT NULL DEFAULT '',
  click_uid varchar(40) DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY click_uid (click_uid),
  KEY clicked_at (clicked_at),
  KEY placement (post_id,placement_id)
) {$charset};
CREATE TABLE {$days} (
  day date NOT NULL,
  post_id bigint(20) unsigned NOT NULL,
  placement_id varchar(16) NOT NULL,
  product_id bigint(20) unsigned NOT NULL,
  network varchar(32) NOT NULL,
  clicks int(10) unsigned NOT NULL DEFAULT 0,
  bot_clicks int(10) unsigned NOT NULL DEFAULT 0,
  visitors int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (day,post_id,placement_id,product_id,network),
  KEY post_day (post_id,day)
) {$charset};"
		);
		update_option( self::VERSION_OPTION, self::VERSION, true );
	}
}
