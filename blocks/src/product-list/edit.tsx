/**
 * WordPress dependencies
 */
import {
	BlockControls,
	InspectorControls,
	useBlockProps,
} from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	Placeholder,
	ToolbarButton,
	ToolbarGroup,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import ServerSideRender from '@wordpress/server-side-render';

/**
 * Internal dependencies
 */
import { ProductPicker } from '../shared/product-picker';
import { useUniquePlacementId } from '../shared/use-unique-placement-id';
import { addProduct } from './chosen-order';
import { ListOptions } from './list-options';
import type { CatalogueProduct, ProductListAttributes } from '../shared/types';

/**
 * The product list in the editor: the picker adds products (ordered and removed in the
 * sidebar), or a saved query fills it; the preview is the real server render.
 *
 * @param props               Block edit props.
 * @param props.attributes    Block attributes.
 * @param props.setAttributes Attribute setter.
 * @param props.clientId      The block's client id.
 */
export function ProductListEdit( {
	attributes,
	setAttributes,
	clientId,
}: BlockEditProps< ProductListAttributes > ) {
	const blockProps = useBlockProps();
	const [ adding, setAdding ] = useState( false );
	useUniquePlacementId( clientId, attributes.placementId, setAttributes );

	const pick = ( product: CatalogueProduct ) => {
		setAttributes( addProduct( attributes, product ) );
		setAdding( false );
	};
	const empty =
		attributes.source === 'chosen' && attributes.productIds.length === 0;

	return (
		<div { ...blockProps }>
			<InspectorControls>
				<ListOptions
					attributes={ attributes }
					setAttributes={ setAttributes }
				/>
			</InspectorControls>
			{ attributes.source === 'chosen' && ! empty && (
				<BlockControls>
					<ToolbarGroup>
						<ToolbarButton onClick={ () => setAdding( ! adding ) }>
							{ __( 'Add a product', 'afflux' ) }
						</ToolbarButton>
					</ToolbarGroup>
				</BlockControls>
			) }
			{ ( empty || adding ) && (
				<Placeholder
					icon="editor-table"
					label={ __( 'Product list', 'afflux' ) }
					instructions={ __(
						'Search the synced catalogue and add products one by one; order them in the sidebar. Or list the top products of a merchant or category (sidebar).',
						'afflux'
					) }
				>
					<ProductPicker onPick={ pick } />
				</Placeholder>
			) }
			{ ! empty && (
				<ServerSideRender
					block="afflux/product-list"
					attributes={ { ...attributes } }
				/>
			) }
		</div>
	);
}
