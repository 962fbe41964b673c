<?php
/**
 * Creates (once) the demo post: a short French article with an Afflux product card for the
 * first product of the synced catalogue. Prints the post's URL.
 *
 * @package Afflux
 */

declare(strict_types=1);

$afflux_url           = (string) getenv( 'AFFLUX_WP_URL' );
$_SERVER['HTTP_HOST'] = (string) parse_url( $afflux_url, PHP_URL_HOST ) . ':' . (string) parse_url( $afflux_url, PHP_URL_PORT );
require getenv( 'AFFLUX_WP_ROOT' ) . '/wp-load.php';

$afflux_existing = get_page_by_path( 'demo-afflux', OBJECT, 'post' );
if ( $afflux_existing instanceof WP_Post ) {
	echo esc_url_raw( (string) get_permalink( $afflux_existing ) ), "\n";
	exit( 0 );
}

// Ask the plugin's own REST route, as the editor would, for a product to show.
wp_set_current_user( 1 );
$afflux_response = rest_do_request( new WP_REST_Request( 'GET', '/afflux/v1/products' ) );
$afflux_products = $afflux_response->get_data();
if ( $afflux_response->is_error() || ! is_array( $afflux_products ) || array() === $afflux_products ) {
	fwrite( STDERR, "afflux: the catalogue is empty, the demo post has no product to show\n" );
	exit( 1 );
}
$afflux_product = $afflux_products[0];

$afflux_block = sprintf(
	'<!-- wp:afflux/product-card %s /-->',
	wp_json_encode(
		array(
			'productId'   => (int) $afflux_product['id'],
			'placementId' => 'demo1',
			'snapshot'    => array(
				'title' => (string) $afflux_product['title'],
				'url'   => (string) $afflux_product['landing_url'],
			),
		),
		JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT
	)
);

$afflux_post_id = wp_insert_post(
	array(
		'post_title'   => 'Notre sélection du moment',
		'post_name'    => 'demo-afflux',
		'post_status'  => 'publish',
		'post_content' => "<!-- wp:paragraph -->\n<p>Voici le produit que nous recommandons cette semaine.</p>\n<!-- /wp:paragraph -->\n\n" . $afflux_block,
	),
	true
);
if ( is_wp_error( $afflux_post_id ) ) {
	fwrite( STDERR, 'afflux: the demo post could not be created: ' . $afflux_post_id->get_error_message() . "\n" );
	exit( 1 );
}
echo esc_url_raw( (string) get_permalink( $afflux_post_id ) ), "\n";
