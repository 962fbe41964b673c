/**
 * WordPress dependencies
 */
import { registerFormatType } from '@wordpress/rich-text';

/**
 * Internal dependencies
 */
import { affiliateLinkFormat } from './edit';
import { keepInlinePlacementIdsUnique } from './unique-inline-placement-ids';
import './editor.scss';

const { name, ...settings } = affiliateLinkFormat;
registerFormatType( name, settings );
keepInlinePlacementIdsUnique();
