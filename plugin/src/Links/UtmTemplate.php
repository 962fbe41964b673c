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
	 * The template's parameters, key => value with placeholders, split once: a page's links
	 * share a template and expand it once each.
	 *
	 * @var array<string, string>
	 */
	private array $pairs = array();

	/**
	 * Builds a template.
	 *
	 * @param string $template E.g. utm_source={site}&utm_medium=affiliate.
	 */
	public function __construct( string $template ) {
		// Split by hand: parse_str() would decode "+" and rename keys containing dots or spaces.
		foreach ( explode( '&', $template ) as $pair ) {
			if ( '' === trim( $pair ) ) {
				continue;
			}
			$parts = explode( '=', $pair, 2 );
			$key   = trim( $parts[0] );
			if ( '' === $key ) {
				continue;
			}
			$this->pairs[ $key ] = trim( $parts[1] ?? '' );
		}
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
		foreach ( $this->pairs as $key => $value ) {
			$parameters[ $key ] = str_contains( $value, '{' ) ? strtr( $value, $replacements ) : $value;
		}
		return $parameters;
	}

	/**
	 * The template for one block: its own utmTemplate attribute when it holds one, else the
	 * site's. An empty attribute means "use the site's template".
	 *
	 * @param mixed  $block_template The block's utmTemplate attribute (any type, unvalidated).
	 * @param string $site_template  The utm_template setting.
	 */
	public static function for_block( $block_template, string $site_template ): self {
		if ( is_string( $block_template ) ) {
			// The no-WordPress entry point (plugin/go.php) has no sanitize_text_field().
			$block_template = trim( function_exists( 'sanitize_text_field' ) ? sanitize_text_field( $block_template ) : self::clean_without_wordpress( $block_template ) );
			if ( '' !== $block_template ) {
				return new self( $block_template );
			}
		}
		return new self( $site_template );
	}

	/**
	 * What sanitize_text_field() does to a template, for code running without WordPress: drops
	 * invalid UTF-8, tags, percent-encoded octets, line breaks, tabs and repeated spaces.
	 *
	 * @param string $text A block's utmTemplate attribute.
	 */
	public static function clean_without_wordpress( string $text ): string {
		if ( 1 !== preg_match( '//u', $text ) ) {
			return '';
		}
		$text = strip_tags( (string) preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', $text ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.strip_tags_strip_tags -- wp_strip_all_tags() is not loaded here.
		do {
			$before = $text;
			$text   = (string) preg_replace( '/%[a-f0-9]{2}/i', '', $text );
		} while ( $before !== $text );
		return trim( (string) preg_replace( '/[\r\n\t ]+/', ' ', $text ) );
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
