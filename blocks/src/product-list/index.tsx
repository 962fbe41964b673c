/**
 * WordPress dependencies
 */
import { registerBlockType } from '@wordpress/blocks';
import type { BlockConfiguration } from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import metadata from './block.json';
import { ProductListEdit } from './edit';
import type { ProductListAttributes } from '../shared/types';
import './style.scss';

// block.json is the only place the attributes live; TypeScript reads it as plain JSON.
const settings =
	metadata as unknown as BlockConfiguration< ProductListAttributes >;

// Dynamic block: the server renders it from the cache, so nothing is saved but attributes.
registerBlockType< ProductListAttributes >( settings, {
	edit: ProductListEdit,
	save: () => null,
} );
