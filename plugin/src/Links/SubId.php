<?php
/**
 * The sub id that ties a network's commission back to a post and a block.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Links;

/**
 * A placement sub id: p{post_id}_{placementId}, or p{post_id} when the block has no placement id.
 * Networks echo it back on each transaction, so earnings attribute to a post and a block.
 */
final class SubId {

	/**
	 * What a block's placementId attribute may hold.
	 */
	public const PLACEMENT_PATTERN = '/^[A-Za-z0-9]{1,16}$/';

	/**
	 * The post holding the placement.
	 *
	 * @var int
	 */
	public readonly int $post_id;

	/**
	 * The block's placement id, '' when it had none.
	 *
	 * @var string
	 */
	public readonly string $placement_id;

	/**
	 * Builds a sub id from a post and a block's placement id; an invalid placement id is dropped.
	 *
	 * @param int    $post_id      Post id (0 or less when the block is outside a post).
	 * @param string $placement_id The block's placementId attribute.
	 */
	public function __construct( int $post_id, string $placement_id = '' ) {
		$this->post_id      = max( 0, $post_id );
		$this->placement_id = 1 === preg_match( self::PLACEMENT_PATTERN, $placement_id ) ? $placement_id : '';
	}

	/**
	 * Reads a sub id back from a network's transaction; null when it is not one of ours.
	 *
	 * @param string $sub_id The sub id as the network returned it.
	 */
	public static function parse( string $sub_id ): ?self {
		if ( 1 !== preg_match( '/^p(0|[1-9][0-9]{0,18})(?:_([A-Za-z0-9]{1,16}))?$/', $sub_id, $match ) ) {
			return null;
		}
		return new self( (int) $match[1], $match[2] ?? '' );
	}

	/**
	 * The sub id as sent to the network, e.g. p12_a1b2c3d4 (at most 37 characters).
	 */
	public function to_string(): string {
		return 'p' . $this->post_id . ( '' !== $this->placement_id ? '_' . $this->placement_id : '' );
	}
}
