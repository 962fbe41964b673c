<?php
/**
 * Tests for the daily visitor key.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Clicks;

use Afflux\Clicks\VisitorKey;
use Afflux\Tests\Support\AffluxTestCase;

/**
 * The key is the hash the class says, checked against values computed outside PHP (Python's
 * hashlib), so a change of algorithm, key, message or length cannot pass unnoticed.
 */
final class VisitorKeyTest extends AffluxTestCase {

	private const SALT = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

	private const AGENT = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';

	/**
	 * Keyed BLAKE2b where the sodium extension is loaded: hashlib.blake2b(b"198.51.100.7\n" +
	 * agent, key=salt, digest_size=16).hexdigest()[:16].
	 */
	public function test_key_is_keyed_blake2b_with_sodium(): void {
		if ( ! extension_loaded( 'sodium' ) ) {
			$this->markTestSkipped( 'this PHP has no sodium extension' );
		}
		$this->assertSame( 'aa71f1a52efc817c', VisitorKey::with_salt( '198.51.100.7', self::AGENT, self::SALT ) );
	}

	/**
	 * A salt BLAKE2b cannot take as a key (shorter than 16 bytes) falls back to HMAC-SHA256:
	 * hmac.new(salt, message, hashlib.sha256).hexdigest()[:16].
	 */
	public function test_salt_too_short_for_blake2b_uses_hmac(): void {
		$this->assertSame( 'fd18fc0e55873004', VisitorKey::with_salt( '198.51.100.7', self::AGENT, 'short' ) );
	}

	/**
	 * One key per reader and salt; another reader, agent or day's salt gives another; no address,
	 * no key.
	 */
	public function test_key_depends_on_address_agent_and_salt(): void {
		$key = VisitorKey::with_salt( '198.51.100.7', self::AGENT, self::SALT );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/D', $key );
		$this->assertSame( $key, VisitorKey::with_salt( '198.51.100.7', self::AGENT, self::SALT ) );
		$this->assertNotSame( $key, VisitorKey::with_salt( '198.51.100.8', self::AGENT, self::SALT ) );
		$this->assertNotSame( $key, VisitorKey::with_salt( '198.51.100.7', self::AGENT . ' ', self::SALT ) );
		$this->assertNotSame( $key, VisitorKey::with_salt( '198.51.100.7', self::AGENT, strrev( self::SALT ) ) );
		$this->assertSame( '', VisitorKey::with_salt( '', self::AGENT, self::SALT ) );
	}
}
