<?php
/**
 * What a link to one product is built from.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * The product's link data from the cache: its best offer, its programme's template and valid
 * domains. Every string is network data.
 */
final class LinkTarget {

	/**
	 * Builds a link target.
	 *
	 * @param int         $product_id    Local product id.
	 * @param string      $network       Adapter name.
	 * @param string      $programme_id  The network's advertiser id.
	 * @param string      $title         Product title.
	 * @param string      $status        active | gone.
	 * @param string|null $gtin          GTIN, for the same-product fallback.
	 * @param string      $merchant_name Merchant of the best offer.
	 * @param string      $landing_url   The merchant's page ('' without an offer).
	 * @param string|null $tracking_url  A ready tracking URL from the network.
	 * @param string|null $link_template The programme's link template.
	 * @param string|null $tracking_host The only host a filled template may point to.
	 * @param string[]    $valid_domains The programme's valid landing hosts.
	 * @param bool        $deeplink_enabled Whether the programme accepts other landing pages.
	 */
	public function __construct(
		public readonly int $product_id,
		public readonly string $network,
		public readonly string $programme_id,
		public readonly string $title,
		public readonly string $status,
		public readonly ?string $gtin,
		public readonly string $merchant_name,
		public readonly string $landing_url,
		public readonly ?string $tracking_url,
		public readonly ?string $link_template,
		public readonly ?string $tracking_host,
		public readonly array $valid_domains,
		public readonly bool $deeplink_enabled = false
	) {
	}

	/**
	 * The link data of a product read for a card.
	 *
	 * @param Product $product The product.
	 */
	public static function from_product( Product $product ): self {
		return new self(
			$product->id,
			$product->network,
			$product->programme_id,
			$product->title,
			$product->status,
			$product->gtin,
			$product->merchant_name,
			$product->landing_url,
			$product->tracking_url,
			$product->link_template,
			$product->tracking_host,
			array_map( 'strval', $product->valid_domains ),
			$product->deeplink_enabled
		);
	}

	/**
	 * Whether the product is still in its network's feed.
	 */
	public function is_active(): bool {
		return 'gone' !== $this->status;
	}
}
