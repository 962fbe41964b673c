<?php
/**
 * Where /go/ sends a reader, and why.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

/**
 * A resolved redirect: the target URL and what the click log records about it.
 */
final class Destination {

	public const OUTCOME_PRODUCT       = 'product';
	public const OUTCOME_SAME_GTIN     = 'same_gtin';
	public const OUTCOME_MERCHANT_HOME = 'merchant_home';
	public const OUTCOME_POST          = 'post';

	/**
	 * Builds a destination.
	 *
	 * @param string $url          The 302 target.
	 * @param int    $post_id      The post holding the link.
	 * @param string $placement_id The block's placement id.
	 * @param int    $product_id   The product the reader is sent to (the replacement for a fallback).
	 * @param string $network      That product's network.
	 * @param string $outcome      One of the OUTCOME_ constants: why this target.
	 */
	public function __construct(
		public readonly string $url,
		public readonly int $post_id,
		public readonly string $placement_id,
		public readonly int $product_id,
		public readonly string $network,
		public readonly string $outcome
	) {
	}
}
