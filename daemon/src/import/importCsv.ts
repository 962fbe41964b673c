import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

import { parseMinorUnits } from '../money';
import { FeedRowError } from '../networks/awin';
import { parseGoogleMerchantRow } from '../networks/googleFeed';
import type { CatalogueItem, NormalisedTransaction } from '../networks/types';
import { createCatalogueWriter } from '../store/catalogueWriter';
import type { CacheDb } from '../store/openCache';
import { toIsoUtc } from '../store/timestamps';
import { writeTransactions } from '../store/transactionWriter';
import {
	CommissionCsvRowSchema,
	REQUIRED_COMMISSION_COLUMNS,
} from './commissionCsvSchema';

/**
 * `afflux-daemon import <csv>`: commissions or products from a file, for networks without an API
 * (Amazon's earnings, 1TPE). The whole file is read and checked before anything is written, then
 * written in one SQLite transaction: a bad file changes nothing, and re-importing the same file
 * changes nothing either (rows are upserted by their ids).
 *
 * Products use the Google Merchant columns (id, title, link, price "15.00 EUR", availability…)
 * plus programme_id and merchant_name.
 */

export type ImportKind = 'commissions' | 'products';

export const REQUIRED_PRODUCT_COLUMNS = [
	'id',
	'title',
	'link',
	'price',
	'programme_id',
] as const;

/** What is wrong with a file, naming the file, the line and the column. */
export class CsvImportError extends Error {
	readonly problems: string[];

	constructor( file: string, problems: string[] ) {
		const shown = problems.slice( 0, 10 );
		const more =
			problems.length > shown.length
				? `\n(+${ problems.length - shown.length } more)`
				: '';
		super(
			`${ basename(
				file
			) } was not imported (nothing changed):\n${ shown.join(
				'\n'
			) }${ more }`
		);
		this.name = 'CsvImportError';
		this.problems = problems;
	}
}

export interface ImportOptions {
	file: string;
	network: string;
	kind: ImportKind;
	now?: Date;
}

export interface ImportResult {
	rows: number;
	/** Rows that changed something in the cache (0 on a repeated import). */
	written: number;
}

interface CsvLine {
	/** 1-based line in the file where the record starts. */
	line: number;
	record: Record< string, string >;
}

async function readRecords(
	file: string,
	required: readonly string[]
): Promise< { header: string[]; lines: CsvLine[] } > {
	let header: string[] = [];
	const parser = createReadStream( file ).pipe(
		parse( {
			bom: true,
			skip_empty_lines: true,
			trim: true,
			info: true,
			delimiter: [ ',', ';', '\t' ],
			columns: ( names: string[] ) => {
				header = names.map( ( name ) => name.trim().toLowerCase() );
				const missing = required.filter(
					( column ) => ! header.includes( column )
				);
				if ( missing.length > 0 ) {
					throw new CsvImportError( file, [
						`line 1: the header lacks the column(s) ${ missing.join(
							', '
						) }`,
					] );
				}
				return header;
			},
		} )
	);
	const lines: CsvLine[] = [];
	try {
		for await ( const entry of parser as AsyncIterable< {
			record: Record< string, string >;
			info: { lines: number };
		} > ) {
			lines.push( { line: entry.info.lines, record: entry.record } );
		}
	} catch ( error ) {
		if ( error instanceof CsvImportError ) {
			throw error;
		}
		const code = ( error as { code?: unknown } ).code;
		if ( typeof code === 'string' && ! code.startsWith( 'CSV_' ) ) {
			throw new CsvImportError( file, [
				`cannot read the file (${ code })`,
			] );
		}
		const lineOf = ( error as { lines?: number } ).lines;
		throw new CsvImportError( file, [
			`line ${ lineOf ?? '?' }: not valid CSV (${
				( error as Error ).message
			})`,
		] );
	}
	return { header, lines };
}

