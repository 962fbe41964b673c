/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { Notice, PanelBody } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { SyncHealthView } from './types';

export function SyncHealthPanel() {
	const [ health, setHealth ] = useState< SyncHealthView | null >( null );
	useEffect( () => {
		apiFetch< SyncHealthView >( { path: '/afflux/v1/sync-health' } ).then(
			setHealth,
			() => setHealth( null )
		);
	}, [] );
	if ( ! health ) {
		return null;
	}
	return (
		<PanelBody
			title={ __( 'Sync health', 'afflux' ) }
			initialOpen={
				health.stale.length > 0 || health.cache.state !== 'ok'
			}
		>
			{ health.cache.state !== 'ok' && (
				<Notice status="error" isDismissible={ false }>
					{ health.cache.reason }
				</Notice>
			) }
			{ health.stale.length > 0 && (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'The daemon has not run for twice its schedule. Start it on the server:',
						'afflux'
					) }{ ' ' }
					<code>{ health.start_command }</code>
				</Notice>
			) }
			<table className="widefat striped afflux-sync-runs">
				<thead>
					<tr>
						<th>{ __( 'Network', 'afflux' ) }</th>
						<th>{ __( 'Sync', 'afflux' ) }</th>
						<th>{ __( 'Last run', 'afflux' ) }</th>
						<th>{ __( 'Items', 'afflux' ) }</th>
						<th>{ __( 'Data age', 'afflux' ) }</th>
						<th>{ __( 'Problem', 'afflux' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ health.runs.map( ( run ) => (
						<tr key={ `${ run.network }-${ run.kind }` }>
							<td>{ run.network_label }</td>
							<td>{ run.kind_label }</td>
							<td>{ `${ run.status_label } · ${ run.started_at_display }` }</td>
							<td>
								{ sprintf(
									/* translators: 1: items seen, 2: items written. */
									__( '%1$d seen, %2$d written', 'afflux' ),
									run.items_seen,
									run.items_written
								) }
							</td>
							<td>
								{ run.age_hours === null
									? __( 'never synced', 'afflux' )
									: sprintf(
											/* translators: %s: number of hours. */
											__( '%s h', 'afflux' ),
											run.age_hours
									  ) }
							</td>
							<td>{ run.error ?? '' }</td>
						</tr>
					) ) }
				</tbody>
			</table>
		</PanelBody>
	);
}
