/**
 * WordPress dependencies
 */
import { registerBlockType } from '@wordpress/blocks';
import type { BlockConfiguration } from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import metadata from './block.json';
import { BannerEdit } from './edit';
import type { BannerAttributes } from '../shared/types';
import './style.scss';

// block.json is the only place the attributes live; TypeScript reads it as plain JSON.
const settings = metadata as unknown as BlockConfiguration< BannerAttributes >;

// Dynamic block: the server renders it from the cache, so nothing is saved but attributes.
registerBlockType< BannerAttributes >( settings, {
	edit: BannerEdit,
	save: () => null,
} );
