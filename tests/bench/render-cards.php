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
use Afflux\Cache\Product;
use Afflux\Links\PlacementHref;
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
 * Wraps every callback of $hook_name not wrapped yet so that it adds its own time to
 * $GLOBALS['afflux_bench_stages'][ label ]; apply_filters() still runs them, in the same order
 * and with current_filter() set, as a page view would. With $timed false, puts the original
 * callbacks back: the headline renders run without these wrappers, whose own cost grows with
 * the number of blocks and so would count as time added by Afflux.
 *
 * @param string $hook_name Hook name.
 * @param bool   $timed     Whether to wrap (true) or unwrap (false).
 */
function afflux_bench_instrument( string $hook_name, bool $timed = true ): void {
	static $wrapped = array(); // Wrapper id => [wrapper, original]; the wrapper is kept so its id is never reused.
	$hook           = $GLOBALS['wp_filter'][ $hook_name ] ?? null;
	if ( ! $hook instanceof WP_Hook ) {
		return;
	}
	foreach ( $hook->callbacks as $priority => $callbacks ) {
		foreach ( $callbacks as $key => $callback ) {
			$function   = $callback['function'];
			$is_wrapper = $function instanceof Closure && isset( $wrapped[ spl_object_id( $function ) ] );
			if ( ! $timed ) {
				if ( $is_wrapper ) {
					$hook->callbacks[ $priority ][ $key ]['function'] = $wrapped[ spl_object_id( $function ) ][1];
				}
				continue;
			}
			if ( $is_wrapper ) {
				continue;
			}
			$label                                       = $hook_name . ': ' . afflux_bench_callback_name( $function );
			$timed_callback                              = static function ( ...$args ) use ( $function, $label ) {
				$start                                    = hrtime( true );
				$result                                   = $function( ...$args );
				$GLOBALS['afflux_bench_stages'][ $label ] = ( $GLOBALS['afflux_bench_stages'][ $label ] ?? 0 ) + ( hrtime( true ) - $start ) / 1e6;
				return $result;
			};
			$wrapped[ spl_object_id( $timed_callback ) ] = array( $timed_callback, $function );
			$hook->callbacks[ $priority ][ $key ]['function'] = $timed_callback;
		}
	}
}

/**
 * A callback's readable name.
 *
 * @param mixed $function A callable.
 */
function afflux_bench_callback_name( $function ): string {
	if ( is_string( $function ) ) {
		return $function;
	}
	if ( is_array( $function ) && isset( $function[0], $function[1] ) ) {
		$class = is_object( $function[0] ) ? get_class( $function[0] ) : (string) $function[0];
		return preg_replace( '/^.*\\\\/', '', $class ) . '::' . $function[1];
	}
	return 'closure';
}

/**
 * Renders a post's content as a theme does, with fresh Afflux renderers (a new request).
 *
 * @param int      $post_id  Post.
 * @param Settings $settings Settings.
 * @param string   $path     Cache file.
 * @param bool     $timed    Whether to time each stage (the breakdown) rather than only the whole.
 * @return array{0: float, 1: int, 2: string, 3: array<string, float>} Milliseconds, cache queries, HTML, time by stage.
 */
