<?php
/**
 * Tests for TrackingLinkBuilder.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Links;

use Afflux\Links\TrackingLinkBuilder;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The shared tracking-link vectors, and the builder's refusals.
 */
final class TrackingLinkBuilderTest extends AffluxTestCase {

	private const AWIN = 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=123456&clickref={sub_id}&ued={landing_url}';

	/**
	 * Every case of tests/vectors/tracking-links.json, named by its name.
	 *
	 * @return array<string, array{0: array<string, mixed>}>
	 */
	public function vector_cases(): array {
		$json  = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/vectors/tracking-links.json' ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local file.
		$cases = array();
		foreach ( $json['cases'] as $case ) {
			$cases[ $case['name'] ] = array( $case );
		}
		return $cases;
	}

	/**
	 * Each vector's expected URL.
	 *
	 * @dataProvider vector_cases
	 *
	 * @param array<string, mixed> $vector One case.
	 */
	public function test_builds_the_vector_url( array $vector ): void {
		$host = (string) wp_parse_url( $vector['template'], PHP_URL_HOST );
		$this->assertSame(
			$vector['expected'],
			( new TrackingLinkBuilder() )->build( $vector['template'], $host, $vector['landing_url'], $vector['utm'], $vector['sub_id'] )
		);
	}

	/**
	 * The vector file must not be empty, or the data provider would prove nothing.
	 */
	public function test_vector_file_has_cases(): void {
		$this->assertGreaterThanOrEqual( 7, count( $this->vector_cases() ) );
	}

	/**
	 * Every network of networks.md has at least 5 cases and a documented template shape.
	 */
	public function test_every_network_has_five_cases_and_a_shape(): void {
		$json = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/vectors/tracking-links.json' ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local file.
		foreach ( array( 'awin', 'effiliation', 'impact', 'cj', 'rakuten', 'tiktok', 'amazon', '1tpe' ) as $network ) {
			$count = count( array_filter( $json['cases'], static fn ( array $vector ): bool => $network === $vector['network'] ) );
			$this->assertGreaterThanOrEqual( 5, $count, $network );
			$this->assertIsString( $json['networks'][ $network ] ?? null, $network );
		}
	}

	/**
	 * A template pointing elsewhere than its tracking host is refused.
	 */
	public function test_refuses_a_url_whose_host_is_not_the_tracking_host(): void {
		$this->assertNull( ( new TrackingLinkBuilder() )->build( self::AWIN, 'www.awin1.com.evil.example', 'https://shop.example/p', array(), 'p1' ) );
		$this->assertNull( ( new TrackingLinkBuilder() )->build( 'https://www.awin1.com@evil.example/?u={landing_url}', 'www.awin1.com', 'https://shop.example/p', array(), 'p1' ) );
	}

	/**
	 * A sub id outside [A-Za-z0-9_-]{1,40} is refused, so nothing can be injected through it.
	 */
	public function test_refuses_an_invalid_sub_id(): void {
		$builder = new TrackingLinkBuilder();
		$this->assertNull( $builder->build( self::AWIN, 'www.awin1.com', 'https://shop.example/p', array(), 'p1&x=1' ) );
		$this->assertNull( $builder->build( self::AWIN, 'www.awin1.com', 'https://shop.example/p', array(), '' ) );
		$this->assertNull( $builder->build( self::AWIN, 'www.awin1.com', 'https://shop.example/p', array(), str_repeat( 'a', 41 ) ) );
	}

	/**
	 * A javascript: landing URL is refused.
	 */
	public function test_refuses_a_landing_url_that_is_not_http(): void {
		$this->assertNull( ( new TrackingLinkBuilder() )->build( self::AWIN, 'www.awin1.com', 'javascript:alert(1)', array(), 'p1' ) );
	}
}
