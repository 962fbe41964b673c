<?php
/**
 * Render benchmark: a post with 50 product cards and a 20-row comparison table (chosen products)
 * against the same post without Afflux blocks; then the same with the table filled by a saved
 * query instead, which costs one more cache query per list (by design: the query is resolved at
 * each page view).
 *
 * Prints the plugin's added server time per page view (median and p95 over many renders, each
 * with a fresh cache connection and batch loader, as a new request would have), the number of
 * cache queries and the machine's load average. Target: ≤ 5 ms added, one query. Prints figures
 * only; asserts nothing.
 *
 *   AFFLUX_ENV=h4 AFFLUX_PORT_BASE=8900 bash tests/env/with-env.sh php tests/bench/render-cards.php [renders]
 *
 * @package Afflux
 */

declare(strict_types=1);

use Afflux\Blocks\PlacedProducts;
use Afflux\Blocks\PriceFreshness;
use Afflux\Blocks\ProductCardRenderer;
use Afflux\Blocks\ProductListRenderer;
use Afflux\Cache\CacheConnection;
use Afflux\Cache\CacheStatusLog;
use Afflux\Cache\ProductRepository;
use Afflux\DeepLinks\LandingPagePolicy;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Money\PriceFormatter;
use Afflux\Settings\Settings;

// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.DB.RestrictedClasses.mysql__PDO, WordPress.Security.EscapeOutput.OutputNotEscaped, WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedVariableFound, WordPress.PHP.DiscouragedPHPFunctions.system_calls_shell_exec -- a CLI benchmark.

require dirname( __DIR__ ) . '/php/bootstrap.php';

$renders    = max( 10, (int) ( $argv[1] ?? 200 ) );
$settings   = new Settings();
$cache_path = $settings->cache_path();

$reader  = new PDO( 'sqlite:' . $cache_path, null, null, array( PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION ) );
$all_ids = $reader->query( "SELECT p.id FROM products p JOIN offers o ON o.product_id = p.id WHERE p.status = 'active' GROUP BY p.id ORDER BY p.id LIMIT 70" )->fetchAll( PDO::FETCH_COLUMN );
$reader  = null;
if ( count( $all_ids ) < 70 ) {
	fwrite( STDERR, "The cache at $cache_path holds fewer than 70 products: sync the sandbox catalogue first.\n" );
	exit( 1 );
}
$ids      = array_slice( $all_ids, 0, 50 );
$list_ids = array_map( 'intval', array_slice( $all_ids, 50, 20 ) );

$prose = '';
for ( $i = 0; $i < 10; $i++ ) {
	$prose .= "<!-- wp:paragraph -->\n<p>Paragraphe " . $i . " : nos essais, nos mesures et notre avis, en toute transparence.</p>\n<!-- /wp:paragraph -->\n\n";
}
$cards = '';
foreach ( $ids as $index => $product_id ) {
	$cards .= '<!-- wp:afflux/product-card ' . serialize_block_attributes(
		array(
			'productId'   => (int) $product_id,
			'placementId' => 'bench' . $index,
			'snapshot'    => array(
				'title' => 'Produit ' . $product_id,
				'url'   => 'https://www.example.com/' . $product_id,
			),
		)
	) . " /-->\n\n";
}

$chosen_list = '<!-- wp:afflux/product-list ' . serialize_block_attributes(
	array(
		'placementId' => 'benchlist',
		'productIds'  => $list_ids,
		'columns'     => ProductListRenderer::COLUMNS,
	)
) . " /-->\n\n";
$query_list  = '<!-- wp:afflux/product-list ' . serialize_block_attributes(
	array(
		'placementId' => 'benchquery',
		'source'      => 'query',
		'queryLimit'  => 20,
		'columns'     => ProductListRenderer::COLUMNS,
	)
) . " /-->\n\n";

$with_afflux = (int) wp_insert_post(
	array(
		'post_title'   => 'Bench: 50 cartes et un tableau',
		'post_status'  => 'publish',
		'post_content' => wp_slash( $prose . $cards . $chosen_list ),
	)
);
$with_query  = (int) wp_insert_post(
	array(
		'post_title'   => 'Bench: 50 cartes et un top 20',
		'post_status'  => 'publish',
		'post_content' => wp_slash( $prose . $cards . $query_list ),
	)
);
$without     = (int) wp_insert_post(
	array(
		'post_title'   => 'Bench: sans Afflux',
		'post_status'  => 'publish',
		'post_content' => wp_slash( $prose ),
	)
);

/**
 * Renders a post's content as a theme does, with fresh Afflux renderers (a new request).
 *
 * @param int      $post_id  Post.
 * @param Settings $settings Settings.
 * @param string   $path     Cache file.
 * @return array{0: float, 1: int, 2: string} Milliseconds, cache queries, HTML.
 */
