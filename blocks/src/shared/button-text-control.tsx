/**
 * WordPress dependencies
 */
import { TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

interface ButtonTextControlProps {
	className: string;
	value: string;
	onChange: ( buttonText: string ) => void;
}

/**
 * The text of a block's offer button; empty keeps the default “View offer”.
 *
 * @param props           Component props.
 * @param props.className Class name of the control.
 * @param props.value     The button text.
 * @param props.onChange  Called with the new text.
 */
export function ButtonTextControl( {
	className,
	value,
	onChange,
}: ButtonTextControlProps ) {
	return (
		<TextControl
			className={ className }
			label={ __( 'Button text', 'afflux' ) }
			help={ __( 'Empty: “View offer”.', 'afflux' ) }
			value={ value }
			onChange={ onChange }
			__nextHasNoMarginBottom
		/>
	);
}
