/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import {
	Button,
	Notice,
	PanelBody,
	SelectControl,
	Spinner,
	TextControl,
} from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { EarningsChart } from './earnings-chart';
import { formatMinor, formatRate } from './money';
import { SyncHealthPanel } from './sync-health-panel';
import { BUCKETS, type Balances, type EarningsView } from './types';

declare global {
	interface Window {
		afflux_admin?: { csvUrl: string };
	}
}

function day( offsetDays: number ): string {
	return new Date( Date.now() + offsetDays * 86_400_000 )
		.toISOString()
		.slice( 0, 10 );
}

const BUCKET_LABELS: Record< string, string > = {
	available: __( 'Available (approved, unpaid)', 'afflux' ),
	pending: __( 'Pending', 'afflux' ),
	declined: __( 'Declined or reversed', 'afflux' ),
	paid: __( 'Paid', 'afflux' ),
};

function BalanceCells( { row }: { row: Balances } ) {
	return (
		<>
			{ BUCKETS.map( ( bucket ) => (
				<td key={ bucket } data-bucket={ bucket }>
					{ formatMinor( row[ bucket ], row.currency ) }
				</td>
			) ) }
		</>
	);
}

function BalanceHeads() {
	return (
		<>
			{ BUCKETS.map( ( bucket ) => (
				<th key={ bucket }>{ BUCKET_LABELS[ bucket ] }</th>
			) ) }
		</>
	);
}

