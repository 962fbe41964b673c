<?php
/**
 * Keeps /{prefix}/ working inside WordPress without rewrite rules.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\LinkSettings;
use Afflux\Service;

/**
 * Answers cloaked links the early check deferred (once plugins are loaded), and turns every
 * other path under the prefix into the theme's 404: never a guessed redirect by
 * redirect_canonical(). No rewrite rule is involved, so nothing needs flushing.
 */
final class GoRoute implements Service {

	/**
	 * Hooks the late answer, the 404, the canonical-redirect guard and the check that keeps the
	 * early check's options autoloaded.
	 */
	public function init(): void {
		add_action( 'plugins_loaded', array( GoRedirect::class, 'answer' ), 0 );
		add_action( 'init', array( EarlyOptions::class, 'ensure' ) );
		add_action( 'parse_request', array( $this, 'not_found_under_prefix' ) );
		add_filter( 'redirect_canonical', array( $this, 'no_canonical_redirect_under_prefix' ) );
	}

	/**
	 * Any path under the prefix that reached WordPress is not one of our links: a 404.
	 *
	 * @param \WP $wp The request.
	 */
	public function not_found_under_prefix( \WP $wp ): void {
		if ( $this->is_under_prefix() ) {
			$wp->query_vars = array( 'error' => '404' );
		}
	}

	/**
	 * No canonical redirect (nor 404 permalink guess) under the prefix.
	 *
	 * @param string|false $redirect_url The redirect WordPress would send.
	 * @return string|false
	 */
	public function no_canonical_redirect_under_prefix( $redirect_url ) {
		return $this->is_under_prefix() ? false : $redirect_url;
	}

	/**
	 * Whether this request's path is under the prefix.
	 */
	private function is_under_prefix(): bool {
		$uri = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? $_SERVER['REQUEST_URI'] : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only compared to a prefix.
		return GoPath::is_under_prefix( $uri, GoRedirect::home_path(), LinkSettings::prefix() );
	}
}
