/**
 * WordPress dependencies
 */
import { useBlockProps } from '@wordpress/block-editor';
import { registerBlockType } from '@wordpress/blocks';
import type { BlockConfiguration } from '@wordpress/blocks';
import ServerSideRender from '@wordpress/server-side-render';

/**
 * Internal dependencies
 */
import metadata from './block.json';
import './style.scss';

type DisclosureAttributes = Record< string, never >;

const settings =
	metadata as unknown as BlockConfiguration< DisclosureAttributes >;

/**
 * The notice in the editor: the server render, so the blogger sees the text from the settings.
 */
function DisclosureEdit() {
	return (
		<div { ...useBlockProps() }>
			<ServerSideRender block="afflux/disclosure" />
		</div>
	);
}

// Dynamic block: the text comes from the settings at each page view.
registerBlockType< DisclosureAttributes >( settings, {
	edit: DisclosureEdit,
	save: () => null,
} );
