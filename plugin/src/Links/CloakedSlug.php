<?php
/**
 * The readable slug of a cloaked link, and reading it back.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

/**
 * A slug such as casque-audio-sans-fil-p12_a1b2c3d4: a readable part from the product title,
 * for the reader, then the placement's sub id, which alone identifies the link. The readable
 * part is ignored when resolving, so a renamed product never breaks a published link.
 */
final class CloakedSlug {

	/**
	 * Longest readable part, in characters.
	 */
	private const READABLE_MAX = 48;

	/**
	 * The whole slug: an optional readable part of [a-z0-9-], then p{post}_{placement}.
	 */
	private const PATTERN = '/^(?:[a-z0-9-]{0,80}-)?p([1-9][0-9]{0,18})_([A-Za-z0-9]{1,16})$/D';

	/**
	 * The slug for a placement; null when the placement has no placement id (it cannot be
	 * resolved back to one block).
	 *
	 * @param string $title Product title (any script; reduced to [a-z0-9-]).
	 * @param SubId  $sub_id The placement's sub id.
	 */
	public static function build( string $title, SubId $sub_id ): ?string {
		if ( $sub_id->post_id < 1 || '' === $sub_id->placement_id ) {
			return null;
		}
		$readable = strtolower( remove_accents( $title ) );
		$readable = (string) preg_replace( '/[^a-z0-9]+/', '-', $readable );
		$readable = trim( substr( trim( $readable, '-' ), 0, self::READABLE_MAX ), '-' );
		return ( '' !== $readable ? $readable . '-' : '' ) . $sub_id->to_string();
	}

	/**
	 * The sub id a slug names, or null for anything that is not exactly one of our slugs.
	 *
	 * @param string $slug The path segment after the prefix, still URL-encoded.
	 */
	public static function parse( string $slug ): ?SubId {
		if ( strlen( $slug ) > 120 || 1 !== preg_match( self::PATTERN, $slug, $match ) ) {
			return null;
		}
		return new SubId( (int) $match[1], $match[2] );
	}
}
