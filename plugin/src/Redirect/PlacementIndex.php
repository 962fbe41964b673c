<?php
/**
 * Per-post files listing a post's Afflux placements, for the no-WordPress entry point.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Placements\InlineLinkMarkup;

/**
 * Without it, plugin/go.php would open WordPress's database on every click only to read one
 * post's content. When a post is saved, the plugin writes wp-content/afflux-placements/{id}.php
 * holding, as JSON after a first line that exits, the post's slug and each Afflux block's name
 * and attributes by placement id; go.php reads it with one small file read (not include: an
 * opcache that does not revalidate files would keep serving an old version). A missing file (a
 * post saved before this index existed, a write that failed) just means "read the database
 * instead"; a trashed or deleted post has no file. Both /go/ paths read it (the WordPress one
 * saves a query and a scan of the post); posts changed while the plugin was inactive are
 * caught up by PlacementIndexWriter::rebuild() on activation. A web request for a file prints
 * nothing.
 */
final class PlacementIndex {

	/**
	 * The folder's name, inside wp-content.
	 */
	public const DIR = 'afflux-placements';

	/**
	 * The first line of every file: a web request for it runs this and prints nothing.
	 */
	private const HEADER = "<?php exit; ?>\n";

	/**
	 * Builds the index.
	 *
	 * @param string $dir The folder, e.g. wp-content/afflux-placements.
	 */
	public function __construct( public readonly string $dir ) {
	}

	/**
	 * The index of a site, from its wp-content folder.
	 *
	 * @param string $content_dir WP_CONTENT_DIR, or the no-WordPress configuration's copy.
	 */
	public static function in( string $content_dir ): self {
		return new self( self::dir_in( $content_dir ) );
	}

	/**
	 * A post's index file, from the site's wp-content folder, without building the index
	 * (DestinationMemo::kept() stamps a click with it).
	 *
	 * @param string $content_dir WP_CONTENT_DIR, or the no-WordPress configuration's copy.
	 * @param int    $post_id     Post id.
	 */
	public static function file_in( string $content_dir, int $post_id ): string {
		return self::dir_in( $content_dir ) . '/' . $post_id . '.php';
	}

	/**
	 * The index's folder in a wp-content folder.
	 *
	 * @param string $content_dir WP_CONTENT_DIR, or the no-WordPress configuration's copy.
	 */
	private static function dir_in( string $content_dir ): string {
		return rtrim( $content_dir, '/' ) . '/' . self::DIR;
	}

	/**
	 * The post's entry; null when the post has no file (the caller reads the database).
	 *
	 * @param int $post_id Post id.
	 * @return array{post_name: string, placements: array<mixed>}|null The file's data, checked by the caller.
	 */
	public function read( int $post_id ): ?array {
		$path = $this->path( $post_id );
		if ( $post_id < 1 || ! is_file( $path ) ) {
			return null;
		}
		$text  = file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file, no WordPress here.
		$entry = is_string( $text ) && str_starts_with( $text, self::HEADER ) ? json_decode( substr( $text, strlen( self::HEADER ) ), true ) : null;
		if ( ! is_array( $entry ) || ! isset( $entry['post_name'], $entry['placements'] ) || ! is_string( $entry['post_name'] ) || ! is_array( $entry['placements'] ) ) {
			return null;
		}
		return $entry;
	}

	/**
	 * Writes a post's entry from its content (atomically: a reader sees the old file or the
	 * new one); false when it could not, in which case no stale file is left behind.
	 *
	 * @param int    $post_id   Post id.
	 * @param string $post_name The post's slug.
	 * @param string $content   The post's serialized blocks.
	 */
	public function write( int $post_id, string $post_name, string $content ): bool {
		$entry = array(
			'post_name'  => $post_name,
			'placements' => self::placements( parse_blocks( $content ) ),
		);
		$path  = $this->path( $post_id );
		if ( ! is_dir( $this->dir ) && ! $this->prepare_dir() ) {
			$this->delete( $post_id );
			return false;
		}
		$json = wp_json_encode( $entry, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		if ( false === $json || ! AtomicFile::replace( $path, self::HEADER . $json ) ) {
			$this->delete( $post_id );
			return false;
		}
		return true;
	}

	/**
	 * Removes a post's entry (trashed or deleted: its links resolve no more).
	 *
	 * @param int $post_id Post id.
	 */
	public function delete( int $post_id ): void {
		$path = $this->path( $post_id );
		if ( is_file( $path ) ) {
			// phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink, WordPress.PHP.NoSilencedErrors.Discouraged -- the file must go; a concurrent delete is fine.
			@unlink( $path );
		}
	}

	/**
	 * Removes every post's file (before the whole index is written again).
	 */
	public function clear(): void {
		foreach ( (array) glob( $this->dir . '/*.php' ) as $path ) {
			if ( is_string( $path ) && 1 === preg_match( '#/[0-9]+\.php$#D', $path ) ) {
				// phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink, WordPress.PHP.NoSilencedErrors.Discouraged -- the file must go; a concurrent delete is fine.
				@unlink( $path );
			}
		}
	}

	/**
	 * The file of a post.
	 *
	 * @param int $post_id Post id.
	 */
	public function path( int $post_id ): string {
		return $this->dir . '/' . $post_id . '.php';
	}

	/**
	 * Every Afflux block with a placement id, first one wins (as PlacementLocator finds it).
	 *
	 * @param array<mixed> $blocks Parsed blocks.
	 * @return array<string, array{name: string, attributes: array<string, mixed>}>
	 */
	private static function placements( array $blocks ): array {
		$found = array();
		foreach ( $blocks as $block ) {
			if ( ! is_array( $block ) ) {
				continue;
			}
			$name       = isset( $block['blockName'] ) && is_string( $block['blockName'] ) ? $block['blockName'] : '';
			$attributes = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array();
			$id         = $attributes['placementId'] ?? null;
			if ( str_starts_with( $name, 'afflux/' ) && is_string( $id ) && 1 === preg_match( '/^[A-Za-z0-9]{1,16}$/D', $id ) && ! isset( $found[ $id ] ) ) {
				$found[ $id ] = array(
					'name'       => $name,
					'attributes' => $attributes,
				);
			}
			// Inline affiliate links (PlacementLocator::inline_link()): the format's name and its product.
			$html = isset( $block['innerHTML'] ) && is_string( $block['innerHTML'] ) ? $block['innerHTML'] : '';
			foreach ( str_contains( $html, 'data-afflux-product=' ) ? InlineLinkMarkup::links( $html ) : array() as $link ) {
				if ( '' !== $link['placement_id'] && ! isset( $found[ $link['placement_id'] ] ) ) {
					$found[ $link['placement_id'] ] = array(
						'name'       => InlineLinkMarkup::FORMAT_NAME,
						'attributes' => array(
							'productId'   => $link['product_id'],
							'placementId' => $link['placement_id'],
						),
					);
				}
			}
			if ( isset( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) ) {
				$found += self::placements( $block['innerBlocks'] );
			}
		}
		return $found;
	}

	/**
	 * Creates the folder with a deny rule and an empty index.
	 */
	private function prepare_dir(): bool {
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- failures are returned.
		if ( ! wp_mkdir_p( $this->dir ) ) {
			return false;
		}
		@file_put_contents( $this->dir . '/.htaccess', "Require all denied\n" );
		@file_put_contents( $this->dir . '/index.php', "<?php\n// Silence is golden.\n" );
		// phpcs:enable
		return is_writable( $this->dir );
	}
}
