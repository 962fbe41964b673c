<?php
/**
 * Tests for CloakedSlug and the placement sub id it carries.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Links;

use Afflux\Links\CloakedSlug;
use Afflux\Links\SubId;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * Readable slugs that resolve by their sub id alone.
 */
final class CloakedSlugTest extends AffluxTestCase {

	/**
	 * The title becomes a readable prefix and the sub id ends the slug.
	 */
	public function test_builds_a_readable_slug_ending_with_the_sub_id(): void {
		$this->assertSame( 'casque-audio-sans-fil-ete-2026-p12_a1B2c3', CloakedSlug::build( 'Casque audio « sans fil » — été 2026', new SubId( 12, 'a1B2c3' ) ) );
	}

	/**
	 * A title with nothing readable keeps just the sub id; a long one is cut.
	 */
	public function test_unreadable_or_long_titles(): void {
		$this->assertSame( 'p3_x', CloakedSlug::build( '耳机', new SubId( 3, 'x' ) ) );
		$slug = (string) CloakedSlug::build( str_repeat( 'abc ', 40 ), new SubId( 3, 'x' ) );
		$this->assertLessThanOrEqual( 48 + 5, strlen( $slug ) );
		$this->assertSame( 'p3_x', (string) CloakedSlug::parse( $slug )?->to_string() );
	}

	/**
	 * Without a placement id there is no block to resolve: no slug.
	 */
	public function test_no_slug_without_placement_id(): void {
		$this->assertNull( CloakedSlug::build( 'Casque', new SubId( 12, '' ) ) );
		$this->assertNull( CloakedSlug::build( 'Casque', new SubId( 0, 'abc' ) ) );
	}

	/**
	 * The readable part is ignored when parsing: a renamed product keeps its link.
	 */
	public function test_parse_ignores_the_readable_part(): void {
		$this->assertSame( 'p12_a1B2c3', (string) CloakedSlug::parse( 'ancien-titre-p12_a1B2c3' )?->to_string() );
		$this->assertSame( 'p12_a1B2c3', (string) CloakedSlug::parse( 'p12_a1B2c3' )?->to_string() );
	}

	/**
	 * Anything but exactly our shape is refused.
	 *
	 * @dataProvider hostile_slugs
	 *
	 * @param string $slug A slug that must not parse.
	 */
	public function test_refuses_hostile_slugs( string $slug ): void {
		$this->assertNull( CloakedSlug::parse( $slug ) );
	}

	/**
	 * Open-redirect and SQL attempts.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function hostile_slugs(): array {
		return array(
			'sql quote'          => array( "p12_a1' OR '1'='1" ),
			'sql comment'        => array( 'p12_a1--' ),
			'sql semicolon'      => array( 'p12_a1;DROP TABLE wp_posts' ),
			'encoded url'        => array( 'https%3A%2F%2Fevil.example' ),
			'protocol relative'  => array( '//evil.example' ),
			'backslash'          => array( '\\\\evil.example' ),
			'crlf'               => array( "p12_a1\r\nLocation: https://evil.example" ),
			'unicode dot'        => array( "evil\u{3002}example-p12_a1" ),
			'post zero'          => array( 'p0_a1' ),
			'leading zero'       => array( 'p012_a1' ),
			'placement too long' => array( 'p12_' . str_repeat( 'a', 17 ) ),
			'uppercase readable' => array( 'Casque-p12_a1' ),
			'empty'              => array( '' ),
		);
	}
}
