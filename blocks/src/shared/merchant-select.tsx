/**
 * WordPress dependencies
 */
import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Merchant } from './types';

interface MerchantSelectProps {
	className: string;
	merchants: Merchant[];
	network: string;
	value: string;
	onChange: ( merchant: string, network: string ) => void;
}

/**
 * The merchants offered while a network filter is set ('' means any network).
 *
 * @param merchants All synced merchants.
 * @param network   Chosen network, '' for all.
 */
export function merchantsOfNetwork(
	merchants: Merchant[],
	network: string
): Merchant[] {
	return merchants.filter( ( m ) => network === '' || m.network === network );
}

/**
 * Narrows products to one merchant ('' means all merchants) of the chosen network. Choosing a
 * merchant also chooses its network, so the two filters never contradict each other.
 *
 * @param props           Component props.
 * @param props.className Class name of the control.
 * @param props.merchants All synced merchants.
 * @param props.network   Chosen network, '' for all.
 * @param props.value     Chosen merchant's programme id, '' for all.
 * @param props.onChange  Called with the chosen merchant and the network that goes with it.
 */
export function MerchantSelect( {
	className,
	merchants,
	network,
	value,
	onChange,
}: MerchantSelectProps ) {
	return (
		<SelectControl
			className={ className }
			label={ __( 'Merchant', 'afflux' ) }
			value={ value }
			options={ [
				{
					label: __( 'All merchants', 'afflux' ),
					value: '',
				},
				...merchantsOfNetwork( merchants, network ).map( ( m ) => ( {
					label: m.name,
					value: m.programme_id,
				} ) ),
			] }
			onChange={ ( merchant: string ) => {
				const chosen = merchants.find(
					( m ) => m.programme_id === merchant
				);
				onChange( merchant, chosen?.network ?? network );
			} }
			__nextHasNoMarginBottom
		/>
	);
}
