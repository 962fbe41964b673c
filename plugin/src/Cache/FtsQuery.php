<?php
/**
 * Turns a person's search words into a safe FTS5 MATCH expression.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * Builds FTS5 queries from words only: every term is quoted (so AND, NEAR, -, * and quotes are
 * plain text) and the last one, from two letters on, is a prefix, so results appear while the
 * blogger types.
 */
final class FtsQuery {

	/**
	 * Terms beyond this are ignored: a search box needs no more, and it bounds the work.
	 */
	private const MAX_TERMS = 8;

	/**
	 * Longest term kept, in characters.
	 */
	private const MAX_TERM_LENGTH = 64;

	/**
	 * The MATCH expression for the words in $input, or null when it holds no word.
	 *
	 * @param string $input What the person typed.
	 */
	public static function from_words( string $input ): ?string {
		// Letters, digits and combining marks make words; everything else (FTS syntax included) separates them.
		$words = preg_split( '/[^\p{L}\p{N}\p{M}]+/u', $input, -1, PREG_SPLIT_NO_EMPTY );
		if ( ! is_array( $words ) || array() === $words ) {
			return null;
		}

		$terms = array();
		foreach ( array_slice( $words, 0, self::MAX_TERMS ) as $word ) {
			$terms[] = '"' . mb_substr( $word, 0, self::MAX_TERM_LENGTH ) . '"';
		}
		$last = count( $terms ) - 1;
		// A one-letter prefix matches most of a large catalogue and costs far more than it helps.
		if ( mb_strlen( $terms[ $last ] ) > 3 ) {
			$terms[ $last ] .= '*';
		}

		return implode( ' ', $terms );
	}
}
