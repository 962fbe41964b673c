#!/usr/bin/env node
/**
 * Builds Afflux's translations. Sources: the PHP plugin, the blocks' TypeScript and their
 * block.json files. Outputs:
 *   languages/afflux.pot                         the template (regenerated, committed)
 *   languages/afflux-<locale>.po                 translators' files (merged with the template; the only hand-edited files)
 *   plugin/languages/afflux-<locale>.mo          PHP translations, loaded by load_plugin_textdomain()
 *   plugin/languages/afflux-<locale>-<handle>.json  JS translations per block script (Jed format)
 * With --check it also fails when a locale has an untranslated or fuzzy string.
 *
 * Extraction uses GNU gettext's xgettext (it reads PHP and TSX); .po parsing uses gettext-parser.
 */
const { execFileSync } = require( 'node:child_process' );
const fs = require( 'node:fs' );
const os = require( 'node:os' );
const path = require( 'node:path' );
const { po } = require( 'gettext-parser' );
const ts = require( 'typescript' );

const ROOT = path.resolve( __dirname, '..' );
const LANGUAGES = __dirname;
const OUTPUT = path.join( ROOT, 'plugin', 'languages' );
const POT = path.join( LANGUAGES, 'afflux.pot' );
const DOMAIN = 'afflux';
const LOCALES = [ 'fr_FR' ];
const PLURAL_FORMS = { fr_FR: 'nplurals=2; plural=(n > 1);' };
const KEYWORDS = [
	'__:1,2t',
	'_e:1,2t',
	'_x:1,2c,3t',
	'_ex:1,2c,3t',
	'_n:1,2,4t',
	'_nx:1,2,4c,5t',
	'esc_html__:1,2t',
	'esc_html_e:1,2t',
	'esc_html_x:1,2c,3t',
	'esc_attr__:1,2t',
	'esc_attr_e:1,2t',
	'esc_attr_x:1,2c,3t',
];

function filesUnder( dir, pattern, skip ) {
	const found = [];
	for ( const entry of fs.readdirSync( dir, { withFileTypes: true } ) ) {
		const full = path.join( dir, entry.name );
		if ( skip.test( full ) ) {
			continue;
		}
		if ( entry.isDirectory() ) {
			found.push( ...filesUnder( full, pattern, skip ) );
		} else if ( pattern.test( entry.name ) ) {
			found.push( path.relative( ROOT, full ) );
		}
	}
	return found.sort();
}

function xgettext( language, files, output, cwd = ROOT ) {
	execFileSync(
		'xgettext',
		[
			`--language=${ language }`,
			'--from-code=UTF-8',
			'--add-comments=translators:',
			'--sort-by-file',
			'--package-name=Afflux',
			`--output=${ output }`,
			...KEYWORDS.map( ( keyword ) => `--keyword=${ keyword }` ),
			...files,
		],
		{ cwd, stdio: 'inherit' }
	);
}

const I18N_CALLS = new Set( [ '__', '_x', '_n', '_nx' ] );

// Two xgettext 0.21 limits with TSX, worked around in copies that keep every offset and line:
// - it silently drops every string after a template literal with a ${…} substitution inside JSX
//   braces, so each template becomes a parenthesised list of its expressions
//   (`a${ x }b${ y }` becomes "(  x ,  y  )");
// - it drops the translators comment of a call whose string starts on the next line
//   (prettier's layout for long strings), so the string moves up next to "__(" and the line
//   break after it.
function prepareForXgettext( source, fileName ) {
	const file = ts.createSourceFile(
		fileName,
		source,
		ts.ScriptTarget.Latest,
		false,
		fileName.endsWith( '.tsx' ) ? ts.ScriptKind.TSX : ts.ScriptKind.TS
	);
	const chars = source.split( '' );
	const replace = ( node, first ) => {
		for ( let i = node.getStart( file ); i < node.end; i++ ) {
			if ( chars[ i ] !== '\n' ) {
				chars[ i ] = ' ';
			}
		}
		chars[ node.getStart( file ) ] = first;
	};
	const visit = ( node ) => {
		if (
			ts.isCallExpression( node ) &&
			ts.isIdentifier( node.expression ) &&
			I18N_CALLS.has( node.expression.text ) &&
			node.arguments.length > 0 &&
			ts.isStringLiteral( node.arguments[ 0 ] )
		) {
			const text = node.arguments[ 0 ].getText( file );
			const start = node.arguments.pos;
			const gap = source.slice(
				start,
				node.arguments[ 0 ].getStart( file )
			);
			if ( gap.includes( '\n' ) && gap.trim() === '' ) {
				const moved = text + gap;
				for ( let i = 0; i < moved.length; i++ ) {
					chars[ start + i ] = moved[ i ];
				}
			}
		}
		if ( ts.isTemplateExpression( node ) ) {
			replace( node.head, '(' );
			node.templateSpans.forEach( ( span, index ) =>
				replace(
					span.literal,
					index === node.templateSpans.length - 1 ? ')' : ','
				)
			);
		}
		ts.forEachChild( node, visit );
	};
	visit( file );
	return chars.join( '' );
}

