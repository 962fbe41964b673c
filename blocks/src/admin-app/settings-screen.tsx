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
	TextareaControl,
	ToggleControl,
} from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { SettingsView } from './types';

type Errors = Record< string, string >;

interface SaveError {
	message?: string;
	data?: { fields?: Errors };
}

// Credentials typed in this session only; the server never sends them back.
type Secrets = Record< string, Record< string, string > >;

function FieldError( { errors, path }: { errors: Errors; path: string } ) {
	const message = errors[ path ];
	return message ? (
		<p className="afflux-field-error" role="alert">
			{ message }
		</p>
	) : null;
}

export function SettingsScreen() {
	const [ view, setView ] = useState< SettingsView | null >( null );
	const [ secrets, setSecrets ] = useState< Secrets >( {} );
	const [ errors, setErrors ] = useState< Errors >( {} );
	const [ notice, setNotice ] = useState< {
		status: 'success' | 'error' | 'warning';
		text: string;
	} | null >( null );
	const [ saving, setSaving ] = useState( false );
	const [ cacheCheck, setCacheCheck ] = useState< string >( '' );

	useEffect( () => {
		apiFetch< SettingsView >( { path: '/afflux/v1/settings' } ).then(
			setView,
			( error: SaveError ) =>
				setNotice( {
					status: 'error',
					text:
						error.message ??
						__( 'Could not load the settings.', 'afflux' ),
				} )
		);
	}, [] );

	if ( ! view ) {
		return notice ? (
			<Notice status={ notice.status } isDismissible={ false }>
				{ notice.text }
			</Notice>
		) : (
			<Spinner />
		);
	}

	const setGeneral = (
		key: keyof SettingsView[ 'general' ],
		value: string
	) => setView( { ...view, general: { ...view.general, [ key ]: value } } );
	const setLinks = ( key: keyof SettingsView[ 'links' ], value: string ) =>
		setView( { ...view, links: { ...view.links, [ key ]: value } } );

	function checkCache() {
		if ( ! view ) {
			return;
		}
		setCacheCheck( __( 'Checking…', 'afflux' ) );
		apiFetch< {
			state: string;
			reason: string;
			advice: string;
			products: number | null;
		} >( {
			path:
				'/afflux/v1/settings/cache-check?path=' +
				encodeURIComponent( view.general.cache_path ),
		} ).then(
			( result ) =>
				setCacheCheck(
					result.state === 'ok'
						? sprintf(
								/* translators: %d: number of products in the cache. */
								_n(
									'Readable: %d product.',
									'Readable: %d products.',
									result.products ?? 0,
									'afflux'
								),
								result.products ?? 0
						  )
						: `${ result.reason } ${ result.advice }`
				),
			() => setCacheCheck( __( 'The check failed.', 'afflux' ) )
		);
	}

	function save() {
		if ( ! view ) {
			return;
		}
		setSaving( true );
		setErrors( {} );
		setNotice( null );
		const networks: Record<
			string,
			{ enabled: boolean; values: Record< string, string > }
		> = {};
		for ( const [ name, network ] of Object.entries( view.networks ) ) {
			const values: Record< string, string > = {};
			for ( const field of network.fields ) {
				values[ field.key ] =
					field.type === 'secret'
						? secrets[ name ]?.[ field.key ] ?? ''
						: field.value;
			}
			networks[ name ] = { enabled: network.enabled, values };
		}
		apiFetch< SettingsView >( {
			path: '/afflux/v1/settings',
			method: 'POST',
			data: {
				general: view.general,
				links: view.links,
				networks,
				schedules: view.schedules,
			},
		} )
			.then(
				( saved ) => {
					setView( saved );
					setSecrets( {} );
					setNotice( {
						status: saved.daemon_handoff?.written
							? 'success'
							: 'warning',
						text:
							saved.daemon_handoff?.message ??
							__( 'Saved.', 'afflux' ),
					} );
				},
				( error: SaveError ) => {
					setErrors( error.data?.fields ?? {} );
					setNotice( {
						status: 'error',
						text:
							error.message ??
							__( 'The settings could not be saved.', 'afflux' ),
					} );
				}
			)
			.finally( () => setSaving( false ) );
	}

	return (
		<div className="afflux-settings">
			{ notice && (
				<Notice status={ notice.status } isDismissible={ false }>
					{ notice.text }
				</Notice>
			) }
			<PanelBody title={ __( 'Networks', 'afflux' ) }>
				{ Object.entries( view.networks ).map(
					( [ name, network ] ) => (
						<fieldset
							key={ name }
							className="afflux-network"
							data-network={ name }
						>
							<ToggleControl
								label={ sprintf(
									/* translators: %s: network name such as Awin. */
									__( 'Sync %s', 'afflux' ),
									network.label
								) }
								checked={ network.enabled }
								onChange={ ( enabled ) =>
									setView( {
										...view,
										networks: {
											...view.networks,
											[ name ]: { ...network, enabled },
										},
									} )
								}
							/>
							{ network.fields.map( ( field ) => {
								const path = `networks.${ name }.${ field.key }`;
								return (
									<div key={ field.key }>
										{ field.type === 'secret' ? (
											<TextControl
												className={ `afflux-field afflux-field--${ field.key }` }
												type="password"
												autoComplete="new-password"
												label={ `${ network.label } — ${ field.label }` }
												help={
													field.set
														? __(
																'Saved (hidden). Type a new value to replace it.',
																'afflux'
														  )
														: __(
																'Not set.',
																'afflux'
														  )
												}
												value={
													secrets[ name ]?.[
														field.key
													] ?? ''
												}
												onChange={ ( value ) =>
													setSecrets( {
														...secrets,
														[ name ]: {
															...secrets[ name ],
															[ field.key ]:
																value,
														},
													} )
												}
											/>
										) : (
											<TextControl
												className={ `afflux-field afflux-field--${ field.key }` }
												label={ `${ network.label } — ${ field.label }` }
												value={ field.value }
												onChange={ ( value ) =>
													setView( {
														...view,
														networks: {
															...view.networks,
															[ name ]: {
																...network,
																fields: network.fields.map(
																	( f ) =>
																		f.key ===
																		field.key
																			? {
																					...f,
																					value,
																			  }
																			: f
																),
															},
														},
													} )
												}
											/>
										) }
										<FieldError
											errors={ errors }
											path={ path }
										/>
									</div>
								);
							} ) }
						</fieldset>
					)
				) }
			</PanelBody>
			<PanelBody title={ __( 'Links and disclosure', 'afflux' ) }>
				<SelectControl
					label={ __( 'Link mode', 'afflux' ) }
					value={ view.links.link_mode }
					options={ [
						{
							value: 'direct',
							label: __(
								'Direct to the network (no redirect)',
								'afflux'
							),
						},
						{
							value: 'cloaked',
							label: __(
								'Cloaked through this site (/go/…), with click counting',
								'afflux'
							),
						},
					] }
					onChange={ ( value ) => setLinks( 'link_mode', value ) }
				/>
				<FieldError errors={ errors } path="links.link_mode" />
				<TextControl
					label={ __( 'Cloaked link prefix', 'afflux' ) }
					value={ view.links.link_prefix }
					onChange={ ( value ) => setLinks( 'link_prefix', value ) }
				/>
				<FieldError errors={ errors } path="links.link_prefix" />
				<TextControl
					label={ __( 'Keep raw clicks for (days)', 'afflux' ) }
					value={ String( view.links.click_retention_days ) }
					onChange={ ( value ) =>
						setLinks( 'click_retention_days', value )
					}
				/>
				<FieldError
					errors={ errors }
					path="links.click_retention_days"
				/>
				<TextControl
					label={ __( 'UTM template', 'afflux' ) }
					help={ __(
						'Placeholders: {site}, {post_slug}, {block}. Empty: no UTM parameters.',
						'afflux'
					) }
					value={ view.general.utm_template }
					onChange={ ( value ) =>
						setGeneral( 'utm_template', value )
					}
				/>
				<FieldError errors={ errors } path="general.utm_template" />
				<TextareaControl
					label={ __( 'Disclosure text', 'afflux' ) }
					value={ view.general.disclosure_text }
					onChange={ ( value ) =>
						setGeneral( 'disclosure_text', value )
					}
				/>
				<Button
					variant="link"
					onClick={ () =>
						setGeneral(
							'disclosure_text',
							view.disclosure_defaults.fr
						)
					}
				>
					{ __( 'Use the French default', 'afflux' ) }
				</Button>{ ' ' }
				<Button
					variant="link"
					onClick={ () =>
						setGeneral(
							'disclosure_text',
							view.disclosure_defaults.en
						)
					}
				>
					{ __( 'Use the English default', 'afflux' ) }
				</Button>
				<FieldError errors={ errors } path="general.disclosure_text" />
			</PanelBody>
			<PanelBody title={ __( 'Products and prices', 'afflux' ) }>
				<TextControl
					label={ __(
						'Hide prices checked longer ago than (hours)',
						'afflux'
					) }
					value={ String( view.general.price_max_age_hours ) }
					onChange={ ( value ) =>
						setGeneral( 'price_max_age_hours', value )
					}
				/>
				<FieldError
					errors={ errors }
					path="general.price_max_age_hours"
				/>
				<SelectControl
					label={ __( 'When a product is gone', 'afflux' ) }
					value={ view.general.unavailable_display }
					options={ [
						{
							value: 'label',
							label: __( 'Show it as unavailable', 'afflux' ),
						},
						{
							value: 'hide',
							label: __( 'Hide the card', 'afflux' ),
						},
						{
							value: 'alternative',
							label: __(
								'Show another offer of the same product',
								'afflux'
							),
						},
					] }
					onChange={ ( value ) =>
						setGeneral( 'unavailable_display', value )
					}
				/>
				<FieldError
					errors={ errors }
					path="general.unavailable_display"
				/>
			</PanelBody>
			<PanelBody title={ __( 'Daemon', 'afflux' ) }>
				<TextControl
					className="afflux-cache-path"
					label={ __( 'Cache location on the server', 'afflux' ) }
					value={ view.general.cache_path }
					onChange={ ( value ) => setGeneral( 'cache_path', value ) }
				/>
				<Button
					className="afflux-cache-check-button"
					variant="secondary"
					onClick={ checkCache }
				>
					{ __( 'Check that it can be read', 'afflux' ) }
				</Button>
				{ cacheCheck && (
					<p className="afflux-cache-check">{ cacheCheck }</p>
				) }
				<FieldError errors={ errors } path="general.cache_path" />
				{ Object.entries( view.schedules ).map(
					( [ kind, expression ] ) => (
						<div key={ kind }>
							<TextControl
								label={ sprintf(
									/* translators: %s: kind of sync such as commissions. */
									__(
										'Schedule: %s (cron expression)',
										'afflux'
									),
									kind
								) }
								value={ expression }
								onChange={ ( value ) =>
									setView( {
										...view,
										schedules: {
											...view.schedules,
											[ kind ]: value,
										},
									} )
								}
							/>
							<FieldError
								errors={ errors }
								path={ `schedules.${ kind }` }
							/>
						</div>
					)
				) }
			</PanelBody>
			<p>
				<Button
					className="afflux-settings-save"
					variant="primary"
					isBusy={ saving }
					disabled={ saving }
					onClick={ save }
				>
					{ __( 'Save settings', 'afflux' ) }
				</Button>
			</p>
		</div>
	);
}
