<?php
/**
 * Reads a post's row through PDO, for the no-WordPress entry point.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- plugin/go.php runs without WordPress, so without $wpdb.

/**
 * The post's row by primary key, read from WordPress's database without WordPress.
 */
final class PdoPostSource implements PostSource {

	/**
	 * Builds the source.
	 *
	 * @param \Closure $connect Opens (or reuses) the connection to WordPress's database.
	 * @param string   $table   The posts table, e.g. wp_posts (from the generated configuration).
	 * @phpstan-param \Closure(): \PDO $connect
	 */
	public function __construct( private readonly \Closure $connect, private readonly string $table ) {
	}

	/**
	 * The post's content and slug; null when absent or trashed.
	 *
	 * @param int $post_id Post id.
	 * @return array{post_content: string, post_name: string}|null
	 */
	public function row( int $post_id ): ?array {
		$statement = ( $this->connect )()->prepare( 'SELECT post_content, post_name, post_status FROM `' . $this->table . '` WHERE ID = ?' );
		$statement->execute( array( $post_id ) );
		$row = $statement->fetch( \PDO::FETCH_ASSOC );
		$statement->closeCursor();
		return is_array( $row ) ? PostRowFilter::usable( $row ) : null;
	}
}
