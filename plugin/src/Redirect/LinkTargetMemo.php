<?php
/**
 * The no-WordPress path's copy of the products it redirected to, valid while the cache is unchanged.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Cache\LinkTarget;

/**
 * Reading a product's link data from the SQLite cache (opening it, one prepared join) was half
 * of plugin/go.php's time. Between two syncs the answer never changes, so after a redirect
 * go.php keeps it in wp-content/afflux-link-memo/{product id}.php, a PHP file returning the
 * data (opcache holds it in shared memory: reading it costs no file read), stamped with the
 * cache's state: the inode, size, mtime and ctime of the cache file and of its write-ahead log,
 * which every commit of the daemon changes. A memo is used only when its stamp is the cache's
 * current one, so a product the daemon marks gone, a new template or a new cache file is seen
 * on the very next click; a stale copy that opcache still holds carries the old stamp and is
 * ignored.
 *
 * File times have one-second resolution here, so a commit in the same second as the read
 * could leave the stamp unchanged: a memo is written only when the cache's last change is at
 * least two seconds older than the stamp (a cache being written to is read from SQLite, as
 * before). A web request for a memo file runs it and prints nothing.
 */
final class LinkTargetMemo {

	/**
	 * The folder's name, inside wp-content.
	 */
	public const DIR = 'afflux-link-memo';

	/**
	 * Seconds the cache must have been left alone before its data is kept.
	 */
	private const SETTLED_SECONDS = 2;

	/**
	 * The cache's stamp and whether it is settled, read once per request (null until read).
	 *
	 * @var array{stamp: string, settled: bool}|null
	 */
	private ?array $state = null;

	/**
	 * Targets read from the cache in this request, written by write_pending().
	 *
	 * @var array<int, LinkTarget>
	 */
	private array $pending = array();

	/**
	 * Builds the memo.
	 *
	 * @param string   $dir        The folder, e.g. wp-content/afflux-link-memo.
	 * @param string   $cache_path The SQLite cache the targets come from.
	 * @param int|null $now        Unix time of the request (tests); null: time().
	 */
	public function __construct( public readonly string $dir, private readonly string $cache_path, private readonly ?int $now = null ) {
	}

	/**
	 * The memo of a site, from its wp-content folder.
	 *
	 * @param string $content_dir The no-WordPress configuration's copy of WP_CONTENT_DIR.
	 * @param string $cache_path  The SQLite cache.
	 */
	public static function in( string $content_dir, string $cache_path ): self {
		return new self( self::dir_in( $content_dir ), $cache_path );
	}

	/**
	 * The memo folder in a wp-content folder (DestinationMemo's files are there too).
	 *
	 * @param string $content_dir The no-WordPress configuration's copy of WP_CONTENT_DIR.
	 */
	public static function dir_in( string $content_dir ): string {
		return rtrim( $content_dir, '/' ) . '/' . self::DIR;
	}

	/**
	 * The kept target of a product when the cache has not changed since; null otherwise.
	 *
	 * @param int $product_id Local product id.
	 */
	public function find( int $product_id ): ?LinkTarget {
		if ( $product_id < 1 ) {
			return null;
		}
		$kept = PhpDataFile::read( $this->path( $product_id ) );
		if ( ! is_array( $kept ) || ! isset( $kept['stamp'], $kept['target'] ) || $kept['stamp'] !== $this->cache_state()['stamp'] || ! is_array( $kept['target'] ) ) {
			return null;
		}
		try {
			$target = new LinkTarget( ...$kept['target'] );
		} catch ( \Throwable $error ) {
			// A file of another shape (an older plugin version): read the cache instead.
			return null;
		}
		return $target->product_id === $product_id ? $target : null;
	}

	/**
	 * Notes a target just read from the cache, to be kept once the reader has been answered.
	 *
	 * @param LinkTarget $target The product's link data.
	 */
	public function remember( LinkTarget $target ): void {
		$this->pending[ $target->product_id ] = $target;
	}

	/**
	 * Writes the remembered targets (atomically), when the cache was settled when read.
	 * Failures are silent: the next click reads the cache again.
	 */
	public function write_pending(): void {
		if ( array() === $this->pending || ! $this->cache_state()['settled'] || ! $this->prepare_dir() ) {
			return;
		}
		foreach ( $this->pending as $product_id => $target ) {
			// A failure only costs the next click a cache read.
			PhpDataFile::write(
				$this->path( $product_id ),
				array(
					'stamp'  => $this->cache_state()['stamp'],
					'target' => get_object_vars( $target ),
				)
			);
		}
		$this->pending = array();
	}

	/**
	 * Deletes the files not rewritten since $time (products nobody clicks any more, or gone
	 * from the cache); a deleted file only costs its next click a cache read.
	 *
	 * @param int $time Unix time.
	 */
	public function forget_older_than( int $time ): void {
		foreach ( (array) glob( $this->dir . '/*.php' ) as $path ) {
			if ( is_string( $path ) && 1 === preg_match( '#/[0-9]+\.php$#D', $path ) && (int) filemtime( $path ) < $time ) {
				// phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink, WordPress.PHP.NoSilencedErrors.Discouraged -- a concurrent delete is fine.
				@unlink( $path );
			}
		}
	}

	/**
	 * The file of a product.
	 *
	 * @param int $product_id Local product id.
	 */
	public function path( int $product_id ): string {
		return $this->dir . '/' . $product_id . '.php';
	}

	/**
	 * The cache's stamp (what every commit changes) and whether it was left alone long enough
	 * for its data to be kept, read from the file system once per request (DestinationMemo
	 * stamps its files with it too).
	 *
	 * @return array{stamp: string, settled: bool}
	 */
	public function cache_state(): array {
		$this->state ??= self::state_of( $this->cache_path, $this->now ?? time() );
		return $this->state;
	}

	/**
	 * A cache's stamp and whether it is settled, read from the file system (cache_state() keeps
	 * it for the request; DestinationMemo::kept() reads it once per click).
	 *
	 * @param string $cache_path The SQLite cache.
	 * @param int    $now        Unix time of the request.
	 * @return array{stamp: string, settled: bool}
	 */
	public static function state_of( string $cache_path, int $now ): array {
		$stamp = $cache_path;
		$last  = 0;
		foreach ( array( $cache_path, $cache_path . '-wal' ) as $file ) {
			$file_stamp = FileStamp::of( $file );
			$stamp     .= '|' . ( $file_stamp[0] ?? '-' );
			$last       = max( $last, $file_stamp[1] ?? 0 );
		}
		return array(
			'stamp'   => $stamp,
			'settled' => $last > 0 && $last <= $now - self::SETTLED_SECONDS,
		);
	}

	/**
	 * Creates the folder, when missing, with a deny rule and an empty index; false when it
	 * cannot (DestinationMemo writes into it too).
	 */
	public function prepare_dir(): bool {
		if ( is_dir( $this->dir ) ) {
			return true;
		}
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- runs without WordPress; failures are returned.
		if ( ! @mkdir( $this->dir, 0770, true ) && ! is_dir( $this->dir ) ) {
			return false;
		}
		@file_put_contents( $this->dir . '/.htaccess', "Require all denied\n" );
		@file_put_contents( $this->dir . '/index.php', "<?php\n// Silence is golden.\n" );
		// phpcs:enable
		return is_writable( $this->dir );
	}
}
