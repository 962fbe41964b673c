/**
 * WordPress dependencies
 */
import {
	Button,
	CheckboxControl,
	Notice,
	SearchControl,
	SelectControl,
	Spinner,
} from '@wordpress/components';
import { useEffect, useMemo, useState } from '@wordpress/element';
import { __, sprintf, _n } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	describeRequestError,
	NO_FILTERS,
	searchProducts,
} from './products-api';
import { MerchantSelect, merchantsOfNetwork } from './merchant-select';
import { NetworkSelect } from './network-select';
import { useMerchants } from './use-merchants';
import { availabilityLabel, termsLine } from './product-summary';
import { checkedAgo } from './relative-age';
import type { CatalogueProduct, ProductFilters, ProductSort } from './types';

interface ProductPickerProps {
	onPick: ( product: CatalogueProduct ) => void;
}

type SearchState =
	| { kind: 'loading' }
	| { kind: 'done'; products: CatalogueProduct[] }
	| { kind: 'error'; message: string };

/**
 * Searches the synced catalogue, with filters and a sort order, and lets the blogger pick one
 * product. Every result shows what matters to choose: price, merchant, stock, the programme's
 * terms and how fresh the price is.
 *
 * @param props        Component props.
 * @param props.onPick Called with the chosen product.
 */
export function ProductPicker( { onPick }: ProductPickerProps ) {
	const [ search, setSearch ] = useState( '' );
	const [ filters, setFilters ] = useState< ProductFilters >( NO_FILTERS );
	// Without the list the merchant filter is simply not offered; the search says why.
	const merchants = useMerchants();
	const [ state, setState ] = useState< SearchState >( { kind: 'loading' } );

	useEffect( () => {
		const controller = new AbortController();
		setState( { kind: 'loading' } );
		// Wait for a pause in typing so each keystroke does not cost a request.
		const timer = window.setTimeout( () => {
			searchProducts( search, filters, controller.signal )
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
	}, [ search, filters ] );

	const networks = useMemo(
		() => [ ...new Set( merchants.map( ( m ) => m.network ) ) ],
		[ merchants ]
	);
	const merchantOptions = merchantsOfNetwork( merchants, filters.network );
	const filtered =
		filters.network !== '' || filters.merchant !== '' || filters.inStock;
	const now = Date.now();

	return (
		<div className="afflux-product-picker">
			<SearchControl
				label={ __( 'Search the catalogue', 'afflux' ) }
				placeholder={ __( 'Product, brand or category', 'afflux' ) }
				value={ search }
				onChange={ ( value?: string ) => setSearch( value ?? '' ) }
				__nextHasNoMarginBottom
			/>
			<div className="afflux-product-picker__filters">
				{ networks.length > 1 && (
					<NetworkSelect
						className="afflux-product-picker__network"
						networks={ networks }
						value={ filters.network }
						onChange={ ( network ) =>
							setFilters( { ...filters, network, merchant: '' } )
						}
					/>
				) }
				{ merchantOptions.length > 0 && (
					<MerchantSelect
						className="afflux-product-picker__merchant"
						merchants={ merchants }
						network={ filters.network }
						value={ filters.merchant }
						onChange={ ( merchant, network ) =>
							setFilters( { ...filters, merchant, network } )
						}
					/>
				) }
				<SelectControl
					className="afflux-product-picker__sort"
					label={ __( 'Sort by', 'afflux' ) }
					value={ filters.orderby }
					options={ [
						{
							label: __( 'Best match', 'afflux' ),
							value: 'relevance',
						},
						{
							label: __( 'Highest commission', 'afflux' ),
							value: 'commission',
						},
						{
							label: __( 'Lowest price', 'afflux' ),
							value: 'price',
						},
					] }
					onChange={ ( orderby: string ) =>
						setFilters( {
							...filters,
							orderby: orderby as ProductSort,
						} )
					}
					__nextHasNoMarginBottom
				/>
				<CheckboxControl
					className="afflux-product-picker__in-stock"
					label={ __( 'In stock only', 'afflux' ) }
					checked={ filters.inStock }
					onChange={ ( inStock: boolean ) =>
						setFilters( { ...filters, inStock } )
					}
					__nextHasNoMarginBottom
				/>
			</div>
			<div
				className="afflux-product-picker__status"
				role="status"
				aria-live="polite"
			>
				{ state.kind === 'loading' && <Spinner /> }
				{ state.kind === 'done' &&
					state.products.length > 0 &&
					sprintf(
						/* translators: %d: number of products found. */
						_n(
							'%d product found.',
							'%d products found.',
							state.products.length,
							'afflux'
						),
						state.products.length
					) }
				{ state.kind === 'done' && state.products.length === 0 && (
					<p className="afflux-product-picker__empty">
						{ emptyMessage( search, filtered ) }
					</p>
				) }
			</div>
			{ state.kind === 'error' && (
				<Notice status="error" isDismissible={ false }>
					{ state.message }
				</Notice>
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
									{ [
										product.price_formatted ||
											__( 'no price', 'afflux' ),
										product.merchant,
										availabilityLabel(
											product.availability
										),
										checkedAgo(
											product.price_checked_at,
											now
										),
									]
										.filter( ( part ) => part !== '' )
										.join( ' · ' ) }
								</span>
								<span className="afflux-product-picker__terms">
									{ termsLine( product ) }
								</span>
							</Button>
						</li>
					) ) }
				</ul>
			) }
		</div>
	);
}

/**
 * What to say when nothing is found.
 *
 * @param search   The blogger's words.
 * @param filtered Whether a filter narrows the search.
 */
function emptyMessage( search: string, filtered: boolean ): string {
	if ( filtered ) {
		return __(
			'No product matches these words and filters. Try removing a filter.',
			'afflux'
		);
	}
	if ( search.trim() === '' ) {
		return __(
			'The catalogue is empty: run the Afflux daemon to sync your networks.',
			'afflux'
		);
	}
	return __( 'No product matches these words.', 'afflux' );
}
