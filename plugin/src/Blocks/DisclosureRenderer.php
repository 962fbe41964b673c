<?php
/**
 * Server rendering of the afflux/disclosure block.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Settings\Settings;

/**
 * The disclosure notice: the disclosure_text setting (French and English defaults), so changing
 * the setting changes every post at once.
 */
final class DisclosureRenderer implements BlockRenderer {

	public const BLOCK_NAME = 'afflux/disclosure';

	/**
	 * Site settings.
	 *
	 * @var Settings
	 */
	private Settings $settings;

	/**
	 * Builds the renderer.
	 *
	 * @param Settings $settings Site settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * The notice's HTML.
	 *
	 * @param array<string, mixed> $attributes Block attributes (className only).
	 * @param string               $content    Unused: the block is dynamic.
	 * @param \WP_Block|null       $block      Unused.
	 */
	public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string {
		$text = trim( $this->settings->disclosure_text() );
		if ( '' === $text ) {
			return '';
		}
		$classes = 'wp-block-afflux-disclosure';
		if ( isset( $attributes['className'] ) && is_string( $attributes['className'] ) && '' !== trim( $attributes['className'] ) ) {
			$classes .= ' ' . trim( $attributes['className'] );
		}
		return sprintf( '<p class="%1$s">%2$s</p>', esc_attr( $classes ), esc_html( $text ) );
	}
}
