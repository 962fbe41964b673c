/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import ServerSideRender from '@wordpress/server-side-render';

/**
 * Internal dependencies
 */
import { useUniquePlacementId } from '../shared/use-unique-placement-id';
import { BlockToolbarButton } from '../shared/block-toolbar-button';
import { ProductPlaceholder } from '../shared/product-placeholder';
import { CardOptions } from './card-options';
import type { CatalogueProduct, ProductCardAttributes } from '../shared/types';

/**
 * The product card in the editor: a catalogue search until a product is chosen, then the
 * real server render of the card.
 *
 * @param props               Block edit props.
 * @param props.attributes    Block attributes.
 * @param props.setAttributes Attribute setter.
 * @param props.clientId      The block's client id.
 */
export function ProductCardEdit( {
	attributes,
	setAttributes,
	clientId,
}: BlockEditProps< ProductCardAttributes > ) {
	const blockProps = useBlockProps();
	const [ picking, setPicking ] = useState( ! attributes.productId );

	// Every card gets its own placement id, so its clicks and commissions are its own.
	useUniquePlacementId( clientId, attributes.placementId, setAttributes );

	const pick = ( product: CatalogueProduct ) => {
		setAttributes( {
			productId: product.id,
			snapshot: { title: product.title, url: product.landing_url },
			// A landing page was checked against the previous product's programme.
			landingUrl: '',
		} );
		setPicking( false );
	};

	if ( picking || ! attributes.productId ) {
		return (
			<div { ...blockProps }>
				<ProductPlaceholder
					icon="cart"
					label={ __( 'Product card', 'afflux' ) }
					instructions={ __(
						'Search the synced catalogue and choose a product.',
						'afflux'
					) }
					onPick={ pick }
				/>
			</div>
		);
	}

	return (
		<div { ...blockProps }>
			<BlockToolbarButton onClick={ () => setPicking( true ) }>
				{ __( 'Replace product', 'afflux' ) }
			</BlockToolbarButton>
			<InspectorControls>
				<PanelBody title={ __( 'Product', 'afflux' ) }>
					<p>{ attributes.snapshot.title }</p>
				</PanelBody>
				<CardOptions
					attributes={ attributes }
					setAttributes={ setAttributes }
				/>
			</InspectorControls>
			<ServerSideRender
				block="afflux/product-card"
				attributes={ { ...attributes } }
			/>
		</div>
	);
}
