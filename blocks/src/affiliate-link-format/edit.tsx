/**
 * WordPress dependencies
 */
import {
	RichTextShortcut,
	RichTextToolbarButton,
} from '@wordpress/block-editor';
import { Button, Popover } from '@wordpress/components';
import { select } from '@wordpress/data';
import { useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import {
	applyFormat,
	isCollapsed,
	removeFormat,
	useAnchor,
} from '@wordpress/rich-text';
import type { RichTextValue } from '@wordpress/rich-text';
import type { RefObject } from 'react';

/**
 * Internal dependencies
 */
import { ProductPicker } from '../shared/product-picker';
import { isValidPlacementId } from '../shared/placement-id';
import { freshPlacementId, postPlacementIds } from './post-placement-ids';
import type { CatalogueProduct } from '../shared/types';

const FORMAT_NAME = 'afflux/affiliate-link';
const FORMAT_CLASS = 'afflux-inline-link';

/**
 * What WordPress passes to a format type's edit component (the parts used here).
 */
export interface FormatEditProps {
	isActive: boolean;
	activeAttributes: Record< string, string | undefined >;
	value: RichTextValue;
	onChange: ( value: RichTextValue ) => void;
	onFocus: () => void;
	contentRef: RefObject< HTMLElement >;
}

interface BlockEditorSelectors {
	getClientIdsWithDescendants: () => string[];
	getBlockAttributes: (
		clientId: string
	) => Record< string, unknown > | null;
}

/**
 * The "Affiliate link" button of the rich-text toolbar and its product search: select words,
 * pick a product, and the words link to it through its tracked link. The saved HTML keeps the
 * product id, a placement id of its own and the product's page as a plain href, which the
 * server replaces with the tracked link when the page renders.
 *
 * @param props                  Format edit props.
 * @param props.isActive         Whether the selection is inside an affiliate link.
 * @param props.activeAttributes The active link's attributes.
 * @param props.value            The rich-text value.
 * @param props.onChange         Value setter.
 * @param props.onFocus          Gives the focus back to the text.
 * @param props.contentRef       The editable element, to anchor the search to the words.
 */
export function AffiliateLinkEdit( {
	isActive,
	activeAttributes,
	value,
	onChange,
	onFocus,
	contentRef,
}: FormatEditProps ) {
	const [ open, setOpen ] = useState( false );
	const canLink = isActive || ! isCollapsed( value );
	// WordPress 6.1's useAnchor reads the selection from the value; later versions ignore it.
	const anchorArgs = {
		editableContentElement: contentRef.current,
		value,
		settings: affiliateLinkFormat,
	};
	const anchor = useLastAnchor( useAnchor( anchorArgs ) );

	const close = () => {
		setOpen( false );
		onFocus();
	};

	const pick = ( product: CatalogueProduct ) => {
		// Changing the product of a link keeps its placement: it is still the same link.
		const placement = isValidPlacementId( activeAttributes.placement )
			? activeAttributes.placement
			: freshPlacementId( placementIdsOfThePost() );
		onChange(
			applyFormat( value, {
				type: FORMAT_NAME,
				attributes: {
					product: String( product.id ),
					placement,
					url: product.landing_url,
					rel: 'sponsored nofollow',
				},
			} )
		);
		close();
	};

	const unlink = () => {
		onChange( removeFormat( value, FORMAT_NAME ) );
		close();
	};

	return (
		<>
			<RichTextShortcut
				type="access"
				character="a"
				onUse={ () => canLink && setOpen( true ) }
			/>
			<RichTextToolbarButton
				icon="cart"
				title={ __( 'Affiliate link', 'afflux' ) }
				onClick={ () => canLink && setOpen( true ) }
				isActive={ isActive }
				// Listed in the toolbar's "More" menu, which reads isDisabled.
				isDisabled={ ! canLink }
				shortcutType="access"
				shortcutCharacter="a"
			/>
			{ open && canLink && (
				<Popover
					anchor={ anchor }
					placement="bottom"
					focusOnMount="firstElement"
					onClose={ close }
					className="afflux-inline-link-popover"
				>
					<div
						className="afflux-inline-link-popover__content"
						role="dialog"
						aria-label={ __( 'Affiliate link', 'afflux' ) }
					>
						<ProductPicker onPick={ pick } />
						{ isActive && (
							<Button
								className="afflux-inline-link-popover__remove"
								variant="secondary"
								isDestructive
								onClick={ unlink }
							>
								{ __( 'Remove the affiliate link', 'afflux' ) }
							</Button>
						) }
					</div>
				</Popover>
			) }
		</>
	);
}

/**
 * The format type. Its attributes map the format's values to the saved HTML that the server
 * reads (Placements\InlineLinkMarkup) and rewrites (Blocks\InlineLinkRenderer): the href saved
 * here is the product's own page, a working link even when the cache cannot be read.
 */
export const affiliateLinkFormat = {
	name: FORMAT_NAME,
	title: __( 'Affiliate link', 'afflux' ),
	tagName: 'a',
	className: FORMAT_CLASS,
	attributes: {
		product: 'data-afflux-product',
		placement: 'data-afflux-placement',
		url: 'href',
		rel: 'rel',
	},
	edit: AffiliateLinkEdit,
};

/**
 * The last anchor found: while the blogger types in the search field the document's selection
 * is in that field, not in the words, and the popover must stay where it was.
 *
 * @param anchor The anchor of the current render.
 */
function useLastAnchor< T >( anchor: T | null | undefined ): T | undefined {
	const last = useRef< T >();
	if ( anchor ) {
		last.current = anchor;
	}
	return last.current;
}

/**
 * Every placement id the post being edited already uses.
 */
function placementIdsOfThePost(): Set< string > {
	const editor = select(
		'core/block-editor'
	) as unknown as BlockEditorSelectors;
	return postPlacementIds(
		editor
			.getClientIdsWithDescendants()
			.map( ( id ) => editor.getBlockAttributes( id ) )
	);
}
