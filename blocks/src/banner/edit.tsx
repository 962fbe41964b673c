/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import ServerSideRender from '@wordpress/server-side-render';

/**
 * Internal dependencies
 */
import { BlockToolbarButton } from '../shared/block-toolbar-button';
import { ProductPlaceholder } from '../shared/product-placeholder';
import { useUniquePlacementId } from '../shared/use-unique-placement-id';
import { CreativeChooser } from './creative-chooser';
import type { BannerAttributes, CatalogueProduct } from '../shared/types';

/**
 * The banner in the editor: pick the product (its merchant's banners are offered, and it is
 * the fallback image), then a banner by size; the preview is the real server render.
 *
 * @param props               Block edit props.
 * @param props.attributes    Block attributes.
 * @param props.setAttributes Attribute setter.
 * @param props.clientId      The block's client id.
 */
export function BannerEdit( {
	attributes,
	setAttributes,
	clientId,
}: BlockEditProps< BannerAttributes > ) {
	const blockProps = useBlockProps();
	const [ picking, setPicking ] = useState( ! attributes.productId );
	useUniquePlacementId( clientId, attributes.placementId, setAttributes );

	const pick = ( product: CatalogueProduct ) => {
		setAttributes( {
			productId: product.id,
			network: product.network,
			programmeId: product.programme_id,
			bannerId: '',
			snapshot: { title: product.title, url: product.landing_url },
		} );
		setPicking( false );
	};

	if ( picking || ! attributes.productId ) {
		return (
			<div { ...blockProps }>
				<ProductPlaceholder
					icon="format-image"
					label={ __( 'Affiliate banner', 'afflux' ) }
					instructions={ __(
						'Choose the product to promote: its merchant’s banners are offered next, and its image is shown when there is none.',
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
				<PanelBody title={ __( 'Banner', 'afflux' ) }>
					<p>{ attributes.snapshot.title }</p>
					<CreativeChooser
						network={ attributes.network }
						programmeId={ attributes.programmeId }
						bannerId={ attributes.bannerId }
						onChoose={ ( bannerId ) =>
							setAttributes( { bannerId } )
						}
					/>
					<TextControl
						className="afflux-banner-options__alt"
						label={ __( 'Alternative text', 'afflux' ) }
						help={ __(
							'What the banner says, for readers who cannot see it. Empty: the banner’s name or the product title.',
							'afflux'
						) }
						value={ attributes.alt }
						onChange={ ( alt: string ) => setAttributes( { alt } ) }
						__nextHasNoMarginBottom
					/>
				</PanelBody>
			</InspectorControls>
			<ServerSideRender
				block="afflux/banner"
				attributes={ { ...attributes } }
			/>
		</div>
	);
}
