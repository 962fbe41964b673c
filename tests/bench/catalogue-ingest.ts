/**
 * Catalogue ingest benchmark: a generated Awin feed (gzip CSV) through the daemon's real path
 * (a worker: readCsvFeedRows → each record as one string, sent in parts; then on this thread
 * the records as bytes and their hash, the lookup, parseAwinFeedRow for new and changed rows
 * only, createCatalogueWriter → SQLite with its FTS triggers),
 * next to the raw better-sqlite3 insert rate into a bare table of the same width, measured in
 * the same run (the ceiling). Reports, never asserts: `npm run bench:ingest -- --rows 100000`;
 * `--compare` adds the same phases with the feed read on the main thread (no feed worker).
 * Each phase runs in a child process of its own, so its peak RSS is the peak of a daemon doing
 * only that (the kernel's VmHWM of the child), not what an earlier phase left in the heap.
 */
import { fork } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import type { HttpClient } from '../../daemon/src/http/httpClient';
import {
	parseAwinFeedRow,
	streamAwinCatalogue,
	streamAwinCatalogueBatches,
	type AwinAccount,
} from '../../daemon/src/networks/awin';
import {
	catalogueItemHash,
	storedCatalogueRow,
} from '../../daemon/src/ingest/storedCatalogueRow';
import {
	createCatalogueWriter,
	DEFAULT_CATALOGUE_BATCH_SIZE,
	offerRowValues,
	productRowValues,
	type CatalogueWriteStats,
} from '../../daemon/src/store/catalogueWriter';
import { migrate } from '../../daemon/src/store/migrate';
import { openCache, type CacheDb } from '../../daemon/src/store/openCache';
import { awinFeedRow, writeAwinFeed } from './awinFeedGenerator';
import { AWIN_FEED_COLUMNS } from '../../daemon/src/networks/awin/schema';

// The ceiling commits in the writer's own batches.
const BATCH = DEFAULT_CATALOGUE_BATCH_SIZE;

function option( name: string, fallback: number ): number {
	const index = process.argv.indexOf( `--${ name }` );
	const value = index === -1 ? undefined : process.argv[ index + 1 ];
	const parsed = Number( value ?? fallback );
	if ( ! Number.isSafeInteger( parsed ) || parsed <= 0 ) {
		throw new Error( `--${ name } must be a positive integer` );
	}
	return parsed;
}

// Peak resident memory of this process (one phase): the kernel's high-water mark.
function peakRssMb(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(
		readFileSync( '/proc/self/status', 'utf8' )
	);
	return match
		? ( Number( match[ 1 ] ) * 1024 ) / 1e6
		: process.memoryUsage().rss / 1e6;
}

interface Phase {
	name: string;
	rows: number;
	seconds: number;
	rssMb: number;
	note: string;
}

function removeDb( path: string ): void {
	for ( const suffix of [ '', '-wal', '-shm' ] ) {
		rmSync( path + suffix, { force: true } );
	}
}

// (a) The ceiling: the same values the writer stores (its own product and offer row values:
// normalised rows, their content hash and raw_json as stored, without the fields a column
// holds) into one bare table with the columns of products + offers, no index, no trigger, same
// batches and pragmas (openCache).
function measureCeiling( path: string, rows: number ): Phase {
	const now = '2026-11-21T08:00:00Z';
	const pool = Array.from( { length: 1000 }, ( _, n ) => {
		const record: Record< string, string > = {};
		awinFeedRow( n + 1 ).forEach( ( value, i ) => {
			record[ AWIN_FEED_COLUMNS[ i ] as string ] = value;
		} );
		const item = parseAwinFeedRow( record );
		return {
			product: productRowValues(
				'awin',
				storedCatalogueRow( item ),
				catalogueItemHash( item ),
				now
			),
			offer: offerRowValues( 0, item.offers[ 0 ]!, now ),
		};
	} );
	removeDb( path );
	const db = openCache( path );
	const width = pool[ 0 ]!.product.length + pool[ 0 ]!.offer.length;
	db.exec(
		`CREATE TABLE bare (${ Array.from(
			{ length: width },
			( _, i ) => `c${ i }`
		).join( ', ' ) })`
	);
	const insert = db.prepare(
		`INSERT INTO bare VALUES (${ Array( width ).fill( '?' ).join( ', ' ) })`
	);
	const batch = db.transaction( ( from: number, to: number ) => {
		for ( let n = from; n < to; n++ ) {
			const { product, offer } = pool[ n % 1000 ]!;
			// Each row its own product key and product id, as the writer's are.
			product[ 1 ] = String( 40_000_000 + n );
			offer[ 0 ] = n;
			insert.run( ...product, ...offer );
		}
	} );
	const started = process.hrtime.bigint();
	for ( let n = 0; n < rows; n += BATCH ) {
		batch.immediate( n, Math.min( n + BATCH, rows ) );
	}
	const seconds = Number( process.hrtime.bigint() - started ) / 1e9;
	const rssMb = peakRssMb();
	db.close();
	removeDb( path );
	return {
		name: '(a) ceiling: bare INSERT',
		rows,
		seconds,
		rssMb,
		note: `${ width } columns, no index`,
	};
}

