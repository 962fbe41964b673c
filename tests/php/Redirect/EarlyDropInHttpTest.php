<?php
/**
 * The /go/ redirect through the early drop-in (wp-content/db.php), over real HTTP.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Tests\Redirect;

use Afflux\Links\LinkSettings;
use Afflux\Redirect\EarlyDropIn;
use Afflux\Redirect\EarlyPluginInstaller;

// phpcs:disable WordPress.WP.AlternativeFunctions -- a test writing and reading wp-content's drop-in.

/**
 * Every GoHttpTest case again (302 and headers, click rows, bot flags, hostile paths, 1000
 * concurrent clicks) with the drop-in installed as the one-click install writes it; with it, a
 * known link never makes WordPress connect to MariaDB. Also: another plugin's db.php is never
 * replaced nor removed, and a settings change rewrites the drop-in.
 */
final class EarlyDropInHttpTest extends GoHttpTest {

	/**
	 * Whether this test wrote the drop-in (and so removes it).
	 *
	 * @var bool
	 */
	private bool $installed_here = false;

	/**
	 * The drop-in installed, as Afflux → Links installs it.
	 */
	protected function set_up(): void {
		parent::set_up();
		$state = EarlyPluginInstaller::drop_in_state();
		if ( 'taken' === $state ) {
			$this->markTestSkipped( 'This site has another plugin\'s db.php.' );
		}
		$this->installed_here = 'absent' === $state;
		$this->assertTrue( EarlyPluginInstaller::install_drop_in() );
		$this->assertSame( 'installed', EarlyPluginInstaller::drop_in_state() );
	}

	/**
	 * Removes the drop-in unless the site had it before.
	 */
	protected function tear_down(): void {
		if ( $this->installed_here ) {
			EarlyPluginInstaller::remove_drop_in();
		}
		parent::tear_down();
	}

	/**
	 * Answered before WordPress connects: no statement at all.
	 */
	protected function statements_per_redirect(): int {
		return 0;
	}

	/**
	 * Another plugin's db.php is left as it is, and the mu-plugin (or the plugin's own early
	 * check) still answers.
	 */
	public function test_another_plugins_drop_in_is_never_replaced(): void {
		EarlyPluginInstaller::remove_drop_in();
		$path    = WP_CONTENT_DIR . '/' . EarlyDropIn::FILE;
		$foreign = "<?php\n// Another plugin's database drop-in (a test's stand-in: it sets no \$wpdb).\n";
		file_put_contents( $path, $foreign );
		try {
			$this->assertSame( 'taken', EarlyPluginInstaller::drop_in_state() );
			$this->assertFalse( EarlyPluginInstaller::install_drop_in() );
			EarlyPluginInstaller::remove_drop_in();
			$this->assertSame( $foreign, file_get_contents( $path ) );
			$this->assertSame( 302, $this->request( $this->path(), 'GET', array( 'User-Agent: Mozilla/5.0 Firefox/120.0' ) )['status'] );
		} finally {
			unlink( $path );
		}
		$this->assertCount( 1, $this->click_rows( 1 ) );
	}

	/**
	 * A link clicked before, whose memo is current, is answered by the drop-in from the memo
	 * (KeptLinkRedirect) with the click row of a resolved click, and no database statement.
	 */
	public function test_a_kept_link_is_answered_from_its_memo(): void {
		$headers  = array( 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'Referer: https://www.qwant.com/?q=casque' );
		$resolved = $this->request( $this->path(), 'GET', $headers );
		$row      = $this->click_rows( 1 )[0] ?? array();
		$kept     = $resolved['headers']['location'] . '&kept=1';
		$file     = $this->keep_link_memo( WP_CONTENT_DIR . '/' . EarlyDropIn::CONFIG_FILE, $this->path(), $kept, $row );
		try {
			$answered = $this->request( $this->path(), 'GET', $headers );
			$this->assertSame( 302, $answered['status'] );
			$this->assertSame( $kept, $answered['headers']['location'] ?? '' );
			$rows = $this->click_rows( 2 );
			$this->assertCount( 2, $rows );
			$this->assertSame( $this->click_facts( $rows[0] ), $this->click_facts( $rows[1] ) );
		} finally {
			unlink( $file );
		}
	}

	/**
	 * A new link prefix rewrites the drop-in and its configuration (the settings hook), so the
	 * old prefix is no longer answered early and the new one is.
	 */
	public function test_a_new_prefix_rewrites_the_drop_in(): void {
		$before = get_option( LinkSettings::OPTION );
		update_option( LinkSettings::OPTION, array_merge( LinkSettings::all(), array( 'link_prefix' => 'xgo' ) ) );
		try {
			$this->assertStringContainsString( "'/xgo/'", (string) file_get_contents( WP_CONTENT_DIR . '/' . EarlyDropIn::FILE ) );
			$config = require WP_CONTENT_DIR . '/' . EarlyDropIn::CONFIG_FILE;
			$this->assertSame( 'xgo', $config['link_prefix'] );
			$this->assertSame( '', $config['db']['password'], 'the password stays in wp-config.php' );
		} finally {
			update_option( LinkSettings::OPTION, $before );
		}
		$this->assertStringContainsString( "'/go/'", (string) file_get_contents( WP_CONTENT_DIR . '/' . EarlyDropIn::FILE ) );
	}
}
