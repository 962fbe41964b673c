<?php
/**
 * The no-WordPress path's copy of where each link sends readers, valid while nothing it was
 * built from has changed.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\SubId;

/**
 * Resolving a link (the post's placement index, decoded; the product's link data; the URL
 * built and checked by RedirectTargetPolicy) was most of plugin/go.php's own time, yet its
 * answer only changes when one of its inputs does. So after a redirect go.php keeps the
 * Destination in wp-content/afflux-link-memo/s-{slug}.php, a PHP file opcache holds in shared
 * memory, stamped with everything the answer was built from:
 * - the cache's state (LinkTargetMemo::cache_state(): every commit of the daemon changes it);
 * - the post's placement index file (inode, size, mtime, ctime: every save of the post
 *   rewrites it atomically, a trashed post loses it);
 * - the settings the URL is built with (home URL, UTM template) and the build of the classes
 *   doing the work (GO_CLASSES_BUILD, so a plugin update never serves an older rule's URL).
 * A memo is used only when its stamp is the current one, so a stale copy opcache still holds
 * carries the old stamp and is ignored, and a memo only exists for links whose post has an
 * index file (a post read from the database has no stamp to check and is resolved every time).
 *
 * The stamp is taken before the link is resolved, so an input changed meanwhile leaves the memo
 * with a stamp that never matches; and, as for LinkTargetMemo, a memo is written only when
 * every input has been left alone for two seconds (file times have one-second resolution, and
 * a ctime cannot be set back). The stored destination was checked by RedirectTargetPolicy when
 * it was resolved; the folder is the plugin's own, like the configuration file go.php trusts.
 */
final class DestinationMemo {

	/**
	 * The memo files' name prefix, in LinkTargetMemo's folder (its deny rule covers them).
	 */
	private const PREFIX = 's-';

	/**
	 * Bumped when the file's shape changes.
	 */
	private const FORMAT = '1';

	/**
	 * Seconds an input must have been left alone before an answer built from it is kept.
	 */
	private const SETTLED_SECONDS = 2;

	/**
	 * Stamps taken by find(), by slug: [stamp, settled], or null when the post has no index file.
	 *
	 * @var array<string, array{0: string, 1: bool}|null>
	 */
	private array $stamps = array();

	/**
	 * Destinations resolved in this request, written by write_pending().
	 *
	 * @var array<string, Destination>
	 */
	private array $pending = array();

	/**
	 * Builds the memo.
	 *
	 * @param LinkTargetMemo $targets  The products' memo: its folder and the cache's state.
	 * @param PlacementIndex $index    The posts' placement index.
	 * @param string         $settings What the settings contribute to the stamp (settings_stamp()).
	 * @param int|null       $now      Unix time of the request (tests); null: time().
	 */
	public function __construct( private readonly LinkTargetMemo $targets, private readonly PlacementIndex $index, private readonly string $settings, private readonly ?int $now = null ) {
	}

	/**
	 * The memo of the no-WordPress configuration's site.
	 *
	 * @param StandaloneConfig $config  The configuration.
	 * @param LinkTargetMemo   $targets The products' memo of the same site.
	 */
	public static function for_config( StandaloneConfig $config, LinkTargetMemo $targets ): self {
		return new self( $targets, PlacementIndex::in( $config->content_dir ), self::settings_stamp( $config->home_url, $config->utm_template ) );
	}

	/**
	 * The settings' part of the stamp: what a URL is built with, and the build of the code.
	 *
	 * @param string      $home_url     The site's home URL ({site}, the post fallback).
	 * @param string      $utm_template The site's UTM template.
	 * @param string|null $build        The build of the classes (GO_CLASSES_BUILD); null: the
	 *                                  loaded bundle's, or 'src' without one (tests name go.php's).
	 */
	public static function settings_stamp( string $home_url, string $utm_template, ?string $build = null ): string {
		$build ??= defined( __NAMESPACE__ . '\\GO_CLASSES_BUILD' ) ? (string) constant( __NAMESPACE__ . '\\GO_CLASSES_BUILD' ) : 'src';
		return self::FORMAT . '|' . $build . '|' . md5( $home_url . "\n" . $utm_template );
	}

	/**
	 * The kept destination of a slug when nothing it was built from has changed; null otherwise.
	 *
	 * @param string $slug   The slug, as GoPath returned it ([A-Za-z0-9_-], so a safe file name).
	 * @param SubId  $sub_id The post and placement it names.
	 */
	public function find( string $slug, SubId $sub_id ): ?Destination {
		$stamp                 = $this->stamp( $sub_id->post_id );
		$this->stamps[ $slug ] = $stamp;
		if ( null === $stamp ) {
			return null;
		}
		// A deleted file opcache still holds is used only while its stamp is the current one (it is right then).
		$kept        = PhpDataFile::read( $this->path( $slug ) );
		$destination = self::destination_in( $kept, $slug );
		return null !== $destination && ( $kept['stamp'] ?? null ) === $stamp[0] ? $destination : null;
	}

