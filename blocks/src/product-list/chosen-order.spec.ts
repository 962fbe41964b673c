import { addProduct, moveProduct, removeProduct } from './chosen-order';
import type { CatalogueProduct, ListSnapshot } from '../shared/types';

const product = ( id: number ) =>
	( {
		id,
		title: `Produit ${ id }`,
		landing_url: `https://shop.example/${ id }`,
	} ) as CatalogueProduct;

const list = [ 1, 2, 3 ].reduce(
	( current, id ) => addProduct( current, product( id ) ),
	{ productIds: [] as number[], snapshots: [] as ListSnapshot[] }
);

describe( 'chosen products of a list', () => {
	it( 'adds a product once, with its snapshot', () => {
		const again = addProduct( list, product( 2 ) );
		expect( again.productIds ).toEqual( [ 1, 2, 3 ] );
		expect( again.snapshots[ 1 ] ).toEqual( {
			id: 2,
			title: 'Produit 2',
			url: 'https://shop.example/2',
		} );
	} );

	it( 'moves a product and its snapshot', () => {
		const moved = moveProduct( list, 3, -1 );
		expect( moved.productIds ).toEqual( [ 1, 3, 2 ] );
		expect( moved.snapshots.map( ( s ) => s.id ) ).toEqual( [ 1, 3, 2 ] );
	} );

	it( 'leaves the list alone when moving past an end', () => {
		expect( moveProduct( list, 1, -1 ) ).toBe( list );
		expect( moveProduct( list, 3, 1 ) ).toBe( list );
	} );

	it( 'removes a product and its snapshot', () => {
		const removed = removeProduct( list, 2 );
		expect( removed.productIds ).toEqual( [ 1, 3 ] );
		expect( removed.snapshots.map( ( s ) => s.id ) ).toEqual( [ 1, 3 ] );
	} );
} );
