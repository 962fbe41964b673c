/**
 * WordPress dependencies
 */
import { Button, Notice, SearchControl, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { describeRequestError, searchProducts } from './products-api';
import type { CatalogueProduct } from './types';

interface ProductPickerProps {
	onPick: ( product: CatalogueProduct ) => void;
}

type SearchState =
	| { kind: 'loading' }
	| { kind: 'done'; products: CatalogueProduct[] }
	| { kind: 'error'; message: string };

/**
 * Searches the synced catalogue and lets the blogger pick one product.
 *
 * @param props        Component props.
 * @param props.onPick Called with the chosen product.
 */
export function ProductPicker( { onPick }: ProductPickerProps ) {
	const [ search, setSearch ] = useState( '' );
	const [ state, setState ] = useState< SearchState >( { kind: 'loading' } );

	useEffect( () => {
		const controller = new AbortController();
		setState( { kind: 'loading' } );
		// Wait for a pause in typing so each keystroke does not cost a request.
		const timer = window.setTimeout( () => {
			searchProducts( search, controller.signal )
				.then( ( products ) => setState( { kind: 'done', products } ) )
				.catch( ( error: unknown ) => {
					if ( controller.signal.aborted ) {
						return;
					}
					setState( {
						kind: 'error',
						message:
							describeRequestError( error ) ||
							__(
								'The catalogue could not be searched.',
								'afflux'
							),
					} );
				} );
		}, 250 );
		return () => {
			window.clearTimeout( timer );
			controller.abort();
		};
	}, [ search ] );

	return (
		<div className="afflux-product-picker">
			<SearchControl
				label={ __( 'Search the catalogue', 'afflux' ) }
				placeholder={ __( 'Product, brand or category', 'afflux' ) }
				value={ search }
				onChange={ ( value?: string ) => setSearch( value ?? '' ) }
				__nextHasNoMarginBottom
			/>
			{ state.kind === 'loading' && <Spinner /> }
			{ state.kind === 'error' && (
				<Notice status="error" isDismissible={ false }>
					{ state.message }
				</Notice>
			) }
			{ state.kind === 'done' && state.products.length === 0 && (
				<p className="afflux-product-picker__empty">
					{ search.trim() === ''
						? __(
								'The catalogue is empty: run the Afflux daemon to sync your networks.',
								'afflux'
						  )
						: __( 'No product matches these words.', 'afflux' ) }
				</p>
			) }
			{ state.kind === 'done' && state.products.length > 0 && (
				<ul
					className="afflux-product-picker__results"
					aria-label={ __( 'Search results', 'afflux' ) }
				>
					{ state.products.map( ( product ) => (
						<li key={ product.id }>
							<Button
								className="afflux-product-picker__result"
								variant="secondary"
								onClick={ () => onPick( product ) }
							>
								<span className="afflux-product-picker__title">
									{ product.title }
								</span>
								<span className="afflux-product-picker__meta">
									{ sprintf(
										/* translators: 1: price, 2: merchant name, 3: network name */
										__( '%1$s · %2$s · %3$s', 'afflux' ),
										product.price_formatted,
										product.merchant,
										product.network
									) }
								</span>
							</Button>
						</li>
					) ) }
				</ul>
			) }
		</div>
	);
}
