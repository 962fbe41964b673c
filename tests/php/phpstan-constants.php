<?php
/**
 * Constants the main plugin file defines at run time, declared for PHPStan only.
 *
 * @package Afflux
 */

define( 'AFFLUX_VERSION', '0.1.0' );
define( 'AFFLUX_FILE', __DIR__ . '/../../plugin/afflux.php' );
define( 'AFFLUX_DIR', __DIR__ . '/../../plugin/' );
define( 'WP_CONTENT_DIR', '/srv/wordpress/wp-content' );
