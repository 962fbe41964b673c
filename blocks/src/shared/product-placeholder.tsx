/**
 * WordPress dependencies
 */
import { Placeholder } from '@wordpress/components';
import type { ComponentProps } from 'react';

/**
 * Internal dependencies
 */
import { ProductPicker } from './product-picker';
import type { CatalogueProduct } from './types';

interface ProductPlaceholderProps {
	icon: ComponentProps< typeof Placeholder >[ 'icon' ];
	label: string;
	instructions: string;
	onPick: ( product: CatalogueProduct ) => void;
}

/**
 * A block's placeholder that searches the catalogue for the product to show.
 *
 * @param props              Component props.
 * @param props.icon         The block's dashicon.
 * @param props.label        The block's name.
 * @param props.instructions What choosing a product does for this block.
 * @param props.onPick       Called with the chosen product.
 */
export function ProductPlaceholder( {
	icon,
	label,
	instructions,
	onPick,
}: ProductPlaceholderProps ) {
	return (
		<Placeholder
			icon={ icon }
			label={ label }
			instructions={ instructions }
		>
			<ProductPicker onPick={ onPick } />
		</Placeholder>
	);
}
