/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import ServerSideRender from '@wordpress/server-side-render';

/**
 * Internal dependencies
 */
import { BlockToolbarButton } from '../shared/block-toolbar-button';
import { ProductPlaceholder } from '../shared/product-placeholder';
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
				<BlockToolbarButton onClick={ () => setAdding( ! adding ) }>
					{ __( 'Add a product', 'afflux' ) }
				</BlockToolbarButton>
			) }
			{ ( empty || adding ) && (
				<ProductPlaceholder
					icon="editor-table"
					label={ __( 'Product list', 'afflux' ) }
					instructions={ __(
						'Search the synced catalogue and add products one by one; order them in the sidebar. Or list the top products of a merchant or category (sidebar).',
						'afflux'
					) }
					onPick={ pick }
				/>
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
