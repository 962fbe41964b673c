<?php
/**
 * Finds a placement in the placement index, else in the database.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Redirect;

use Afflux\Links\SubId;

/**
 * The no-WordPress entry point's source: the post's index file (one small read, no database)
 * when the post has one, the fallback (the post's row) when it has none.
 */
final class IndexedPlacements implements PlacementSource {

	/**
	 * Builds the source.
	 *
	 * @param PlacementIndex  $index    The per-post index files.
	 * @param PlacementSource $fallback For posts without a file.
	 */
	public function __construct( private readonly PlacementIndex $index, private readonly PlacementSource $fallback ) {
	}

	/**
	 * The post's slug and the block, or null.
	 *
	 * @param SubId $sub_id The post and placement.
	 * @return array{post_name: string, name: string, attributes: array<string, mixed>}|null
	 */
	public function find( SubId $sub_id ): ?array {
		$entry = $this->index->read( $sub_id->post_id );
		if ( null === $entry ) {
			return $this->fallback->find( $sub_id );
		}
		$block = self::usable( $entry['placements'][ $sub_id->placement_id ] ?? null ) ?? self::row( $entry['placements'], $sub_id->placement_id );
		if ( null === $block ) {
			return null;
		}
		return array(
			'post_name'  => $entry['post_name'],
			'name'       => $block['name'],
			'attributes' => $block['attributes'],
		);
	}

	/**
	 * A list row's block (PlacementLocator's rule), from the post's indexed lists.
	 *
	 * @param array<mixed> $placements The index's blocks by placement id.
	 * @param string       $placement_id The row's placement id.
	 * @return array{name: string, attributes: array<string, mixed>}|null
	 */
	private static function row( array $placements, string $placement_id ): ?array {
		$row = PlacementLocator::parse_row( $placement_id );
		if ( null === $row ) {
			return null;
		}
		foreach ( $placements as $candidate ) {
			$block = self::usable( $candidate );
			if ( null !== $block && PlacementLocator::is_list_of_row( $block['name'], $block['attributes'], $row['prefix'] ) ) {
				return PlacementLocator::row_block( $block, $row['row'] );
			}
		}
		return null;
	}

	/**
	 * An index entry's block when it has the expected shape.
	 *
	 * @param mixed $block One entry of the index's placements.
	 * @return array{name: string, attributes: array<string, mixed>}|null
	 */
	private static function usable( $block ): ?array {
		if ( ! is_array( $block ) || ! isset( $block['name'], $block['attributes'] ) || ! is_string( $block['name'] ) || ! is_array( $block['attributes'] ) ) {
			return null;
		}
		return array(
			'name'       => $block['name'],
			'attributes' => $block['attributes'],
		);
	}
}
