/**
 * WordPress dependencies
 */
import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

interface NetworkSelectProps {
	className: string;
	networks: string[];
	value: string;
	onChange: ( network: string ) => void;
}

/**
 * Narrows products to one affiliate network ('' means all networks).
 *
 * @param props           Component props.
 * @param props.className Class name of the control.
 * @param props.networks  Networks to offer.
 * @param props.value     Chosen network, '' for all.
 * @param props.onChange  Called with the chosen network.
 */
export function NetworkSelect( {
	className,
	networks,
	value,
	onChange,
}: NetworkSelectProps ) {
	return (
		<SelectControl
			className={ className }
			label={ __( 'Network', 'afflux' ) }
			value={ value }
			options={ [
				{
					label: __( 'All networks', 'afflux' ),
					value: '',
				},
				...networks.map( ( network ) => ( {
					label: network,
					value: network,
				} ) ),
			] }
			onChange={ onChange }
			__nextHasNoMarginBottom
		/>
	);
}