// The daemon's own path, minus HTTP: the feed client hands out the file as the body.
async function ingest(
	db: CacheDb,
	feedPath: string,
	now: string,
	inThread: boolean
): Promise< { stats: CatalogueWriteStats; rejected: number } > {
	const feed = {
		openStream: async () => createReadStream( feedPath ),
	} as unknown as HttpClient;
	const account: AwinAccount = {
		publisherId: '123456',
		apiToken: 'bench',
		feedKey: 'bench',
		feedIds: [ '1001' ],
		apiBase: 'http://127.0.0.1',
		feedBase: 'http://127.0.0.1',
		trackingBase: 'http://127.0.0.1',
	};
	let rejected = 0;
	const writer = createCatalogueWriter( db, { network: 'awin', now } );
	const onRejectedRow = () => rejected++;
	if ( inThread ) {
		// The path of the adapters without a feed worker, for comparison (--compare).
		for await ( const item of streamAwinCatalogue( feed, account, {
			onRejectedRow,
		} ) ) {
			writer.add( item );
		}
	} else {
		// The sync's path: rows parsed in the feed worker, one transaction a batch.
		for await ( const batch of streamAwinCatalogueBatches( feed, account, {
			onRejectedRow,
		} ) ) {
			writer.addBatch( batch );
		}
	}
	return { stats: writer.finish( true ), rejected };
}

async function measureIngest( task: PhaseTask, db: CacheDb ): Promise< Phase > {
	const { name, feedPath, now } = task;
	const started = process.hrtime.bigint();
	const { stats, rejected } = await ingest(
		db,
		feedPath,
		now,
		task.inThread
	);
	const seconds = Number( process.hrtime.bigint() - started ) / 1e9;
	return {
		name,
		rows: stats.seen,
		seconds,
		rssMb: peakRssMb(),
		note: `written ${ stats.written }, unchanged ${ stats.unchanged }, gone ${ stats.gone }, rejected ${ rejected }`,
	};
}

function count( db: CacheDb, sql: string, ...params: unknown[] ): number {
	return Number(
		db
			.prepare( sql )
			.pluck()
			.get( ...params )
	);
}

function printTable( phases: Phase[], ceiling: Phase ): void {
	const ceilingRate = ceiling.rows / ceiling.seconds;
	const lines = [
		[
			'phase',
			'rows',
			'seconds',
			'rows/s',
			'vs ceiling',
			'peak RSS',
			'note',
		],
		...phases.map( ( phase ) => {
			const rate = phase.rows / phase.seconds;
			return [
				phase.name,
				String( phase.rows ),
				phase.seconds.toFixed( 2 ),
				Math.round( rate ).toLocaleString( 'en-US' ),
				`${ ( rate / ceilingRate ).toFixed( 2 ) }x`,
				`${ phase.rssMb.toFixed( 0 ) } MB`,
				phase.note,
			];
		} ),
	];
	const widths = lines[ 0 ]!.map( ( _, column ) =>
		Math.max( ...lines.map( ( line ) => line[ column ]!.length ) )
	);
	for ( const line of lines ) {
		console.log(
			line
				.map( ( cell, column ) =>
					column === 0 || column === 6
						? cell.padEnd( widths[ column ]! )
						: cell.padStart( widths[ column ]! )
				)
				.join( '  ' )
		);
	}
}

interface PhaseTask {
	name: string;
	rows: number;
	dir: string;
	feedPath: string;
	now: string;
	/** Read the feed on the main thread (the path before the feed worker). */
	inThread: boolean;
}

