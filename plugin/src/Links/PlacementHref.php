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
 */
final class PlacementHref {

	/**
	 * Builds direct URLs.
	 *
	 * @var PlacementUrlBuilder
	 */
	private PlacementUrlBuilder $urls;

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
	 * @param Product              $product       The product.
	 * @param string               $landing_url   The landing page (product page or accepted deep link).
	 * @param int                  $post_id       The post holding the block.
	 * @param string               $placement_id  The block's placement id.
	 * @param string               $block_name    Full block name.
	 * @param array<string, mixed> $attributes    Block attributes (utmTemplate is read).
	 * @param string               $site_template The site's UTM template setting.
	 */
	public function url( Product $product, string $landing_url, int $post_id, string $placement_id, string $block_name, array $attributes, string $site_template ): ?string {
		$sub_id    = new SubId( $post_id, $placement_id );
		$placement = new Placement(
			$sub_id,
			$post_id > 0 ? (string) get_post_field( 'post_name', $post_id ) : '',
			$block_name,
			UtmTemplate::for_block( $attributes['utmTemplate'] ?? null, $site_template )
		);
		$direct    = $this->urls->build(
			LinkTarget::from_product( $product ),
			$placement,
			'' !== $landing_url && $landing_url !== $product->landing_url ? $landing_url : null
		);
		if ( null === $direct || ! LinkSettings::is_cloaked() ) {
			return $direct;
		}
		$slug = CloakedSlug::build( $product->title, $sub_id );
		return null === $slug ? $direct : self::cloaked_url( $slug );
	}

	/**
	 * The public address of a cloaked slug.
	 *
	 * @param string $slug A slug from CloakedSlug::build().
	 */
	public static function cloaked_url( string $slug ): string {
		return home_url( '/' . LinkSettings::prefix() . '/' . $slug );
	}
}
