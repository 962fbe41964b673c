<?php
/**
 * Expands the UTM template setting into parameters for one link.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

/**
 * A template such as utm_source={site}&utm_campaign={post_slug}, expanded per link into a
 * key => value map (raw, not encoded: TrackingLinkBuilder encodes).
 */
final class UtmTemplate {

	/**
	 * The placeholders a template may use.
	 */
	public const PLACEHOLDERS = array( 'site', 'post_slug', 'post_id', 'block', 'network', 'merchant' );

	/**
	 * The template, as stored in the settings.
	 *
	 * @var string
	 */
	private string $template;

	/**
	 * Builds a template.
	 *
	 * @param string $template E.g. utm_source={site}&utm_medium=affiliate.
	 */
	public function __construct( string $template ) {
		$this->template = $template;
	}

	/**
	 * The parameters with the placeholders filled. Unknown placeholders are kept as written;
	 * a placeholder without a value becomes empty (and the builder then drops the parameter).
	 *
	 * @param array<string, string|int> $values Placeholder name (site, post_slug, post_id, block,
	 *                                          network, merchant) => value.
	 * @return array<string, string>
	 */
	public function expand( array $values ): array {
		$replacements = array();
		foreach ( self::PLACEHOLDERS as $name ) {
			$replacements[ '{' . $name . '}' ] = isset( $values[ $name ] ) ? (string) $values[ $name ] : '';
		}

		$parameters = array();
		// Split by hand: parse_str() would decode "+" and rename keys containing dots or spaces.
		foreach ( explode( '&', $this->template ) as $pair ) {
			if ( '' === trim( $pair ) ) {
				continue;
			}
			$parts = explode( '=', $pair, 2 );
			$key   = trim( $parts[0] );
			if ( '' === $key ) {
				continue;
			}
			$parameters[ $key ] = strtr( trim( $parts[1] ?? '' ), $replacements );
		}
		return $parameters;
	}

	/**
	 * The short form of a block name: afflux/product-card → product-card.
	 *
	 * @param string $block_name Full block name.
	 */
	public static function block_short_name( string $block_name ): string {
		$slash = strrpos( $block_name, '/' );
		return false === $slash ? $block_name : substr( $block_name, $slash + 1 );
	}
}
