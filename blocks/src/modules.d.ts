// Stylesheets are imported for webpack to extract; they export nothing to TypeScript.
declare module '*.scss';

// @wordpress/server-side-render ships no types; this is the part the blocks use.
declare module '@wordpress/server-side-render' {
	import type { ComponentType } from 'react';

	interface ServerSideRenderProps {
		block: string;
		attributes?: Record< string, unknown >;
		httpMethod?: 'GET' | 'POST';
	}
	const ServerSideRender: ComponentType< ServerSideRenderProps >;
	export default ServerSideRender;
}