function copiesForXgettext( files, dir ) {
	for ( const file of files ) {
		const copy = path.join( dir, file );
		fs.mkdirSync( path.dirname( copy ), { recursive: true } );
		fs.writeFileSync(
			copy,
			prepareForXgettext(
				fs.readFileSync( path.join( ROOT, file ), 'utf8' ),
				file
			)
		);
	}
	return dir;
}

// block.json strings are translated by WordPress with fixed contexts.
function blockMetadataEntries() {
	const translations = {};
	const add = ( context, text, reference ) => {
		translations[ context ] ??= {};
		translations[ context ][ text ] = {
			msgctxt: context,
			msgid: text,
			msgstr: [ '' ],
			comments: { reference },
		};
	};
	for ( const file of filesUnder(
		path.join( ROOT, 'blocks', 'src' ),
		/^block\.json$/,
		/node_modules/
	) ) {
		const metadata = JSON.parse(
			fs.readFileSync( path.join( ROOT, file ), 'utf8' )
		);
		add( 'block title', metadata.title, file );
		add( 'block description', metadata.description, file );
		for ( const keyword of metadata.keywords ?? [] ) {
			add( 'block keyword', keyword, file );
		}
	}
	return translations;
}

function writeTemplate() {
	const tmp = fs.mkdtempSync( path.join( os.tmpdir(), 'afflux-i18n-' ) );
	const phpPot = path.join( tmp, 'php.pot' );
	const jsPot = path.join( tmp, 'js.pot' );
	const jsonPot = path.join( tmp, 'json.pot' );
	xgettext(
		'PHP',
		filesUnder(
			path.join( ROOT, 'plugin' ),
			/\.php$/,
			// go-classes.php is generated from src/ (npm run build:go) and not committed: its
			// copies of the strings would tie the template to whether it was built.
			/plugin\/(build|languages)|plugin\/go-classes\.php$/
		),
		phpPot
	);
	const scripts = filesUnder(
		path.join( ROOT, 'blocks', 'src' ),
		/\.tsx?$/,
		/\.spec\.|\.d\.ts$/
	);
	xgettext(
		'JavaScript',
		scripts,
		jsPot,
		copiesForXgettext( scripts, path.join( tmp, 'src' ) )
	);
	fs.writeFileSync(
		jsonPot,
		po.compile( {
			charset: 'utf-8',
			headers: { 'Content-Type': 'text/plain; charset=UTF-8' },
			translations: blockMetadataEntries(),
		} )
	);
	execFileSync(
		'msgcat',
		[ '--use-first', '--sort-by-file', '-o', POT, phpPot, jsPot, jsonPot ],
		{ stdio: 'inherit' }
	);
	// A stable template: no creation date, so an unchanged build leaves git clean.
	const template = fs
		.readFileSync( POT, 'utf8' )
		.replace( /^"POT-Creation-Date: .*\\n"\n/m, '' );
	fs.writeFileSync( POT, template );
	fs.rmSync( tmp, { recursive: true } );
}

function mergeLocale( locale ) {
	const file = path.join( LANGUAGES, `${ DOMAIN }-${ locale }.po` );
	if ( ! fs.existsSync( file ) ) {
		execFileSync(
			'msginit',
			[
				'--no-translator',
				`--locale=${ locale }.UTF-8`,
				`--input=${ POT }`,
				`--output-file=${ file }`,
			],
			{ stdio: 'inherit' }
		);
	}
	execFileSync(
		'msgmerge',
		[
			'--quiet',
			'--update',
			'--backup=none',
			'--no-fuzzy-matching',
			'--sort-by-file',
			file,
			POT,
		],
		{ stdio: 'inherit' }
	);
	return file;
}

