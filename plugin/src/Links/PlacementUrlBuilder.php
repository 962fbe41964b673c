<?php
/**
 * The direct tracked URL of one product in one placement.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

use Afflux\Cache\LinkTarget;

/**
 * Expands the placement's UTM template and fills the product's link template; else takes the
 * ready tracking URL the network handed out; else the landing page with the UTM parameters.
 * Used by the card (direct links) and by the /go/ redirect alike, so both send readers to the
 * same URL.
 */
final class PlacementUrlBuilder {

	/**
	 * Fills link templates.
	 *
	 * @var TrackingLinkBuilder
	 */
	private TrackingLinkBuilder $links;

	/**
	 * The site's host for {site}, read once.
	 *
	 * @var string|null
	 */
	private ?string $site_host = null;

	/**
	 * Builds the builder.
	 *
	 * @param TrackingLinkBuilder $links     Fills link templates.
	 * @param string|null         $site_host The site's host for {site}; null reads home_url()
	 *                                       (given by the no-WordPress entry point, plugin/go.php).
	 */
	public function __construct( TrackingLinkBuilder $links, ?string $site_host = null ) {
		$this->links     = $links;
		$this->site_host = $site_host;
	}

	/**
	 * The tracked URL, or null when a template exists but refuses to build, or nothing is known.
	 *
	 * @param LinkTarget  $target      The product's link data.
	 * @param Placement   $placement   Where the link sits.
	 * @param string|null $landing_url Another landing page on the merchant's site (fallbacks).
	 */
	public function build( LinkTarget $target, Placement $placement, ?string $landing_url = null ): ?string {
		$landing = $landing_url ?? $target->landing_url;
		$post_id = $placement->sub_id->post_id;
		$utm     = $placement->utm_template->expand(
			array(
				'site'      => $this->site_host ??= (string) wp_parse_url( home_url(), PHP_URL_HOST ),
				'post_slug' => $placement->post_slug,
				'post_id'   => $post_id > 0 ? (string) $post_id : '',
				'block'     => UtmTemplate::block_short_name( $placement->block_name ),
				'network'   => $target->network,
				'merchant'  => $target->merchant_name,
			)
		);

		if ( null !== $target->link_template && null !== $target->tracking_host && '' !== $landing ) {
			return $this->links->build( $target->link_template, $target->tracking_host, $landing, $utm, $placement->sub_id->to_string() );
		}
		if ( null !== $target->tracking_url && null === $landing_url ) {
			return $target->tracking_url;
		}
		if ( '' !== $landing ) {
			return $this->links->with_utm( $landing, $utm );
		}
		return null;
	}
}
