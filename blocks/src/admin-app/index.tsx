/**
 * WordPress dependencies
 */
import { render } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { EarningsScreen } from './earnings-screen';
import { SettingsScreen } from './settings-screen';
import './style.scss';

// The script loads in the footer, after the page's mount point.
const root = document.getElementById( 'afflux-admin-app' );
if ( root ) {
	// WordPress 6.1 ships React 17: render(), not createRoot().
	render(
		root.dataset.view === 'settings' ? (
			<SettingsScreen />
		) : (
			<EarningsScreen />
		),
		root
	);
}
