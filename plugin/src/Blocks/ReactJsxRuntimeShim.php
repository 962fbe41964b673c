<?php
/**
 * The react-jsx-runtime script handle for WordPress versions that lack it.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Blocks;

use Afflux\Service;

/**
 * Blocks built with @wordpress/scripts 28+ depend on the react-jsx-runtime handle, which
 * WordPress registers only since 6.6; without it WordPress silently drops the block's script
 * and the block never reaches the inserter. On older versions this registers a small inline
 * equivalent built on React.createElement.
 */
final class ReactJsxRuntimeShim implements Service {

	public const HANDLE = 'react-jsx-runtime';

	/**
	 * The shim: jsx/jsxs/Fragment with the automatic runtime's calling convention.
	 */
	private const SCRIPT = <<<'JS'
window.ReactJSXRuntime = window.ReactJSXRuntime || ( function ( React ) {
	function create( type, config, key, spreadChildren ) {
		var props = {};
		var children;
		for ( var name in config ) {
			if ( Object.prototype.hasOwnProperty.call( config, name ) ) {
				if ( name === 'children' ) {
					children = config[ name ];
				} else {
					props[ name ] = config[ name ];
				}
			}
		}
		if ( key !== undefined ) {
			props.key = key;
		}
		if ( children === undefined ) {
			return React.createElement( type, props );
		}
		if ( spreadChildren && Array.isArray( children ) ) {
			return React.createElement.apply( null, [ type, props ].concat( children ) );
		}
		return React.createElement( type, props, children );
	}
	return {
		Fragment: React.Fragment,
		jsx: function ( type, config, key ) { return create( type, config, key, false ); },
		jsxs: function ( type, config, key ) { return create( type, config, key, true ); }
	};
} )( window.React );
JS;

	/**
	 * Registers the shim on init, once WordPress's own scripts are known.
	 */
	public function init(): void {
		add_action( 'init', array( $this, 'register' ) );
	}

	/**
	 * Registers the handle unless WordPress (6.6+) or another plugin already did.
	 */
	public function register(): void {
		if ( wp_script_is( self::HANDLE, 'registered' ) ) {
			return;
		}
		wp_register_script( self::HANDLE, false, array( 'react' ), AFFLUX_VERSION, false );
		wp_add_inline_script( self::HANDLE, self::SCRIPT );
	}
}
