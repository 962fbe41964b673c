/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { Spinner } from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { PluginDocumentSettingPanel } from '@wordpress/edit-post';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { registerPlugin } from '@wordpress/plugins';

/**
 * Internal dependencies
 */
import { formatMinor } from '../admin-app/money';
import { BUCKETS, type Balances } from '../admin-app/types';

interface PostEarnings {
	clicks: number;
	totals: Balances[];
}

const LABELS: Record< string, string > = {
	available: __( 'Available', 'afflux' ),
	pending: __( 'Pending', 'afflux' ),
	declined: __( 'Declined', 'afflux' ),
	paid: __( 'Paid', 'afflux' ),
};

function PostEarningsPanel() {
	const postId = useSelect(
		( select ) =>
			(
				select( 'core/editor' ) as {
					getCurrentPostId: () => number | null;
				}
			 ).getCurrentPostId(),
		[]
	);
	const [ earnings, setEarnings ] = useState< PostEarnings | null >( null );
	const [ failed, setFailed ] = useState( false );

	useEffect( () => {
		if ( ! postId ) {
			return;
		}
		const from = new Date( Date.now() - 364 * 86_400_000 )
			.toISOString()
			.slice( 0, 10 );
		apiFetch< PostEarnings >( {
			path: `/afflux/v1/earnings/posts/${ postId }?from=${ from }`,
		} ).then( setEarnings, () => setFailed( true ) );
	}, [ postId ] );

	return (
		<PluginDocumentSettingPanel
			name="afflux-post-earnings"
			title={ __( 'Affiliate earnings (12 months)', 'afflux' ) }
			className="afflux-post-earnings"
		>
			{ failed && (
				<p>
					{ __(
						'Earnings are not available for this post.',
						'afflux'
					) }
				</p>
			) }
			{ ! failed && ! earnings && <Spinner /> }
			{ earnings && (
				<>
					<p>
						{ sprintf(
							/* translators: %d: number of clicks. */
							__( 'Clicks: %d', 'afflux' ),
							earnings.clicks
						) }
					</p>
					{ earnings.totals.length === 0 && (
						<p>{ __( 'No commission yet.', 'afflux' ) }</p>
					) }
					{ earnings.totals.map( ( total ) => (
						<ul key={ total.currency }>
							{ BUCKETS.map( ( bucket ) => (
								<li key={ bucket } data-bucket={ bucket }>
									{ sprintf(
										/* translators: 1: a balance's name (e.g. Pending), 2: its amount */
										__( '%1$s: %2$s', 'afflux' ),
										LABELS[ bucket ],
										formatMinor(
											total[ bucket ],
											total.currency
										)
									) }
								</li>
							) ) }
						</ul>
					) ) }
				</>
			) }
		</PluginDocumentSettingPanel>
	);
}

registerPlugin( 'afflux-post-earnings', { render: PostEarningsPanel } );
