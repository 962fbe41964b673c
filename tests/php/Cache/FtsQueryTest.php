<?php
/**
 * Tests for FtsQuery.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Cache;

use Afflux\Cache\FtsQuery;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * MATCH expressions built from words.
 */
final class FtsQueryTest extends AffluxTestCase {

	/**
	 * Every term is quoted; the last is a prefix.
	 */
	public function test_quotes_terms_and_prefixes_the_last(): void {
		$this->assertSame( '"casque" "audio"*', FtsQuery::from_words( 'casque audio' ) );
		$this->assertSame( '"crème" "brûlée"*', FtsQuery::from_words( '  crème, brûlée!' ) );
	}

	/**
	 * FTS syntax becomes separators, never operators.
	 */
	public function test_syntax_is_not_passed_through(): void {
		$this->assertSame( '"NEAR" "casque" "audio" "2"', FtsQuery::from_words( 'NEAR(casque audio, 2)' ) );
		$this->assertSame( '"title" "casque"*', FtsQuery::from_words( 'title:"casque*' ) );
		$this->assertNull( FtsQuery::from_words( '"*-()^:' ) );
	}

	/**
	 * A one-letter last term is matched exactly, not as a prefix of most of the catalogue.
	 */
	public function test_one_letter_last_term_is_not_a_prefix(): void {
		$this->assertSame( '"casque" "x"', FtsQuery::from_words( 'casque x' ) );
		$this->assertSame( '"ca"*', FtsQuery::from_words( 'ca' ) );
	}
}
