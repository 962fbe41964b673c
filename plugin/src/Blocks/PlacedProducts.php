<?php
/**
 * Loads the products placed in the content being rendered, in one cache read.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Cache\Product;
use Afflux\Cache\ProductRepository;
use Afflux\Service;
use Afflux\Settings\Settings;

/**
 * Before the blocks of a post are rendered, collects every product id its afflux/* blocks and
 * inline affiliate links hold and reads them all with one ProductRepository::find_many(); each card then takes its product
 * from memory. A product not collected beforehand (a card rendered outside the_content) is read
 * together with every other product of the current post, still in one query.
 *
 * It also hands the renderers the pass's settings (PassSettings), read once per the_content
 * pass: its prefetch is where a pass starts.
 */
final class PlacedProducts implements Service {

	/**
	 * Runs before do_blocks (priority 9), so the ids are known before the first card renders.
	 */
	public const PREFETCH_PRIORITY = 8;

	/**
	 * The repository.
	 *
	 * @var ProductRepository
	 */
	private ProductRepository $products;

	/**
	 * Products already looked up in this request; null when the cache did not have the id.
	 *
	 * @var array<int, Product|null>
	 */
	private array $looked_up = array();

	/**
	 * Replacements already looked up, by the id of the product they replace; null for none.
	 *
	 * @var array<int, Product|null>
	 */
	private array $alternatives = array();

	/**
	 * Results of the lists' saved queries in this request, by ProductListQuery::key().
	 *
	 * @var array<string, list<Product>>
	 */
	private array $query_results = array();

	/**
	 * Site settings, for the pass's snapshot.
	 *
	 * @var Settings
	 */
	private Settings $settings;

	/**
	 * The settings of the current the_content pass; null until first asked in the pass.
	 *
	 * @var PassSettings|null
	 */
	private ?PassSettings $pass_settings = null;

	/**
	 * Builds the batch loader.
	 *
	 * @param ProductRepository $products The repository.
	 * @param Settings|null     $settings Site settings; the stored ones when null.
	 */
	public function __construct( ProductRepository $products, ?Settings $settings = null ) {
		$this->products = $products;
		$this->settings = $settings ?? new Settings();
	}

	/**
	 * Reads a post's products before its blocks render.
	 */
	public function init(): void {
		add_filter( 'the_content', array( $this, 'prefetch_for_content' ), self::PREFETCH_PRIORITY );
	}

	/**
	 * The the_content filter: loads the products placed in $content and returns it unchanged.
	 *
	 * @param mixed $content Post content with block comments.
	 * @return mixed The same content.
	 */
	public function prefetch_for_content( $content ) {
		// A new pass (the next post of a loop, a test changing a setting) reads them again.
		$this->pass_settings = null;
		if ( is_string( $content ) ) {
			$this->load( self::ids_in_content( $content ) );
		}
		return $content;
	}

	/**
	 * The settings for the block being rendered: read once per the_content pass, and at each
	 * call outside one (a widget, the REST block renderer), so a change always applies.
	 */
	public function settings(): PassSettings {
		if ( ! doing_filter( 'the_content' ) ) {
			return PassSettings::read( $this->settings );
		}
		// A block that switches site while rendering gets that site's settings.
		if ( null === $this->pass_settings || get_current_blog_id() !== $this->pass_settings->blog_id ) {
			$this->pass_settings = PassSettings::read( $this->settings );
		}
		return $this->pass_settings;
	}

	/**
	 * The product with this id, or null when the cache does not hold it (or cannot be read).
	 *
	 * @param int $id Product id from a block attribute.
	 */
	public function get( int $id ): ?Product {
		if ( ! array_key_exists( $id, $this->looked_up ) ) {
			$this->load( array_merge( array( $id ), $this->ids_in_current_post() ) );
		}
		return $this->looked_up[ $id ] ?? null;
	}

