/**
 * Internal dependencies
 */
import type {
	CatalogueProduct,
	ListSnapshot,
	ProductListAttributes,
} from '../shared/types';

type ChosenProducts = Pick< ProductListAttributes, 'productIds' | 'snapshots' >;

/**
 * The list with $product added at the end (once).
 *
 * @param list    Chosen ids and snapshots.
 * @param product The picked product.
 */
export function addProduct(
	list: ChosenProducts,
	product: CatalogueProduct
): ChosenProducts {
	if ( list.productIds.includes( product.id ) ) {
		return list;
	}
	return {
		productIds: [ ...list.productIds, product.id ],
		snapshots: [
			...list.snapshots,
			{ id: product.id, title: product.title, url: product.landing_url },
		],
	};
}

/**
 * The list without the product $id.
 *
 * @param list Chosen ids and snapshots.
 * @param id   Product id.
 */
export function removeProduct(
	list: ChosenProducts,
	id: number
): ChosenProducts {
	return {
		productIds: list.productIds.filter( ( chosen ) => chosen !== id ),
		snapshots: list.snapshots.filter( ( snapshot ) => snapshot.id !== id ),
	};
}

/**
 * The list with the product $id moved one place up (-1) or down (+1); unchanged at an end.
 *
 * @param list Chosen ids and snapshots.
 * @param id   Product id.
 * @param step -1 or +1.
 */
export function moveProduct(
	list: ChosenProducts,
	id: number,
	step: -1 | 1
): ChosenProducts {
	const from = list.productIds.indexOf( id );
	const to = from + step;
	if ( from < 0 || to < 0 || to >= list.productIds.length ) {
		return list;
	}
	const ids = [ ...list.productIds ];
	ids.splice( to, 0, ...ids.splice( from, 1 ) );
	// Snapshots follow the ids' order; a product without one keeps none.
	const byId = new Map< number, ListSnapshot >(
		list.snapshots.map( ( snapshot ) => [ snapshot.id, snapshot ] )
	);
	return {
		productIds: ids,
		snapshots: ids
			.map( ( chosen ) => byId.get( chosen ) )
			.filter( ( snapshot ): snapshot is ListSnapshot =>
				Boolean( snapshot )
			),
	};
}