export function EarningsScreen() {
	const [ from, setFrom ] = useState( day( -89 ) );
	const [ to, setTo ] = useState( day( 0 ) );
	const [ grouping, setGrouping ] = useState( 'week' );
	const [ report, setReport ] = useState< EarningsView | null >( null );
	const [ error, setError ] = useState( '' );

	useEffect( () => {
		setError( '' );
		apiFetch< EarningsView >( {
			path: addQueryArgs( '/afflux/v1/earnings', { from, to, grouping } ),
		} ).then( setReport, ( failure: { message?: string } ) =>
			setError(
				failure.message ??
					__( 'Could not load the earnings.', 'afflux' )
			)
		);
	}, [ from, to, grouping ] );

	const csvUrl = window.afflux_admin
		? addQueryArgs( window.afflux_admin.csvUrl, { from, to } )
		: '';

	return (
		<div className="afflux-earnings">
			<SyncHealthPanel />
			<div className="afflux-earnings-filters">
				<TextControl
					type="date"
					label={ __( 'From', 'afflux' ) }
					value={ from }
					onChange={ setFrom }
				/>
				<TextControl
					type="date"
					label={ __( 'To', 'afflux' ) }
					value={ to }
					onChange={ setTo }
				/>
				<SelectControl
					label={ __( 'Chart by', 'afflux' ) }
					value={ grouping }
					options={ [
						{ value: 'day', label: __( 'Day', 'afflux' ) },
						{ value: 'week', label: __( 'Week', 'afflux' ) },
						{ value: 'month', label: __( 'Month', 'afflux' ) },
					] }
					onChange={ setGrouping }
				/>
				{ csvUrl && (
					<Button variant="secondary" href={ csvUrl }>
						{ __( 'Export CSV', 'afflux' ) }
					</Button>
				) }
			</div>
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ ! report && ! error && <Spinner /> }
			{ report && (
				<>
					<table className="widefat afflux-totals">
						<thead>
							<tr>
								<th>{ __( 'Currency', 'afflux' ) }</th>
								<th>{ __( 'Transactions', 'afflux' ) }</th>
								<BalanceHeads />
							</tr>
						</thead>
						<tbody>
							{ report.totals.map( ( row ) => (
								<tr
									key={ row.currency }
									data-currency={ row.currency }
								>
									<td>{ row.currency }</td>
									<td>{ row.count }</td>
									<BalanceCells row={ row } />
								</tr>
							) ) }
						</tbody>
					</table>
					<p>
						{ sprintf(
							/* translators: %d: number of clicks. */
							__( 'Clicks in this range: %d', 'afflux' ),
							report.clicks
						) }
					</p>
					{ report.totals.map( ( total ) => (
						<EarningsChart
							key={ total.currency }
							series={ report.series }
							currency={ total.currency }
						/>
					) ) }
					<PanelBody title={ __( 'By post', 'afflux' ) }>
						<table className="widefat striped afflux-by-post">
							<thead>
								<tr>
									<th>{ __( 'Post', 'afflux' ) }</th>
									<th>{ __( 'Clicks', 'afflux' ) }</th>
									<th>
										{ __( 'Conversion rate', 'afflux' ) }
									</th>
									<th>{ __( 'EPC', 'afflux' ) }</th>
									<BalanceHeads />
								</tr>
							</thead>
							<tbody>
								{ report.by_post.map( ( row ) => (
									<tr
										key={ `${ row.post_id }-${ row.currency }` }
										data-post-id={ row.post_id }
									>
										<td>
											{ row.edit_url ? (
												<a href={ row.edit_url }>
													{ row.title }
												</a>
											) : (
												row.title
											) }
										</td>
										<td>{ row.clicks }</td>
										<td>
											{ row.conversion_rate === null
												? '—'
												: formatRate(
														row.conversion_rate
												  ) }
										</td>
										<td>
											{ row.epc_minor === null
												? '—'
												: formatMinor(
														Math.round(
															row.epc_minor
														),
														row.currency
												  ) }
										</td>
										<BalanceCells row={ row } />
									</tr>
								) ) }
							</tbody>
						</table>
					</PanelBody>
					<PanelBody
						title={ __( 'By block', 'afflux' ) }
						initialOpen={ false }
					>
						<table className="widefat striped">
							<thead>
								<tr>
									<th>{ __( 'Post', 'afflux' ) }</th>
									<th>{ __( 'Block', 'afflux' ) }</th>
									<th>{ __( 'Clicks', 'afflux' ) }</th>
									<BalanceHeads />
								</tr>
							</thead>
							<tbody>
								{ report.by_block.map( ( row ) => (
									<tr
										key={ `${ row.key }-${ row.currency }` }
									>
										<td>{ row.title }</td>
										<td>{ row.placement_id || '—' }</td>
										<td>{ row.clicks }</td>
										<BalanceCells row={ row } />
									</tr>
								) ) }
							</tbody>
						</table>
					</PanelBody>
					<PanelBody
						title={ __( 'By network and merchant', 'afflux' ) }
						initialOpen={ false }
					>
						<table className="widefat striped">
							<tbody>
								{ report.by_network.map( ( row ) => (
									<tr
										key={ `n-${ row.key }-${ row.currency }` }
									>
										<th>{ row.key }</th>
										<BalanceCells row={ row } />
									</tr>
								) ) }
								{ report.by_merchant.map( ( row ) => (
									<tr
										key={ `m-${ row.key }-${ row.currency }` }
									>
										<td>{ row.label }</td>
										<BalanceCells row={ row } />
									</tr>
								) ) }
							</tbody>
						</table>
					</PanelBody>
					<PanelBody
						title={ __( 'Reconciliation', 'afflux' ) }
						initialOpen={ false }
					>
						{ report.reconciliation.map( ( line ) => (
							<p key={ `${ line.network }-${ line.currency }` }>
								<strong>{ line.network }</strong>{ ' ' }
								{ sprintf(
									/* translators: 1: number of transactions, 2: total amount. */
									__(
										'Our cache: %1$d transactions, %2$s in total.',
										'afflux'
									),
									line.count,
									formatMinor( line.total, line.currency )
								) }{ ' ' }
								{ line.note }
							</p>
						) ) }
					</PanelBody>
				</>
			) }
		</div>
	);
}
