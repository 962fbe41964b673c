/**
 * WordPress dependencies
 */
import {
	Button,
	Notice,
	PanelBody,
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { ButtonTextControl } from '../shared/button-text-control';
import { checkLandingPage, describeRequestError } from '../shared/products-api';
import type { CardLayout, ProductCardAttributes } from '../shared/types';

interface CardOptionsProps {
	attributes: ProductCardAttributes;
	setAttributes: ( next: Partial< ProductCardAttributes > ) => void;
}

type LandingCheck =
	| { kind: 'idle' }
	| { kind: 'checking' }
	| { kind: 'accepted' }
	| { kind: 'refused'; message: string };

/**
 * The card's sidebar options: layout, what to show, button text, promo code and a deep-link
 * landing page that the server checks against the programme's allowed domains before it is
 * kept.
 *
 * @param props               Component props.
 * @param props.attributes    Block attributes.
 * @param props.setAttributes Attribute setter.
 */
export function CardOptions( { attributes, setAttributes }: CardOptionsProps ) {
	const [ landingDraft, setLandingDraft ] = useState( attributes.landingUrl );
	const [ check, setCheck ] = useState< LandingCheck >( { kind: 'idle' } );

	const applyLandingPage = () => {
		const url = landingDraft.trim();
		if ( url === '' || ! attributes.productId ) {
			setAttributes( { landingUrl: '' } );
			setCheck( { kind: 'idle' } );
			return;
		}
		setCheck( { kind: 'checking' } );
		checkLandingPage( attributes.productId, url )
			.then( ( accepted ) => {
				setAttributes( { landingUrl: accepted.url } );
				setCheck( { kind: 'accepted' } );
			} )
			.catch( ( error: unknown ) => {
				setCheck( {
					kind: 'refused',
					message:
						describeRequestError( error ) ||
						__(
							'The landing page could not be checked.',
							'afflux'
						),
				} );
			} );
	};

	return (
		<>
			<PanelBody title={ __( 'Display', 'afflux' ) }>
				<SelectControl
					className="afflux-card-options__layout"
					label={ __( 'Layout', 'afflux' ) }
					value={ attributes.layout }
					options={ [
						{
							label: __( 'Horizontal', 'afflux' ),
							value: 'horizontal',
						},
						{
							label: __( 'Vertical', 'afflux' ),
							value: 'vertical',
						},
						{ label: __( 'Compact', 'afflux' ), value: 'compact' },
					] }
					onChange={ ( layout: string ) =>
						setAttributes( { layout: layout as CardLayout } )
					}
					__nextHasNoMarginBottom
				/>
				<ToggleControl
					label={ __( 'Show the price', 'afflux' ) }
					checked={ attributes.showPrice }
					onChange={ ( showPrice: boolean ) =>
						setAttributes( { showPrice } )
					}
					__nextHasNoMarginBottom
				/>
				<ToggleControl
					label={ __( 'Show the merchant', 'afflux' ) }
					checked={ attributes.showMerchant }
					onChange={ ( showMerchant: boolean ) =>
						setAttributes( { showMerchant } )
					}
					__nextHasNoMarginBottom
				/>
				<ToggleControl
					label={ __( 'Show the image', 'afflux' ) }
					checked={ attributes.showImage }
					onChange={ ( showImage: boolean ) =>
						setAttributes( { showImage } )
					}
					__nextHasNoMarginBottom
				/>
				<ButtonTextControl
					className="afflux-card-options__button-text"
					value={ attributes.buttonText }
					onChange={ ( buttonText ) =>
						setAttributes( { buttonText } )
					}
				/>
			</PanelBody>
			<PanelBody title={ __( 'Promo code and landing page', 'afflux' ) }>
				<TextControl
					className="afflux-card-options__promo-code"
					label={ __( 'Promo code', 'afflux' ) }
					help={ __(
						'Shown on the card with a copy button. Empty: the offer’s own code, if any.',
						'afflux'
					) }
					value={ attributes.promoCode }
					maxLength={ 40 }
					onChange={ ( promoCode: string ) =>
						setAttributes( { promoCode } )
					}
					__nextHasNoMarginBottom
				/>
				<TextControl
					className="afflux-card-options__landing-url"
					label={ __( 'Landing page (deep link)', 'afflux' ) }
					help={ __(
						'Another page of the merchant’s site, e.g. a special offer. Empty: the product page.',
						'afflux'
					) }
					type="url"
					value={ landingDraft }
					onChange={ ( value: string ) => {
						setLandingDraft( value );
						setCheck( { kind: 'idle' } );
					} }
					__nextHasNoMarginBottom
				/>
				<Button
					className="afflux-card-options__apply-landing"
					variant="secondary"
					isBusy={ check.kind === 'checking' }
					disabled={ check.kind === 'checking' }
					onClick={ applyLandingPage }
				>
					{ __( 'Check and use this page', 'afflux' ) }
				</Button>
				{ check.kind === 'refused' && (
					<Notice status="error" isDismissible={ false }>
						{ check.message }
					</Notice>
				) }
				{ check.kind === 'accepted' && (
					<Notice status="success" isDismissible={ false }>
						{ __(
							'The merchant accepts this landing page.',
							'afflux'
						) }
					</Notice>
				) }
			</PanelBody>
		</>
	);
}
