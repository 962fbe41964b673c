/**
 * WordPress dependencies
 */
import { BlockControls } from '@wordpress/block-editor';
import { ToolbarButton, ToolbarGroup } from '@wordpress/components';
import type { ReactNode } from 'react';

interface BlockToolbarButtonProps {
	onClick: () => void;
	children: ReactNode;
}

/**
 * One text button in the block's toolbar, e.g. “Replace product”.
 *
 * @param props          Component props.
 * @param props.onClick  Called when the button is pressed.
 * @param props.children The button's text.
 */
export function BlockToolbarButton( {
	onClick,
	children,
}: BlockToolbarButtonProps ) {
	return (
		<BlockControls>
			<ToolbarGroup>
				<ToolbarButton onClick={ onClick }>{ children }</ToolbarButton>
			</ToolbarGroup>
		</BlockControls>
	);
}
