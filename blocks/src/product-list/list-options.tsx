/**
 * WordPress dependencies
 */
import {
	Button,
	CheckboxControl,
	PanelBody,
	RangeControl,
	SelectControl,
	TextControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { ButtonTextControl } from '../shared/button-text-control';
import { MerchantSelect } from '../shared/merchant-select';
import { NetworkSelect } from '../shared/network-select';
import { useMerchants } from '../shared/use-merchants';
import { moveProduct, removeProduct } from './chosen-order';
import type { ListColumn, ProductListAttributes } from '../shared/types';

interface ListOptionsProps {
	attributes: ProductListAttributes;
	setAttributes: ( next: Partial< ProductListAttributes > ) => void;
}

const COLUMN_ORDER: ListColumn[] = [
	'image',
	'title',
	'brand',
	'price',
	'merchant',
	'availability',
	'button',
];

function columnLabel( column: ListColumn ): string {
	switch ( column ) {
		case 'image':
			return __( 'Image', 'afflux' );
		case 'title':
			return __( 'Product', 'afflux' );
		case 'brand':
			return __( 'Brand', 'afflux' );
		case 'price':
			return __( 'Price', 'afflux' );
		case 'merchant':
			return __( 'Merchant', 'afflux' );
		case 'availability':
			return __( 'Availability', 'afflux' );
		case 'button':
			return __( 'Offer button', 'afflux' );
	}
}

/**
 * The list's sidebar: where the products come from (chosen ones in the blogger's order, or a
 * saved query resolved at each page view), which columns the reader sees, and the button text.
 *
 * @param props               Component props.
 * @param props.attributes    Block attributes.
 * @param props.setAttributes Attribute setter.
 */
export function ListOptions( { attributes, setAttributes }: ListOptionsProps ) {
	const merchants = useMerchants();
	const networks = [ ...new Set( merchants.map( ( m ) => m.network ) ) ];

	return (
		<>
			<PanelBody title={ __( 'Products', 'afflux' ) }>
				<SelectControl
					className="afflux-list-options__source"
					label={ __( 'Products to list', 'afflux' ) }
					value={ attributes.source }
					options={ [
						{
							label: __( 'Products I choose', 'afflux' ),
							value: 'chosen',
						},
						{
							label: __(
								'Top products of a merchant or category',
								'afflux'
							),
							value: 'query',
						},
					] }
					onChange={ ( source: string ) =>
						setAttributes( {
							source: source === 'query' ? 'query' : 'chosen',
						} )
					}
					__nextHasNoMarginBottom
				/>
				{ attributes.source === 'chosen' && (
					<ol className="afflux-list-options__chosen">
						{ attributes.productIds.map( ( id, index ) => {
							const title =
								attributes.snapshots.find(
									( snapshot ) => snapshot.id === id
								)?.title ?? `#${ id }`;
							const change = ( next: {
								productIds: number[];
								snapshots: ProductListAttributes[ 'snapshots' ];
							} ) => setAttributes( next );
							return (
								<li key={ id }>
									<span>{ title }</span>
									<Button
										size="small"
										variant="tertiary"
										disabled={ index === 0 }
										label={ sprintf(
											/* translators: %s: product title. */
											__( 'Move up: %s', 'afflux' ),
											title
										) }
										icon="arrow-up-alt2"
										onClick={ () =>
											change(
												moveProduct(
													attributes,
													id,
													-1
												)
											)
										}
									/>
									<Button
										size="small"
										variant="tertiary"
										disabled={
											index ===
											attributes.productIds.length - 1
										}
										label={ sprintf(
											/* translators: %s: product title. */
											__( 'Move down: %s', 'afflux' ),
											title
										) }
										icon="arrow-down-alt2"
										onClick={ () =>
											change(
												moveProduct( attributes, id, 1 )
											)
										}
									/>
									<Button
										size="small"
										variant="tertiary"
										isDestructive
										label={ sprintf(
											/* translators: %s: product title. */
											__( 'Remove: %s', 'afflux' ),
											title
										) }
										icon="no-alt"
										onClick={ () =>
											change(
												removeProduct( attributes, id )
											)
										}
									/>
								</li>
							);
						} ) }
					</ol>
				) }
				{ attributes.source === 'query' && (
					<>
						<SelectControl
							className="afflux-list-options__orderby"
							label={ __( 'Best first by', 'afflux' ) }
							value={ attributes.queryOrderby }
							options={ [
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
								setAttributes( {
									queryOrderby:
										orderby === 'price'
											? 'price'
											: 'commission',
								} )
							}
							__nextHasNoMarginBottom
						/>
						{ networks.length > 1 && (
							<NetworkSelect
								className="afflux-list-options__network"
								networks={ networks }
								value={ attributes.queryNetwork }
								onChange={ ( queryNetwork ) =>
									setAttributes( {
										queryNetwork,
										queryMerchant: '',
									} )
								}
							/>
						) }
						<MerchantSelect
							className="afflux-list-options__merchant"
							merchants={ merchants }
							network={ attributes.queryNetwork }
							value={ attributes.queryMerchant }
							onChange={ ( queryMerchant, queryNetwork ) =>
								setAttributes( { queryMerchant, queryNetwork } )
							}
						/>
						<TextControl
							className="afflux-list-options__category"
							label={ __( 'Category', 'afflux' ) }
							help={ __(
								'As the merchant’s feed names it. Empty: any category.',
								'afflux'
							) }
							value={ attributes.queryCategory }
							maxLength={ 100 }
							onChange={ ( queryCategory: string ) =>
								setAttributes( { queryCategory } )
							}
							__nextHasNoMarginBottom
						/>
						<RangeControl
							className="afflux-list-options__limit"
							label={ __( 'Number of products', 'afflux' ) }
							value={ attributes.queryLimit }
							min={ 1 }
							max={ 20 }
							onChange={ ( limit?: number ) =>
								setAttributes( {
									queryLimit: Math.max(
										1,
										Math.min( 20, limit ?? 5 )
									),
								} )
							}
							__nextHasNoMarginBottom
						/>
					</>
				) }
			</PanelBody>
			<PanelBody title={ __( 'Columns', 'afflux' ) }>
				{ COLUMN_ORDER.map( ( column ) => (
					<CheckboxControl
						key={ column }
						className={ `afflux-list-options__column-${ column }` }
						label={ columnLabel( column ) }
						checked={ attributes.columns.includes( column ) }
						onChange={ ( checked: boolean ) =>
							setAttributes( {
								columns: COLUMN_ORDER.filter( ( c ) =>
									c === column
										? checked
										: attributes.columns.includes( c )
								),
							} )
						}
						__nextHasNoMarginBottom
					/>
				) ) }
				<ButtonTextControl
					className="afflux-list-options__button-text"
					value={ attributes.buttonText }
					onChange={ ( buttonText ) =>
						setAttributes( { buttonText } )
					}
				/>
			</PanelBody>
		</>
	);
}
