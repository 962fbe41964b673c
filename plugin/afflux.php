<?php
/**
 * Plugin Name:       Afflux
 * Description:       Tracked affiliate product cards, lists and banners, rendered from a local cache that the Afflux daemon syncs from the affiliate networks.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Afflux
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       afflux
 * Domain Path:       /languages
 *
 * @package Afflux
 */

declare(strict_types=1);

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'AFFLUX_VERSION', '0.1.0' );
define( 'AFFLUX_FILE', __FILE__ );
define( 'AFFLUX_DIR', plugin_dir_path( __FILE__ ) );

require_once __DIR__ . '/autoload.php';

// The options the early check below reads are stored autoloaded, so reading them costs no query,
// and the placement index it reads is caught up with posts changed while the plugin was off.
register_activation_hook(
	__FILE__,
	static function (): void {
		\Afflux\Redirect\EarlyOptions::ensure();
		\Afflux\Redirect\PlacementIndexWriter::rebuild();
	}
);

// A cloaked link (/go/…) is answered here, before the rest of the plugins and the theme load.
\Afflux\Redirect\GoRedirect::answer_early();

\Afflux\Plugin::boot();