// One phase, in this (child) process; the cache file persists between phases.
async function runPhase( task: PhaseTask ): Promise< Phase > {
	if ( task.feedPath === '' ) {
		return measureCeiling( join( task.dir, 'ceiling.sqlite' ), task.rows );
	}
	const db = openCache(
		join( task.dir, task.inThread ? 'in-thread.sqlite' : 'cache.sqlite' )
	);
	try {
		migrate( db );
		return await measureIngest( task, db );
	} finally {
		db.close();
	}
}

function inChild( task: PhaseTask ): Promise< Phase > {
	return new Promise( ( resolve, reject ) => {
		const child = fork( __filename, [ '--phase', JSON.stringify( task ) ] );
		let phase: Phase | null = null;
		child.on( 'message', ( message ) => {
			phase = message as Phase;
		} );
		child.on( 'error', reject );
		child.on( 'exit', ( code ) => {
			if ( phase ) {
				resolve( phase );
			} else {
				reject( new Error( `${ task.name } exited with ${ code }` ) );
			}
		} );
	} );
}

async function main(): Promise< void > {
	const phaseIndex = process.argv.indexOf( '--phase' );
	if ( phaseIndex !== -1 ) {
		const task = JSON.parse(
			process.argv[ phaseIndex + 1 ] ?? ''
		) as PhaseTask;
		process.send?.( await runPhase( task ) );
		return;
	}
	const rows = option( 'rows', 1_000_000 );
	const dir = mkdtempSync( join( tmpdir(), 'afflux-bench-' ) );
	try {
		console.log( `Generating a ${ rows }-row Awin feed (gzip CSV)…` );
		const feed = await writeAwinFeed( join( dir, 'feed.csv.gz' ), rows );
		const repriced = await writeAwinFeed(
			join( dir, 'feed-repriced.csv.gz' ),
			rows,
			1
		);
		console.log(
			`  ${ ( feed.csvBytes / 1e6 ).toFixed(
				0
			) } MB of CSV (${ Math.round(
				feed.csvBytes / rows
			) } B a row), ${ ( feed.bytes / 1e6 ).toFixed( 0 ) } MB gzip`
		);

		const ingestTasks = ( inThread: boolean ): PhaseTask[] =>
			[
				[ '(b) first import', feed.path, '2026-11-21T08:00:00Z' ],
				[ '(c) re-sync, unchanged', feed.path, '2026-11-21T14:00:00Z' ],
				[
					'(d) re-sync, 1 % prices',
					repriced.path,
					'2026-11-21T20:00:00Z',
				],
			].map( ( [ name, feedPath, now ] ) => ( {
				name: inThread ? `${ name }, in-thread` : ( name as string ),
				rows,
				dir,
				feedPath: feedPath as string,
				now: now as string,
				inThread,
			} ) );
		const tasks: PhaseTask[] = [
			{
				name: '(a) ceiling: bare INSERT',
				rows,
				dir,
				feedPath: '',
				now: '',
				inThread: false,
			},
			// --compare: each phase again with the feed read on the main thread, right after it
			// (interleaved, so a change in the machine's load weighs on both alike).
			...( process.argv.includes( '--compare' )
				? ingestTasks( false ).flatMap( ( task, index ) => [
						task,
						ingestTasks( true )[ index ] as PhaseTask,
				  ] )
				: ingestTasks( false ) ),
		];
		const phases: Phase[] = [];
		for ( const task of tasks ) {
			phases.push( await inChild( task ) );
		}

		const db = openCache( join( dir, 'cache.sqlite' ) );
		const products = count( db, 'SELECT COUNT(*) FROM products' );
		const indexed = count(
			db,
			'SELECT COUNT(*) FROM products_fts_docsize'
		);
		const moved = count(
			db,
			'SELECT COUNT(*) FROM offers WHERE changed_at = ?',
			'2026-11-21T20:00:00Z'
		);
		db.close();

		console.log( '' );
		printTable( phases, phases[ 0 ]! );
		console.log( '' );
		console.log(
			`Cache: ${ products } products, ${ indexed } in the full-text index, ${ moved } offers with a new changed_at after (d).`
		);
		console.log(
			`Load average: ${ loadavg()
				.map( ( n ) => n.toFixed( 2 ) )
				.join( ', ' ) }`
		);
	} finally {
		rmSync( dir, { recursive: true, force: true } );
	}
}

main().catch( ( error: unknown ) => {
	console.error( error );
	process.exitCode = 1;
} );
