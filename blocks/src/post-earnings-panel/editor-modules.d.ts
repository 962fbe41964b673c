// The editor packages this panel uses are WordPress globals (wp.plugins, wp.editPost), mapped
// by @wordpress/scripts at build time; these are the parts the panel uses.
declare module '@wordpress/plugins' {
	import type { ComponentType } from 'react';
	export function registerPlugin(
		name: string,
		settings: { render: ComponentType; icon?: string }
	): void;
}

declare module '@wordpress/edit-post' {
	import type { ComponentType, ReactNode } from 'react';
	export const PluginDocumentSettingPanel: ComponentType< {
		name: string;
		title: string;
		className?: string;
		children?: ReactNode;
	} >;
}
