<?php
/**
 * One opening <a …> tag of saved HTML, read and rebuilt attribute by attribute.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

/**
 * WordPress 6.1 has no WP_HTML_Tag_Processor (6.2), and DOMDocument would re-serialise the
 * whole fragment around one link (HTML5 elements, entities, whitespace and self-closing tags
 * change, libxml warns about tags it does not know). So only the opening tag of a marked link is
 * read, with the HTML attribute grammar (double-quoted, single-quoted, unquoted and bare values),
 * and written back with every value escaped: the text and every other byte of the block stay as
 * saved. Values are kept as the source had them (entity-encoded) and re-escaped with esc_attr(),
 * which never double-encodes, so a single-quoted value holding a '"' cannot end the attribute.
 */
final class InlineLinkTag {

	/**
	 * One attribute: name, then an optional double-quoted, single-quoted or unquoted value.
	 */
	private const ATTRIBUTE = '#([^\s"\'>/=]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'=<>`]+)))?#';

	/**
	 * Attribute names written back; anything else (a stray "<", quotes) is dropped.
	 */
	private const NAME = '/^[a-z_:][a-z0-9_:.-]*$/D';

	/**
	 * Values by lowercase name, as the source wrote them (entity-encoded); null for a bare name.
	 *
	 * @var array<string, string|null>
	 */
	private array $attributes;

	/**
	 * Builds the tag.
	 *
	 * @param array<string, string|null> $attributes Values by lowercase name, entity-encoded.
	 */
	private function __construct( array $attributes ) {
		$this->attributes = $attributes;
	}

	/**
	 * The tag's attributes, or null when $source is not an opening <a> tag.
	 *
	 * @param string $source An opening tag, "<a" to ">".
	 */
	public static function parse( string $source ): ?self {
		if ( 1 !== preg_match( '#^<a(?=[\s/>])(.*)>$#isD', $source, $match ) ) {
			return null;
		}
		$attributes = array();
		if ( preg_match_all( self::ATTRIBUTE, $match[1], $found, PREG_SET_ORDER | PREG_UNMATCHED_AS_NULL ) ) {
			foreach ( $found as $attribute ) {
				$name = strtolower( (string) $attribute[1] );
				// As in a browser, the first of two attributes with the same name wins.
				if ( 1 !== preg_match( self::NAME, $name ) || array_key_exists( $name, $attributes ) ) {
					continue;
				}
				$attributes[ $name ] = self::raw_value( $attribute );
			}
		}
		return new self( $attributes );
	}

	/**
	 * An attribute's decoded text, null when the tag does not have it.
	 *
	 * @param string $name Lowercase attribute name.
	 */
	public function value( string $name ): ?string {
		if ( ! array_key_exists( $name, $this->attributes ) ) {
			return null;
		}
		return html_entity_decode( (string) $this->attributes[ $name ], ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	}

	/**
	 * The tag with $name set to $escaped (in place when present, last otherwise).
	 *
	 * @param string $name    Lowercase attribute name.
	 * @param string $escaped The value, already escaped for an attribute (esc_url(), esc_attr()).
	 */
	public function with( string $name, string $escaped ): self {
		$copy                      = clone $this;
		$copy->attributes[ $name ] = $escaped;
		return $copy;
	}

	/**
	 * The tag without $name.
	 *
	 * @param string $name Lowercase attribute name.
	 */
	public function without( string $name ): self {
		$copy = clone $this;
		unset( $copy->attributes[ $name ] );
		return $copy;
	}

	/**
	 * The opening tag, every value double-quoted and escaped.
	 */
	public function to_html(): string {
		$html = '<a';
		foreach ( $this->attributes as $name => $value ) {
			$html .= null === $value ? ' ' . $name : ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
		return $html . '>';
	}

	/**
	 * The value an ATTRIBUTE match holds, as written; null for a bare attribute (no "=").
	 *
	 * @param array<int, string|null> $attribute A match of ATTRIBUTE, unmatched groups null.
	 */
	private static function raw_value( array $attribute ): ?string {
		return $attribute[2] ?? $attribute[3] ?? $attribute[4] ?? null;
	}
}
