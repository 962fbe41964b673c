<?php
/**
 * The no-WordPress /go/ entry point. A server rule (plugin/server-snippets/) sends
 * /{prefix}/… here; known links are answered without loading WordPress, anything else is
 * handed to WordPress's index.php, so the theme's 404 and every other page stay WordPress's.
 *
 * @package Afflux
 */

declare(strict_types=1);

require __DIR__ . '/autoload.php';

// Required at file scope: WordPress's wp-config.php and wp-settings.php need global scope.
$afflux_wordpress_index = \Afflux\Redirect\StandaloneRedirect::answer( $_SERVER );
require $afflux_wordpress_index;