	/**
	 * An available product to show instead of $product (gone or out of stock): same GTIN, else
	 * same merchant. The first call looks up replacements for every unavailable product read so
	 * far, in one query, so a page with several such cards pays it once.
	 *
	 * @param Product $product The unavailable product.
	 */
	public function alternative_for( Product $product ): ?Product {
		if ( ! array_key_exists( $product->id, $this->alternatives ) ) {
			$wanted = array( $product->id => $product );
			foreach ( $this->looked_up as $id => $candidate ) {
				if ( null !== $candidate && ! $candidate->is_available() && ! array_key_exists( $id, $this->alternatives ) ) {
					$wanted[ $id ] = $candidate;
				}
			}
			$found = $this->products->find_alternatives( array_values( $wanted ) );
			foreach ( array_keys( $wanted ) as $id ) {
				$this->alternatives[ $id ] = $found[ $id ] ?? null;
			}
		}
		return $this->alternatives[ $product->id ] ?? null;
	}

	/**
	 * The products of a list's saved query: one cache query per distinct query and request
	 * (chosen products and cards share the page's single batched read instead).
	 *
	 * @param ProductListQuery $query The saved query.
	 * @return list<Product>
	 */
	public function top( ProductListQuery $query ): array {
		$key = $query->key();
		if ( ! array_key_exists( $key, $this->query_results ) ) {
			$this->query_results[ $key ] = $this->products->top_products( $query->filters(), $query->category, $query->limit );
		}
		return $this->query_results[ $key ];
	}

	/**
	 * Reads, in one query, the ids not looked up yet.
	 *
	 * @param int[] $ids Product ids.
	 */
	public function load( array $ids ): void {
		$missing = array();
		foreach ( $ids as $id ) {
			if ( $id > 0 && ! array_key_exists( $id, $this->looked_up ) ) {
				$missing[ $id ] = $id;
			}
		}
		if ( array() === $missing ) {
			return;
		}

		$found = $this->products->find_many( array_values( $missing ) );
		foreach ( $missing as $id ) {
			$this->looked_up[ $id ] = $found[ $id ] ?? null;
		}
	}

	/**
	 * The product ids a post's content places: productId and productIds of afflux/* blocks
	 * (inner blocks included) and data-afflux-product of inline affiliate links. Read from the
	 * block comments directly: do_blocks() parses the content again right after, and a second
	 * parse_blocks() of a long post costs more than these two scans.
	 *
	 * @param string $content Post content with block comments.
	 * @return int[]
	 */
	public static function ids_in_content( string $content ): array {
		$ids = array();
		// serialize_block_attributes() escapes "--", "<" and ">", so "-->" only ever closes a comment.
		if ( str_contains( $content, '<!-- wp:afflux/' ) && preg_match_all( '#<!-- wp:afflux/[a-z0-9-]+ (\{.*?\}) /?-->#s', $content, $comments ) ) {
			foreach ( $comments[1] as $json ) {
				$attrs = json_decode( $json, true );
				if ( ! is_array( $attrs ) ) {
					continue;
				}
				if ( isset( $attrs['productId'] ) && is_numeric( $attrs['productId'] ) ) {
					$ids[] = (int) $attrs['productId'];
				}
				foreach ( isset( $attrs['productIds'] ) && is_array( $attrs['productIds'] ) ? $attrs['productIds'] : array() as $id ) {
					if ( is_numeric( $id ) ) {
						$ids[] = (int) $id;
					}
				}
			}
		}
		if ( str_contains( $content, 'data-afflux-product=' ) && preg_match_all( '#data-afflux-product="([0-9]{1,18})"#', $content, $links ) ) {
			foreach ( $links[1] as $id ) {
				$ids[] = (int) $id;
			}
		}
		return array_values( array_unique( $ids ) );
	}

	/**
	 * The product ids placed in the current global post, if any.
	 *
	 * @return int[]
	 */
	private function ids_in_current_post(): array {
		$post = get_post();
		if ( ! $post instanceof \WP_Post ) {
			return array();
		}
		return self::ids_in_content( $post->post_content );
	}
}
