<?php
/**
 * The files Afflux writes outside its own folder, removed when the plugin is deleted.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Uninstall;

use Afflux\Clicks\ClickSpool;
use Afflux\Redirect\EarlyDropIn;
use Afflux\Redirect\EarlyPluginInstaller;
use Afflux\Redirect\LinkTargetMemo;
use Afflux\Redirect\PlacementIndex;
use Afflux\Redirect\StandaloneRedirect;

/**
 * The /go/ paths keep files in wp-content (the placement index, the link memo, the click spool
 * and its salts, go.php's and the drop-in's configurations) and may install a must-use plugin
 * and a db.php drop-in (removed only when it is Afflux's own). Deleting the plugin
 * drops the click tables, so these go too; the daemon's cache is not Afflux's to delete here.
 */
final class WrittenFiles {

	/**
	 * Removes every one of them; what is already gone is skipped.
	 *
	 * @param string $content_dir   WP_CONTENT_DIR.
	 * @param string $mu_plugin_dir WPMU_PLUGIN_DIR.
	 */
	public static function remove( string $content_dir, string $mu_plugin_dir ): void {
		foreach ( array( ClickSpool::DIR, LinkTargetMemo::DIR, PlacementIndex::DIR ) as $folder ) {
			self::remove_folder( $content_dir . '/' . $folder );
		}
		foreach ( array( $content_dir . '/' . StandaloneRedirect::CONFIG_FILE, $content_dir . '/' . EarlyDropIn::CONFIG_FILE, $mu_plugin_dir . '/' . EarlyPluginInstaller::FILE ) as $file ) {
			if ( is_file( $file ) ) {
				wp_delete_file( $file );
			}
		}
		$drop_in = $content_dir . '/' . EarlyDropIn::FILE;
		$source  = is_file( $drop_in ) ? file_get_contents( $drop_in ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		if ( is_string( $source ) && EarlyDropIn::is_ours( $source ) ) {
			wp_delete_file( $drop_in );
		}
	}

	/**
	 * Deletes a folder Afflux made, with its files (dot files included: the deny rule).
	 *
	 * @param string $folder The folder.
	 */
	private static function remove_folder( string $folder ): void {
		if ( ! is_dir( $folder ) || is_link( $folder ) ) {
			return;
		}
		foreach ( (array) glob( $folder . '/{,.}*', GLOB_BRACE ) as $file ) {
			if ( is_string( $file ) && is_file( $file ) ) {
				wp_delete_file( $file );
			}
		}
		rmdir( $folder ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_rmdir -- the plugin's own, now empty, folder.
	}
}