function problems( parsed ) {
	const found = [];
	for ( const [ context, entries ] of Object.entries(
		parsed.translations
	) ) {
		for ( const [ id, entry ] of Object.entries( entries ) ) {
			if ( id === '' ) {
				continue;
			}
			const label = context ? `${ context }|${ id }` : id;
			if ( entry.msgstr.some( ( text ) => text === '' ) ) {
				found.push( `untranslated: ${ label }` );
			} else if ( entry.comments?.flag?.includes( 'fuzzy' ) ) {
				found.push( `fuzzy: ${ label }` );
			}
		}
	}
	return found;
}

// Scripts built from blocks/src/ that are not blocks (no block.json): folder => handle, as
// registered with wp_set_script_translations() in plugin/src/Admin/.
const OTHER_SCRIPTS = {
	'admin-app': 'afflux-admin-app',
	'post-earnings-panel': 'afflux-post-earnings-panel',
	'affiliate-link-format': 'afflux-affiliate-link-format',
};

// Which block script uses a string: strings from blocks/src/<block>/ go to that block's editor
// script, those of a non-block script's folder to that script; strings from blocks/src/shared/
// and every block.json string go to all the blocks.
function scriptHandlesFor( references, blocks ) {
	const handles = new Set();
	for ( const reference of references ) {
		const file = reference.split( ':' )[ 0 ];
		const match = /^blocks\/src\/([^/]+)\//.exec( file );
		if ( ! match ) {
			continue;
		}
		if ( OTHER_SCRIPTS[ match[ 1 ] ] ) {
			handles.add( OTHER_SCRIPTS[ match[ 1 ] ] );
			continue;
		}
		const targets = match[ 1 ] === 'shared' ? blocks : [ match[ 1 ] ];
		for ( const block of targets ) {
			if ( blocks.includes( block ) ) {
				handles.add( `afflux-${ block }-editor-script` );
			}
		}
	}
	return handles;
}

function writeCompiled( locale, parsed ) {
	fs.mkdirSync( OUTPUT, { recursive: true } );
	execFileSync(
		'msgfmt',
		[
			'--check-format',
			'-o',
			path.join( OUTPUT, `${ DOMAIN }-${ locale }.mo` ),
			path.join( LANGUAGES, `${ DOMAIN }-${ locale }.po` ),
		],
		{ stdio: 'inherit' }
	);

	const blocks = fs
		.readdirSync( path.join( ROOT, 'blocks', 'src' ), {
			withFileTypes: true,
		} )
		.filter(
			( entry ) =>
				entry.isDirectory() &&
				fs.existsSync(
					path.join( ROOT, 'blocks', 'src', entry.name, 'block.json' )
				)
		)
		.map( ( entry ) => entry.name );
	const perHandle = {};
	for ( const [ context, entries ] of Object.entries(
		parsed.translations
	) ) {
		for ( const [ id, entry ] of Object.entries( entries ) ) {
			if ( id === '' || entry.msgstr.every( ( text ) => text === '' ) ) {
				continue;
			}
			const references = ( entry.comments?.reference ?? '' )
				.split( /\s+/ )
				.filter( Boolean );
			// Jed keys a string with a context as "context\u0004id".
			const key = context ? `${ context }\u0004${ id }` : id;
			for ( const handle of scriptHandlesFor( references, blocks ) ) {
				perHandle[ handle ] ??= {};
				perHandle[ handle ][ key ] = entry.msgstr;
			}
		}
	}
	for ( const [ handle, messages ] of Object.entries( perHandle ) ) {
		const jed = {
			'translation-revision-date': '',
			generator: 'afflux/languages/make-translations.js',
			domain: 'messages',
			locale_data: {
				messages: {
					'': {
						domain: 'messages',
						lang: locale,
						'plural-forms': PLURAL_FORMS[ locale ],
					},
					...messages,
				},
			},
		};
		fs.writeFileSync(
			path.join( OUTPUT, `${ DOMAIN }-${ locale }-${ handle }.json` ),
			JSON.stringify( jed )
		);
	}
}

function main() {
	const check = process.argv.includes( '--check' );
	writeTemplate();
	let failed = false;
	for ( const locale of LOCALES ) {
		const file = mergeLocale( locale );
		const parsed = po.parse( fs.readFileSync( file ) );
		writeCompiled( locale, parsed );
		const found = problems( parsed );
		if ( check && found.length > 0 ) {
			failed = true;
			console.error(
				`${ path.relative( ROOT, file ) }: ${
					found.length
				} string(s) to translate:\n  ${ found.join( '\n  ' ) }`
			);
		}
	}
	if ( failed ) {
		process.exit( 1 );
	}
}

main();