function afflux_bench_render( int $post_id, Settings $settings, string $path, bool $timed = false ): array {
	// Persistent, as Plugin wires it for web requests: the worker's SQLite handle is reused.
	$repository = new ProductRepository( new CacheConnection( $path, new CacheStatusLog(), 200, true ) );
	$placed     = new PlacedProducts( $repository );
	$freshness  = new PriceFreshness( $settings );
	$prices     = new PriceFormatter(); // One per request, shared by the renderers, as Plugin wires it.
	$renderers  = array(
		ProductCardRenderer::BLOCK_NAME => new ProductCardRenderer( $placed, new TrackingLinkBuilder(), $prices, $settings, new LandingPagePolicy(), $freshness ),
		ProductListRenderer::BLOCK_NAME => new ProductListRenderer( $placed, new TrackingLinkBuilder(), $prices, $settings, $freshness ),
	);
	foreach ( $renderers as $name => $renderer ) {
		$type = WP_Block_Type_Registry::get_instance()->get_registered( $name );
		if ( null === $type ) {
			fwrite( STDERR, "$name is not registered: build the blocks (npm run build:blocks).\n" );
			exit( 1 );
		}
		$render                = array( $renderer, 'render' );
		$type->render_callback = ! $timed ? $render : static function ( ...$args ) use ( $render ) {
			$start  = hrtime( true );
			$result = $render( ...$args );
			$GLOBALS['afflux_bench_stages']['afflux block render callbacks'] = ( $GLOBALS['afflux_bench_stages']['afflux block render callbacks'] ?? 0 ) + ( hrtime( true ) - $start ) / 1e6;
			return $result;
		};
	}
	// The running plugin's own loader is replaced by this request's one.
	remove_all_filters( 'the_content', PlacedProducts::PREFETCH_PRIORITY );
	add_filter( 'the_content', array( $placed, 'prefetch_for_content' ), PlacedProducts::PREFETCH_PRIORITY );
	afflux_bench_instrument( 'the_content', $timed );
	afflux_bench_instrument( 'render_block', $timed );

	$GLOBALS['post'] = get_post( $post_id ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the loop of a page view.
	setup_postdata( $GLOBALS['post'] );
	$content = (string) get_post_field( 'post_content', $post_id );

	$GLOBALS['afflux_bench_stages'] = array();
	$start                          = hrtime( true );
	// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WordPress's own filter.
	$html    = (string) apply_filters( 'the_content', $content );
	$elapsed = ( hrtime( true ) - $start ) / 1e6;
	return array( $elapsed, $repository->query_count(), $html, $GLOBALS['afflux_bench_stages'] );
}

/**
 * Milliseconds to open a cache connection and check its schema, then to read the page's
 * products in the one batched query.
 *
 * @param string $path       Cache file.
 * @param int[]  $ids        The placed product ids.
 * @param bool   $persistent Whether the SQLite handle outlives the request (php-fpm).
 * @return array{0: float, 1: float} Open, query.
 */
function afflux_bench_open( string $path, array $ids, bool $persistent ): array {
	$connection = new CacheConnection( $path, new CacheStatusLog(), 200, $persistent );
	$start      = hrtime( true );
	$connection->status();
	$opened = hrtime( true );
	( new ProductRepository( $connection ) )->find_many( $ids );
	return array( ( $opened - $start ) / 1e6, ( hrtime( true ) - $opened ) / 1e6 );
}

/**
 * Milliseconds to build the links of the page's 70 placements with a fresh PlacementHref (as
 * the renderers do, one per request).
 *
 * @param Product[] $products The placed products.
 * @param int       $post_id  Post.
 * @param Settings  $settings Settings.
 */
function afflux_bench_links( array $products, int $post_id, Settings $settings ): float {
	$hrefs = new PlacementHref( new TrackingLinkBuilder() );
	$start = hrtime( true );
	foreach ( $products as $index => $product ) {
		$hrefs->url( $product, $product->landing_url, $post_id, 'bench' . $index, ProductCardRenderer::BLOCK_NAME, array(), $settings->utm_template() );
	}
	return ( hrtime( true ) - $start ) / 1e6;
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
afflux_bench_render( $with_afflux, $settings, $cache_path, true );
afflux_bench_render( $without, $settings, $cache_path, true );

$times           = array(
	'with'          => array(),
	'query'         => array(),
	'without'       => array(),
	'timed with'    => array(),
	'timed without' => array(),
);
$queries         = array(
	'with'  => array(),
	'query' => array(),
);
$stages          = array(
	'with'    => array(),
	'without' => array(),
);
$micro           = array(
	'open'             => array(),
	'query'            => array(),
	'persistent open'  => array(),
	'persistent query' => array(),
	'links'            => array(),
);
$placed_products = array_values( ( new ProductRepository( new CacheConnection( $cache_path, new CacheStatusLog() ) ) )->find_many( $all_ids ) );
$load            = sys_getloadavg();
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
	// The breakdown's renders, each stage timed, apart from the headline ones above.
	$run                                        = afflux_bench_render( $with_afflux, $settings, $cache_path, true );
	$times['timed with'][]                      = $run[0];
	$stages['with'][]                           = $run[3];
	$run                                        = afflux_bench_render( $without, $settings, $cache_path, true );
	$times['timed without'][]                   = $run[0];
	$stages['without'][]                        = $run[3];
	list( $micro['open'][], $micro['query'][] ) = afflux_bench_open( $cache_path, $all_ids, false );
	list( $micro['persistent open'][], $micro['persistent query'][] ) = afflux_bench_open( $cache_path, $all_ids, true );
	$micro['links'][] = afflux_bench_links( $placed_products, $with_afflux, $settings );
}
$load_after     = sys_getloadavg();
$cards_rendered = substr_count( $html, 'afflux-card__title' );
$rows_rendered  = substr_count( $html, '<tr class="afflux-list__row' );
$query_rows     = substr_count( $query_html, '<tr class="afflux-list__row' );

wp_delete_post( $with_afflux, true );
wp_delete_post( $with_query, true );
wp_delete_post( $without, true );

foreach ( $micro as &$series ) {
	sort( $series );
}
unset( $series );
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
printf( "  added by Afflux (chosen table):    median %.2f ms (target <= 5 ms), %.3f ms per card or row, %.1fx the post without Afflux\n", $median_with - $median_without, ( $median_with - $median_without ) / 70, ( $median_with - $median_without ) / $median_without );
printf( "  added by Afflux (saved query):     median %.2f ms\n", $median_query - $median_without );
printf( "  cache queries per page view: chosen table min %d max %d (target 1); saved query min %d max %d (1 + 1 per list)\n", min( $queries['with'] ), max( $queries['with'] ), min( $queries['query'] ), max( $queries['query'] ) );

// The timing wrappers cost time per block, so the breakdown's renders are slower than the
// headline ones, which run without them.
printf( "  breakdown renders (every stage timed): with %.2f ms, without %.2f ms, added %.2f ms (the wrappers' own cost included)\n", afflux_bench_quantile( $times['timed with'], 0.5 ), afflux_bench_quantile( $times['timed without'], 0.5 ), afflux_bench_quantile( $times['timed with'], 0.5 ) - afflux_bench_quantile( $times['timed without'], 0.5 ) );

// Where the added time goes: each stage's median with Afflux minus its median without. Stages
// nest: do_blocks holds the block render callbacks and every render_block filter.
$labels = array();
foreach ( array_merge( $stages['with'], $stages['without'] ) as $run_stages ) {
	$labels += array_flip( array_keys( $run_stages ) );
}
printf( "  breakdown (median ms with Afflux / without / added):\n" );
foreach ( array_keys( $labels ) as $label ) {
	$with_stage    = array_map( static fn ( array $run_stages ): float => $run_stages[ $label ] ?? 0.0, $stages['with'] );
	$without_stage = array_map( static fn ( array $run_stages ): float => $run_stages[ $label ] ?? 0.0, $stages['without'] );
	sort( $with_stage );
	sort( $without_stage );
	$with_median    = afflux_bench_quantile( $with_stage, 0.5 );
	$without_median = afflux_bench_quantile( $without_stage, 0.5 );
	if ( $with_median < 0.005 && $without_median < 0.005 ) {
		continue;
	}
	printf( "    %-60s %6.2f / %6.2f / %+6.2f\n", $label, $with_median, $without_median, $with_median - $without_median );
}
printf( "    of the prefetch and the render callbacks, measured apart:\n" );
printf( "      opening the cache (read-only, one schema check):         %6.2f\n", afflux_bench_quantile( $micro['open'], 0.5 ) );
printf( "      the one batched query (70 products) on that connection:  %6.2f\n", afflux_bench_quantile( $micro['query'], 0.5 ) );
printf( "      both with a persistent handle (web requests, as wired):  %6.2f + %.2f\n", afflux_bench_quantile( $micro['persistent open'], 0.5 ), afflux_bench_quantile( $micro['persistent query'], 0.5 ) );
printf( "      building the 70 links (PlacementHref, one per request): %6.2f\n", afflux_bench_quantile( $micro['links'], 0.5 ) );