function afflux_bench_render( int $post_id, Settings $settings, string $path ): array {
	$repository = new ProductRepository( new CacheConnection( $path, new CacheStatusLog() ) );
	$placed     = new PlacedProducts( $repository );
	$freshness  = new PriceFreshness( $settings );
	$renderers  = array(
		ProductCardRenderer::BLOCK_NAME => new ProductCardRenderer( $placed, new TrackingLinkBuilder(), new PriceFormatter(), $settings, new LandingPagePolicy(), $freshness ),
		ProductListRenderer::BLOCK_NAME => new ProductListRenderer( $placed, new TrackingLinkBuilder(), new PriceFormatter(), $settings, $freshness ),
	);
	foreach ( $renderers as $name => $renderer ) {
		$type = WP_Block_Type_Registry::get_instance()->get_registered( $name );
		if ( null === $type ) {
			fwrite( STDERR, "$name is not registered: build the blocks (npm run build:blocks).\n" );
			exit( 1 );
		}
		$type->render_callback = array( $renderer, 'render' );
	}
	// The running plugin's own loader is replaced by this request's one.
	remove_all_filters( 'the_content', PlacedProducts::PREFETCH_PRIORITY );
	add_filter( 'the_content', array( $placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );

	$GLOBALS['post'] = get_post( $post_id ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the loop of a page view.
	setup_postdata( $GLOBALS['post'] );
	$content = (string) get_post_field( 'post_content', $post_id );

	$start = hrtime( true );
	// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
	$html    = (string) apply_filters( 'the_content', $content );
	$elapsed = ( hrtime( true ) - $start ) / 1e6;
	return array( $elapsed, $repository->query_count(), $html );
}

/**
 * The value at quantile $q of sorted $values.
 *
 * @param float[] $values Sorted values.
 * @param float   $q      Quantile, 0 to 1.
 */
function afflux_bench_quantile( array $values, float $q ): float {
	return $values[ (int) min( count( $values ) - 1, floor( $q * count( $values ) ) ) ];
}

// Warm up opcache, translations and WordPress's own caches for every post.
afflux_bench_render( $with_afflux, $settings, $cache_path );
afflux_bench_render( $with_query, $settings, $cache_path );
afflux_bench_render( $without, $settings, $cache_path );

$times   = array(
	'with'    => array(),
	'query'   => array(),
	'without' => array(),
);
$queries = array(
	'with'  => array(),
	'query' => array(),
);
$load    = sys_getloadavg();
for ( $i = 0; $i < $renders; $i++ ) {
	// Alternate, so drift on the machine affects every side alike.
	$run                = afflux_bench_render( $with_afflux, $settings, $cache_path );
	$times['with'][]    = $run[0];
	$queries['with'][]  = $run[1];
	$html               = $run[2];
	$run                = afflux_bench_render( $with_query, $settings, $cache_path );
	$times['query'][]   = $run[0];
	$queries['query'][] = $run[1];
	$query_html         = $run[2];
	$run                = afflux_bench_render( $without, $settings, $cache_path );
	$times['without'][] = $run[0];
}
$load_after     = sys_getloadavg();
$cards_rendered = substr_count( $html, 'afflux-card__title' );
$rows_rendered  = substr_count( $html, '<tr class="afflux-list__row' );
$query_rows     = substr_count( $query_html, '<tr class="afflux-list__row' );

wp_delete_post( $with_afflux, true );
wp_delete_post( $with_query, true );
wp_delete_post( $without, true );

foreach ( $times as &$series ) {
	sort( $series );
}
unset( $series );
$median_with    = afflux_bench_quantile( $times['with'], 0.5 );
$median_query   = afflux_bench_quantile( $times['query'], 0.5 );
$median_without = afflux_bench_quantile( $times['without'], 0.5 );

printf( "render benchmark: %d renders each (median of all), cache %s\n", $renders, $cache_path );
printf( "  load average before: %.2f %.2f %.2f, after: %.2f %.2f %.2f (%d CPUs)\n", $load[0], $load[1], $load[2], $load_after[0], $load_after[1], $load_after[2], (int) shell_exec( 'nproc' ) );
printf( "  50 cards + 20-row table (chosen):  median %.2f ms, p95 %.2f ms (%d cards, %d rows rendered)\n", $median_with, afflux_bench_quantile( $times['with'], 0.95 ), $cards_rendered, $rows_rendered );
printf( "  50 cards + top-20 (saved query):   median %.2f ms, p95 %.2f ms (%d rows rendered)\n", $median_query, afflux_bench_quantile( $times['query'], 0.95 ), $query_rows );
printf( "  same post without Afflux:          median %.2f ms, p95 %.2f ms\n", $median_without, afflux_bench_quantile( $times['without'], 0.95 ) );
printf( "  added by Afflux (chosen table):    median %.2f ms (target <= 5 ms), %.3f ms per card or row\n", $median_with - $median_without, ( $median_with - $median_without ) / 70 );
printf( "  added by Afflux (saved query):     median %.2f ms\n", $median_query - $median_without );
printf( "  cache queries per page view: chosen table min %d max %d (target 1); saved query min %d max %d (1 + 1 per list)\n", min( $queries['with'] ), max( $queries['with'] ), min( $queries['query'] ), max( $queries['query'] ) );
