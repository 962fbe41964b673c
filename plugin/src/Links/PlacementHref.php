<?php
/**
 * The href of a block's link: cloaked /{prefix}/{slug} or the direct tracked URL.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

use Afflux\Cache\LinkTarget;
use Afflux\Cache\Product;

/**
 * Chooses, by the link_mode setting, between the cloaked link (counted by /go/) and the direct
 * tracked URL, with the block's own utmTemplate attribute over the site's template.
 *
 * @phpstan-import-type LinkSettingsValues from LinkSettings
 */
final class PlacementHref {

	/**
	 * Builds direct URLs.
	 *
	 * @var PlacementUrlBuilder
	 */
	private PlacementUrlBuilder $urls;

	/**
	 * Most UTM templates remembered; a page rarely has more than a few distinct ones.
	 */
	private const MAX_TEMPLATES = 64;

	/**
	 * UTM templates built so far, by site and block template.
	 *
	 * @var array<string, UtmTemplate>
	 */
	private array $templates = array();

	/**
	 * Post slugs read in this request, by post id.
	 *
	 * @var array<int, string>
	 */
	private static array $slugs = array();

	/**
	 * Whether clean_post_cache is hooked to forget a slug.
	 *
	 * @var bool
	 */
	private static bool $watching_posts = false;

	/**
	 * Builds the chooser.
	 *
	 * @param TrackingLinkBuilder $links Fills link templates.
	 */
	public function __construct( TrackingLinkBuilder $links ) {
		$this->urls = new PlacementUrlBuilder( $links );
	}

	/**
	 * The href, or null when no safe URL can be built for this product.
	 *
	 * @param Product                 $product       The product.
	 * @param string                  $landing_url   The landing page (product page or accepted deep link).
	 * @param int                     $post_id       The post holding the block.
	 * @param string                  $placement_id  The block's placement id.
	 * @param string                  $block_name    Full block name.
	 * @param array<string, mixed>    $attributes    Block attributes (utmTemplate is read).
	 * @param string                  $site_template The site's UTM template setting.
	 * @param LinkSettingsValues|null $link_settings LinkSettings::all() when read already (once per post); read here when null.
	 */
	public function url( Product $product, string $landing_url, int $post_id, string $placement_id, string $block_name, array $attributes, string $site_template, ?array $link_settings = null ): ?string {
		$sub_id    = new SubId( $post_id, $placement_id );
		$placement = new Placement(
			$sub_id,
			self::post_slug( $post_id ),
			$block_name,
			$this->utm_template( $attributes['utmTemplate'] ?? null, $site_template )
		);
		$direct    = $this->urls->build(
			LinkTarget::from_product( $product ),
			$placement,
			'' !== $landing_url && $landing_url !== $product->landing_url ? $landing_url : null
		);
		if ( null === $direct ) {
			return null;
		}
		$link_settings = $link_settings ?? LinkSettings::all();
		if ( 'cloaked' !== $link_settings['link_mode'] ) {
			return $direct;
		}
		$slug = CloakedSlug::build( $product->title, $sub_id );
		return null === $slug ? $direct : self::cloaked_url( $slug, $link_settings['link_prefix'] );
	}

	/**
	 * The UTM template of a block, built once per distinct block and site template: a page's
	 * cards mostly share both.
	 *
	 * @param mixed  $block_template The block's utmTemplate attribute.
	 * @param string $site_template  The utm_template setting.
	 */
	private function utm_template( $block_template, string $site_template ): UtmTemplate {
		$key = $site_template . "\0" . ( is_string( $block_template ) ? 's' . $block_template : '-' );
		if ( ! isset( $this->templates[ $key ] ) ) {
			if ( count( $this->templates ) >= self::MAX_TEMPLATES ) {
				$this->templates = array();
			}
			$this->templates[ $key ] = UtmTemplate::for_block( $block_template, $site_template );
		}
		return $this->templates[ $key ];
	}

	/**
	 * The post's slug for {post_slug}, read once per post and request; forgotten when WordPress
	 * cleans the post's cache (an update, a new slug), so a later link sees the new one.
	 *
	 * @param int $post_id The post holding the block (0 outside a post).
	 */
	private static function post_slug( int $post_id ): string {
		if ( $post_id <= 0 ) {
			return '';
		}
		if ( ! isset( self::$slugs[ $post_id ] ) ) {
			if ( ! self::$watching_posts ) {
				self::$watching_posts = true;
				add_action(
					'clean_post_cache',
					static function ( $cleaned_id ): void {
						unset( self::$slugs[ (int) $cleaned_id ] );
					}
				);
			}
			self::$slugs[ $post_id ] = (string) get_post_field( 'post_name', $post_id );
		}
		return self::$slugs[ $post_id ];
	}

	/**
	 * The public address of a cloaked slug.
	 *
	 * @param string $slug   A slug from CloakedSlug::build().
	 * @param string $prefix The link_prefix setting.
	 */
	private static function cloaked_url( string $slug, string $prefix ): string {
		return home_url( '/' . $prefix . '/' . $slug );
	}
}
