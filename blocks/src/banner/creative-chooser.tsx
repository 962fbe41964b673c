/**
 * WordPress dependencies
 */
import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { describeRequestError, fetchCreatives } from '../shared/products-api';
import type { Creative } from '../shared/types';

interface CreativeChooserProps {
	network: string;
	programmeId: string;
	bannerId: string;
	onChoose: ( bannerId: string ) => void;
}

type CreativesState =
	| { kind: 'loading' }
	| { kind: 'done'; creatives: Creative[] }
	| { kind: 'error'; message: string };

/**
 * The programme's creatives, narrowed by size, each a button showing the image; "none" keeps
 * the product image.
 *
 * @param props             Component props.
 * @param props.network     Network of the programme.
 * @param props.programmeId Programme (merchant) id.
 * @param props.bannerId    The chosen creative, '' for none.
 * @param props.onChoose    Called with the chosen creative id ('' for none).
 */
export function CreativeChooser( {
	network,
	programmeId,
	bannerId,
	onChoose,
}: CreativeChooserProps ) {
	const [ state, setState ] = useState< CreativesState >( {
		kind: 'loading',
	} );
	const [ size, setSize ] = useState( '' );

	useEffect( () => {
		setState( { kind: 'loading' } );
		fetchCreatives( network, programmeId )
			.then( ( creatives ) => setState( { kind: 'done', creatives } ) )
			.catch( ( error: unknown ) =>
				setState( {
					kind: 'error',
					message:
						describeRequestError( error ) ||
						__( 'The banners could not be loaded.', 'afflux' ),
				} )
			);
	}, [ network, programmeId ] );

	if ( state.kind === 'loading' ) {
		return <Spinner />;
	}
	if ( state.kind === 'error' ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ state.message }
			</Notice>
		);
	}
	if ( state.creatives.length === 0 ) {
		return (
			<p className="afflux-banner-options__none">
				{ __(
					'This merchant offers no banner: the product image is shown, with the same tracked link.',
					'afflux'
				) }
			</p>
		);
	}
	const sizes = [
		...new Set(
			state.creatives.map( ( c ) => c.size ).filter( ( s ) => s !== '' )
		),
	];
	const shown = state.creatives.filter(
		( c ) => size === '' || c.size === size
	);

	return (
		<div className="afflux-banner-options__creatives">
			<SelectControl
				className="afflux-banner-options__size"
				label={ __( 'Size', 'afflux' ) }
				value={ size }
				options={ [
					{ label: __( 'All sizes', 'afflux' ), value: '' },
					...sizes.map( ( s ) => ( { label: s, value: s } ) ),
				] }
				onChange={ setSize }
				__nextHasNoMarginBottom
			/>
			<Button
				variant={ bannerId === '' ? 'primary' : 'secondary' }
				aria-pressed={ bannerId === '' }
				onClick={ () => onChoose( '' ) }
			>
				{ __( 'No banner: the product image', 'afflux' ) }
			</Button>
			<ul className="afflux-banner-options__list">
				{ shown.map( ( creative ) => (
					<li key={ creative.banner_id }>
						<Button
							className="afflux-banner-options__creative"
							variant={
								bannerId === creative.banner_id
									? 'primary'
									: 'secondary'
							}
							aria-pressed={ bannerId === creative.banner_id }
							onClick={ () => onChoose( creative.banner_id ) }
						>
							<img
								src={ creative.image_url }
								alt=""
								style={ { maxWidth: '100%', height: 'auto' } }
							/>
							<span>
								{ [ creative.name, creative.size ]
									.filter( ( part ) => part !== '' )
									.join( ' · ' ) }
							</span>
						</Button>
					</li>
				) ) }
			</ul>
		</div>
	);
}
