<?php
/**
 * Resolves a cloaked slug to its destination.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Cache\LinkTarget;
use Afflux\Cache\LinkTargetRepository;
use Afflux\Links\CloakedSlug;
use Afflux\Links\Placement;
use Afflux\Links\PlacementUrlBuilder;
use Afflux\Links\SubId;
use Afflux\Links\UtmTemplate;

/**
 * The slug names a post and a placement; the post's placement index file (or its row: one
 * primary-key read with $wpdb or, in the no-WordPress entry point, PDO) holds the block and its
 * attributes; the cache (one indexed read, or its LinkTargetMemo copy while the cache is
 * unchanged) holds the product's link data. A gone product falls back to the same GTIN in
 * another feed, then to the merchant's home page, then to the post itself. Every target passes RedirectTargetPolicy, or the answer is null (404).
 */
final class RedirectResolver {

	/**
	 * The cache's link reader.
	 *
	 * @var LinkTargetRepository
	 */
	private LinkTargetRepository $targets;

	/**
	 * Builds direct URLs.
	 *
	 * @var PlacementUrlBuilder
	 */
	private PlacementUrlBuilder $urls;

	/**
	 * The site's UTM template.
	 *
	 * @var string
	 */
	private string $site_template;

	/**
	 * Finds a placement's block.
	 *
	 * @var PlacementSource
	 */
	private PlacementSource $placements;

	/**
	 * The site's home URL for the last fallback; null reads home_url().
	 *
	 * @var string|null
	 */
	private ?string $home_url;

	/**
	 * Products read by an earlier request while the cache is unchanged; null: always the cache.
	 *
	 * @var LinkTargetMemo|null
	 */
	private ?LinkTargetMemo $memo;

	/**
	 * Builds the resolver.
	 *
	 * @param LinkTargetRepository $targets       The cache's link reader.
	 * @param PlacementUrlBuilder  $urls          Builds direct URLs.
	 * @param string               $site_template The site's UTM template.
	 * @param PlacementSource|null $placements    Finds a placement's block; null: in the post's row read with $wpdb.
	 * @param string|null          $home_url      The site's home URL; null: home_url().
	 * @param LinkTargetMemo|null  $memo          Products kept from earlier requests; null: always the cache.
	 */
	public function __construct( LinkTargetRepository $targets, PlacementUrlBuilder $urls, string $site_template, ?PlacementSource $placements = null, ?string $home_url = null, ?LinkTargetMemo $memo = null ) {
		$this->targets       = $targets;
		$this->urls          = $urls;
		$this->site_template = $site_template;
		$this->placements    = $placements ?? new PostContentPlacements( new WpdbPostSource() );
		$this->home_url      = $home_url;
		$this->memo          = $memo;
	}

	/**
	 * The destination of a slug, or null for an unknown slug.
	 *
	 * @param string $slug The path segment after the prefix.
	 */
	public function resolve( string $slug ): ?Destination {
		$sub_id = CloakedSlug::parse( $slug );
		if ( null === $sub_id ) {
			return null;
		}
		$block = $this->placements->find( $sub_id );
		if ( null === $block ) {
			return null;
		}
		$attributes = $block['attributes'];
		$product_id = isset( $attributes['productId'] ) && is_numeric( $attributes['productId'] ) ? (int) $attributes['productId'] : 0;
		$target     = $this->memo?->find( $product_id );
		if ( null === $target ) {
			$target = $this->targets->find( $product_id );
			if ( null === $target ) {
				return null;
			}
			$this->memo?->remember( $target );
		}
		$placement = new Placement(
			$sub_id,
			$block['post_name'],
			$block['name'],
			UtmTemplate::for_block( $attributes['utmTemplate'] ?? null, $this->site_template )
		);

		if ( $target->is_active() ) {
			$url = $this->urls->build( $target, $placement, $this->deep_link( $attributes, $target ) );
			return $this->destination( $url, $target, $sub_id, Destination::OUTCOME_PRODUCT );
		}
		return $this->fallback( $target, $placement );
	}

	/**
	 * Where a reader goes when the product has left its feed, in order: the same GTIN in
	 * another feed, the merchant's home page (still tracked), the post itself.
	 *
	 * @param LinkTarget $gone      The gone product.
	 * @param Placement  $placement Where the link sits.
	 */
	private function fallback( LinkTarget $gone, Placement $placement ): Destination {
		$sub_id = $placement->sub_id;
		$same   = null === $gone->gtin ? null : $this->targets->find_active_by_gtin( $gone->gtin, $gone->product_id );
		if ( null !== $same ) {
			$found = $this->destination( $this->urls->build( $same, $placement ), $same, $sub_id, Destination::OUTCOME_SAME_GTIN );
			if ( null !== $found ) {
				return $found;
			}
		}
		$home = array() === $gone->valid_domains ? null : 'https://' . strtolower( $gone->valid_domains[0] ) . '/';
		if ( null !== $home ) {
			$found = $this->destination( $this->urls->build( $gone, $placement, $home ), $gone, $sub_id, Destination::OUTCOME_MERCHANT_HOME );
			if ( null !== $found ) {
				return $found;
			}
		}
		$post_url = null === $this->home_url ? home_url( '/?p=' . $sub_id->post_id ) : rtrim( $this->home_url, '/' ) . '/?p=' . $sub_id->post_id;
		return new Destination( $post_url, $sub_id->post_id, $sub_id->placement_id, $gone->product_id, $gone->network, Destination::OUTCOME_POST );
	}

	/**
	 * A destination when the URL passes the policy, null otherwise.
	 *
	 * @param string|null $url     Built URL.
	 * @param LinkTarget  $target  The product it points to.
	 * @param SubId       $sub_id  The placement.
	 * @param string      $outcome Why.
	 */
	private function destination( ?string $url, LinkTarget $target, SubId $sub_id, string $outcome ): ?Destination {
		if ( null === $url || ! RedirectTargetPolicy::allows( $url, $target ) ) {
			return null;
		}
		return new Destination( $url, $sub_id->post_id, $sub_id->placement_id, $target->product_id, $target->network, $outcome );
	}

	/**
	 * The block's deep-link landing page when the programme accepts it and its host is one of
	 * the programme's valid domains (the rule the editor shows); null otherwise.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param LinkTarget           $target     The product.
	 */
	private function deep_link( array $attributes, LinkTarget $target ): ?string {
		$url = isset( $attributes['landingUrl'] ) && is_string( $attributes['landingUrl'] ) ? trim( $attributes['landingUrl'] ) : '';
		if ( '' === $url || ! $target->deeplink_enabled || 1 !== preg_match( '#^https?://([a-z0-9.-]+)(?:[:/?\#]|$)#iD', $url, $match ) ) {
			return null;
		}
		return RedirectTargetPolicy::is_valid_domain( strtolower( $match[1] ), $target ) ? $url : null;
	}
}
