<?php
/**
 * The contract of a dynamic block's server renderer.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

/**
 * Renders one block on the server, as a register_block_type() render_callback.
 */
interface BlockRenderer {

	/**
	 * The block's HTML. Must never throw nor emit a PHP warning.
	 *
	 * @param array<string, mixed> $attributes Block attributes (already defaulted by WordPress).
	 * @param string               $content    Saved inner content (unused by dynamic blocks).
	 * @param \WP_Block|null       $block      The block instance, for its context.
	 */
	public function render( array $attributes, string $content = '', ?\WP_Block $block = null ): string;
}