	/**
	 * What find() answers, for a click that will not resolve the link itself (KeptLinkRedirect,
	 * the memo-hit lane of go.php and the db.php drop-in): the memo read before any stat, nothing
	 * built but the answer (each function and object a click runs costs it lookups).
	 *
	 * @param string $content_dir The site's wp-content folder (the configuration's copy).
	 * @param string $cache_path  The SQLite cache.
	 * @param string $settings    What the settings contribute to the stamp (settings_stamp()).
	 * @param string $slug        The slug, as GoPath returned it ([A-Za-z0-9_-]).
	 */
	public static function kept( string $content_dir, string $cache_path, string $settings, string $slug ): ?Destination {
		$kept        = PhpDataFile::read( self::file_in( LinkTargetMemo::dir_in( $content_dir ), $slug ) );
		$destination = self::destination_in( $kept, $slug );
		if ( null === $destination ) {
			return null;
		}
		$index = FileStamp::of( PlacementIndex::file_in( $content_dir, $destination->post_id ) );
		$stamp = null === $index ? null : self::stamp_of( $settings, $index[0], LinkTargetMemo::state_of( $cache_path, 0 )['stamp'] );
		return null !== $stamp && ( $kept['stamp'] ?? null ) === $stamp ? $destination : null;
	}

	/**
	 * The destination a memo file holds when the file is the slug's memo, whatever its stamp;
	 * null otherwise (a missing, corrupt or foreign file).
	 *
	 * @param mixed  $kept What the memo file returned (PhpDataFile::read()).
	 * @param string $slug The slug.
	 */
	private static function destination_in( mixed $kept, string $slug ): ?Destination {
		if ( ! is_array( $kept ) || ( $kept['slug'] ?? null ) !== $slug || ! isset( $kept['to'] ) || ! is_array( $kept['to'] ) ) {
			return null;
		}
		try {
			$destination = new Destination( ...$kept['to'] );
		} catch ( \Throwable $error ) {
			// A file of another shape: resolve instead.
			return null;
		}
		// The slug ends with the sub id it names (CloakedSlug): a memo naming another post or
		// placement is not this link's.
		$sub_id = 'p' . $destination->post_id . '_' . $destination->placement_id;
		return $slug === $sub_id || str_ends_with( $slug, '-' . $sub_id ) ? $destination : null;
	}

	/**
	 * Notes a destination just resolved, kept once the reader has been answered (only when
	 * find() took a stamp for the slug first: the stamp must predate the resolution).
	 *
	 * @param string      $slug        The slug.
	 * @param Destination $destination Where it sent the reader.
	 */
	public function remember( string $slug, Destination $destination ): void {
		$this->pending[ $slug ] = $destination;
	}

	/**
	 * Writes the remembered destinations (atomically) whose inputs were settled when stamped.
	 * Failures are silent: the next click resolves again.
	 */
	public function write_pending(): void {
		foreach ( $this->pending as $slug => $destination ) {
			$stamp = $this->stamps[ $slug ] ?? null;
			if ( null === $stamp || ! $stamp[1] || ! $this->targets->prepare_dir() ) {
				continue;
			}
			// A failure only costs the next click a resolution.
			PhpDataFile::write(
				$this->path( (string) $slug ),
				array(
					'stamp' => $stamp[0],
					'slug'  => (string) $slug,
					'to'    => get_object_vars( $destination ),
				)
			);
		}
		$this->pending = array();
	}

	/**
	 * Deletes the memos not rewritten since $time (links nobody clicks any more).
	 *
	 * @param int $time Unix time.
	 */
	public function forget_older_than( int $time ): void {
		foreach ( (array) glob( $this->targets->dir . '/' . self::PREFIX . '*.php' ) as $path ) {
			if ( is_string( $path ) && 1 === preg_match( '#/' . self::PREFIX . '[A-Za-z0-9_-]{1,120}\.php$#D', $path ) && (int) filemtime( $path ) < $time ) {
				// phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink, WordPress.PHP.NoSilencedErrors.Discouraged -- a concurrent delete is fine.
				@unlink( $path );
			}
		}
	}

	/**
	 * The file of a slug.
	 *
	 * @param string $slug The slug.
	 */
	public function path( string $slug ): string {
		return self::file_in( $this->targets->dir, $slug );
	}

	/**
	 * The memo file of a slug in the memo folder (LinkTargetMemo's).
	 *
	 * @param string $dir  The folder, e.g. wp-content/afflux-link-memo.
	 * @param string $slug The slug.
	 */
	private static function file_in( string $dir, string $slug ): string {
		return $dir . '/' . self::PREFIX . $slug . '.php';
	}

	/**
	 * A memo's stamp: what the settings, the post's index file and the cache were when it was
	 * made (find() and kept() must compose it alike).
	 *
	 * @param string $settings    settings_stamp().
	 * @param string $index_stamp FileStamp of the post's index file.
	 * @param string $cache_stamp LinkTargetMemo's cache stamp.
	 */
	private static function stamp_of( string $settings, string $index_stamp, string $cache_stamp ): string {
		return $settings . '|' . $index_stamp . '|' . $cache_stamp;
	}

	/**
	 * The stamp of a post's link (settings, index file, cache) and whether every input was left
	 * alone long enough; null when the post has no index file.
	 *
	 * @param int $post_id Post id.
	 * @return array{0: string, 1: bool}|null
	 */
	private function stamp( int $post_id ): ?array {
		$index = $post_id > 0 ? FileStamp::of( $this->index->path( $post_id ) ) : null;
		if ( null === $index ) {
			return null;
		}
		$cache = $this->targets->cache_state();
		$now   = $this->now ?? time();
		return array(
			self::stamp_of( $this->settings, $index[0], $cache['stamp'] ),
			$cache['settled'] && $index[1] <= $now - self::SETTLED_SECONDS,
		);
	}
}
