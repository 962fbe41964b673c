<?php
/**
 * Tests for SubId.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Links;

use Afflux\Links\SubId;
use Afflux\Links\TrackingLinkBuilder;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Placement sub ids.
 */
final class SubIdTest extends AffluxTestCase {

	/**
	 * A sub id built from a post and a placement parses back to both.
	 */
	public function test_round_trips_post_and_placement(): void {
		$sub_id = ( new SubId( 12, 'a1b2c3d4' ) )->to_string();
		$this->assertSame( 'p12_a1b2c3d4', $sub_id );

		$parsed = SubId::parse( $sub_id );
		$this->assertNotNull( $parsed );
		$this->assertSame( 12, $parsed->post_id );
		$this->assertSame( 'a1b2c3d4', $parsed->placement_id );
	}

	/**
	 * Without a valid placement id the sub id is p{post_id}.
	 */
	public function test_drops_a_missing_or_invalid_placement_id(): void {
		$this->assertSame( 'p7', ( new SubId( 7 ) )->to_string() );
		$this->assertSame( 'p7', ( new SubId( 7, 'bad id!' ) )->to_string() );
		$this->assertSame( 'p7', ( new SubId( 7, str_repeat( 'a', 17 ) ) )->to_string() );

		$parsed = SubId::parse( 'p7' );
		$this->assertNotNull( $parsed );
		$this->assertSame( 7, $parsed->post_id );
		$this->assertSame( '', $parsed->placement_id );
	}

	/**
	 * The longest sub id still fits the networks' 40 characters.
	 */
	public function test_longest_sub_id_is_a_valid_sub_id(): void {
		$this->assertMatchesRegularExpression( TrackingLinkBuilder::SUB_ID_PATTERN, ( new SubId( PHP_INT_MAX, str_repeat( 'Z', 16 ) ) )->to_string() );
	}

	/**
	 * Sub ids that are not ours parse to null.
	 */
	public function test_rejects_foreign_sub_ids(): void {
		foreach ( array( '', 'p', 'x12', 'p12_', 'p12_a-b', 'p012', 'p12_abc_def', 'p1 2' ) as $foreign ) {
			$this->assertNull( SubId::parse( $foreign ), $foreign );
		}
	}
}
