<?php
/**
 * Reads and writes the placements table.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Placements;

/**
 * The only code that touches {prefix}afflux_placements.
 */
final class PlacementStore {

	/**
	 * Replaces a post's rows with $rows.
	 *
	 * @param int                                                                    $post_id Post id.
	 * @param list<array{placement_id: string, block_name: string, product_id: int}> $rows    The post's placements.
	 */
	public function replace( int $post_id, array $rows ): void {
		global $wpdb;
		$table = PlacementSchema::table();
		$this->delete( $post_id );
		if ( array() === $rows ) {
			return;
		}
		$values = array();
		$params = array();
		foreach ( $rows as $row ) {
			$values[] = '(%d, %s, %s, %d)';
			array_push( $params, $post_id, $row['placement_id'], $row['block_name'], $row['product_id'] );
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own table; the placeholders are built above.
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} (post_id, placement_id, block_name, product_id) VALUES " . implode( ', ', $values ), $params ) );
	}

	/**
	 * Removes a post's rows.
	 *
	 * @param int $post_id Post id.
	 */
	public function delete( int $post_id ): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table, written on save.
		$wpdb->delete( PlacementSchema::table(), array( 'post_id' => $post_id ), array( '%d' ) );
	}

	/**
	 * The posts placing each of these products, in one query.
	 *
	 * @param int[] $product_ids Product ids.
	 * @return array<int, list<int>> Post ids by product id; products no post uses are absent.
	 */
	public function posts_using( array $product_ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $product_ids ), static fn ( int $id ): bool => $id > 0 ) ) );
		if ( array() === $ids ) {
			return array();
		}
		$table = PlacementSchema::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own table; one %d per id.
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT DISTINCT product_id, post_id FROM {$table} WHERE product_id IN (" . implode( ', ', array_fill( 0, count( $ids ), '%d' ) ) . ') ORDER BY product_id, post_id', $ids ), 'ARRAY_A' );
		$posts = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$posts[ (int) $row['product_id'] ][] = (int) $row['post_id'];
		}
		return $posts;
	}

	/**
	 * A post's rows, for tests and tools.
	 *
	 * @param int $post_id Post id.
	 * @return list<array{placement_id: string, block_name: string, product_id: int}>
	 */
	public function for_post( int $post_id ): array {
		global $wpdb;
		$table = PlacementSchema::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table.
		$rows   = $wpdb->get_results( $wpdb->prepare( "SELECT placement_id, block_name, product_id FROM {$table} WHERE post_id = %d ORDER BY placement_id, product_id", $post_id ), 'ARRAY_A' );
		$result = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$result[] = array(
				'placement_id' => (string) $row['placement_id'],
				'block_name'   => (string) $row['block_name'],
				'product_id'   => (int) $row['product_id'],
			);
		}
		return $result;
	}
}
