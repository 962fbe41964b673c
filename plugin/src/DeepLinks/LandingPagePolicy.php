<?php
/**
 * Which deep-link landing pages a programme accepts.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\DeepLinks;

use Afflux\Cache\Product;

/**
 * A blogger may send readers to another page of the merchant (a capture page, an article) only
 * when the programme allows deep links and the page is on one of its valid_domains (or a
 * sub-domain of one): a network does not credit clicks that land elsewhere. Used by the REST
 * check (the editor's error) and by the renderer (which falls back to the product page).
 */
final class LandingPagePolicy {

	/**
	 * Longest landing URL accepted; networks truncate longer ones.
	 */
	public const MAX_LENGTH = 2000;

	/**
	 * Why $url cannot be the landing page of $product, in plain words; null when it can.
	 *
	 * @param Product $product The product whose programme decides.
	 * @param string  $url     The landing page the blogger typed.
	 */
	public function refusal( Product $product, string $url ): ?string {
		$url   = trim( $url );
		$parts = wp_parse_url( $url );
		if ( strlen( $url ) > self::MAX_LENGTH || ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] )
			|| ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return __( 'The landing page must be a full web address starting with https:// or http://.', 'afflux' );
		}
		if ( ! $product->deeplink_enabled ) {
			return sprintf(
				/* translators: %s: merchant (programme) name. */
				__( '%s does not accept links to other pages: readers will be sent to the product page.', 'afflux' ),
				$product->programme_name ?? $product->merchant_name
			);
		}
		$host = strtolower( $parts['host'] );
		foreach ( $product->valid_domains as $domain ) {
			if ( $host === $domain || str_ends_with( $host, '.' . $domain ) ) {
				return null;
			}
		}
		if ( array() === $product->valid_domains ) {
			return __( 'The network lists no allowed domains for this merchant, so no other landing page can be checked.', 'afflux' );
		}
		return sprintf(
			/* translators: 1: host name typed by the blogger, 2: comma-separated list of allowed domains. */
			__( '%1$s is not one of the merchant\'s allowed domains: %2$s.', 'afflux' ),
			$host,
			implode( ', ', $product->valid_domains )
		);
	}

	/**
	 * The landing page to track: $url when the programme accepts it, else the product's page.
	 *
	 * @param Product $product The product.
	 * @param string  $url     The block's landing page attribute, '' for none.
	 */
	public function landing_url( Product $product, string $url ): string {
		if ( '' !== trim( $url ) && null === $this->refusal( $product, $url ) ) {
			return trim( $url );
		}
		return $product->landing_url;
	}
}