function where( header: string[], line: number, field: string ): string {
	const index = header.indexOf( field );
	return index === -1
		? `line ${ line } (${ field })`
		: `line ${ line }, column ${ index + 1 } (${ field })`;
}

function toTransaction(
	network: string,
	header: string[],
	{ line, record }: CsvLine,
	problems: string[]
): NormalisedTransaction | null {
	const parsed = CommissionCsvRowSchema.safeParse( record );
	if ( ! parsed.success ) {
		for ( const issue of parsed.error.issues ) {
			problems.push(
				`${ where( header, line, String( issue.path[ 0 ] ?? '' ) ) }: ${
					issue.message
				}`
			);
		}
		return null;
	}
	const row = parsed.data;
	return {
		network,
		transactionId: row.transaction_id,
		accountId: '',
		programmeId: row.programme_id,
		status: row.status,
		networkStatus: row.network_status ?? row.status,
		saleMinor: parseMinorUnits( row.sale_amount, row.currency ),
		commissionMinor:
			parseMinorUnits( row.commission_amount, row.currency ) ?? 0,
		currency: row.currency,
		subId: row.sub_id,
		orderRef: row.order_ref,
		clickAt: row.click_date,
		transactionAt: row.transaction_date,
		validatedAt: row.validation_date,
		paidAt: row.paid_date,
		raw: record,
	};
}

function toProduct(
	header: string[],
	{ line, record }: CsvLine,
	problems: string[]
): CatalogueItem | null {
	try {
		return parseGoogleMerchantRow( record, {
			programmeId: record.programme_id ?? '',
			merchantName: record.merchant_name ?? '',
		} );
	} catch ( error ) {
		if ( ! ( error instanceof FeedRowError ) ) {
			throw error;
		}
		// FeedRowError messages start with the field: "price: not a decimal amount…".
		const field = /^([a-z_]+):/.exec( error.message )?.[ 1 ] ?? '';
		problems.push(
			`${ where( header, line, field ) }: ${ error.message.replace(
				/^[a-z_]+: /,
				''
			) }`
		);
		return null;
	}
}

export async function importCsvFile(
	db: CacheDb,
	options: ImportOptions
): Promise< ImportResult > {
	const { file, network, kind } = options;
	const now = toIsoUtc( options.now ?? new Date() );
	const { header, lines } = await readRecords(
		file,
		kind === 'commissions'
			? REQUIRED_COMMISSION_COLUMNS
			: REQUIRED_PRODUCT_COLUMNS
	);
	const problems: string[] = [];
	const seen = new Map< string, number >();
	const idColumn = kind === 'commissions' ? 'transaction_id' : 'id';
	for ( const { line, record } of lines ) {
		const id = record[ idColumn ] ?? '';
		const first = seen.get( id );
		if ( id !== '' && first !== undefined ) {
			problems.push(
				`${ where(
					header,
					line,
					idColumn
				) }: ${ id } already on line ${ first }`
			);
		}
		seen.set( id, first ?? line );
	}

	if ( kind === 'commissions' ) {
		const rows = lines
			.map( ( line ) => toTransaction( network, header, line, problems ) )
			.filter( ( row ): row is NormalisedTransaction => row !== null );
		if ( problems.length > 0 ) {
			throw new CsvImportError( file, problems );
		}
		const result = writeTransactions( db, rows, now );
		return { rows: rows.length, written: result.inserted + result.changed };
	}

	const items = lines
		.map( ( line ) => toProduct( header, line, problems ) )
		.filter( ( item ): item is CatalogueItem => item !== null );
	if ( problems.length > 0 ) {
		throw new CsvImportError( file, problems );
	}
	// One outer transaction: the writer's batches become savepoints, so a failure leaves nothing.
	const stats = db.transaction( () => {
		const writer = createCatalogueWriter( db, { network, now } );
		for ( const item of items ) {
			writer.add( item );
		}
		// An import adds and updates; it never marks the products it did not list as gone.
		return writer.finish( false );
	} )();
	return { rows: items.length, written: stats.written };
}
