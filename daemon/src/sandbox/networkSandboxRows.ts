import { mulberry32, pick, seedFor } from './prng';

/**
 * Deterministic rows for the pluggable sandbox networks: the same seed, network and day always
 * give the same transactions, whatever window asks for them, so a run with faults can be
 * compared row for row with a fault-free one. Names carry accents, `&`, quotes and `<` so every
 * adapter and the plugin meet them.
 */

export const SANDBOX_ADVERTISERS = [
	{ id: '5101', name: 'Librairie Pérec & Fils' },
	{ id: '5102', name: 'Cave "Le Cépage" <Bordeaux>' },
	{ id: '5103', name: 'Épicerie fine L’Oliveraie' },
] as const;

export const SANDBOX_PRODUCT_TITLES = [
	'Crème brûlée à la vanille',
	'Théière "Impériale" & tasses',
	'Sécateur <20 cm> "Pro"',
	'Pain d’épices maison & miel',
	'Coffret dégustation « Grands crus »',
] as const;

export interface SandboxDailyRow {
	/** Stable across windows: the day number and the row's index in that day. */
	key: string;
	/** Seconds into the UTC day, 08:00 to 22:00. */
	at: Date;
	advertiser: ( typeof SANDBOX_ADVERTISERS )[ number ];
	/** Cents, 5.00 to 204.99. */
	saleCents: number;
	/** 4 % to 12 % of the sale, in cents. */
	commissionCents: number;
	subId: string | null;
	/** A fresh generator for the network's own choices (status, type…). */
	random: () => number;
}

const DAY_MS = 86_400_000;

function networkSeed( network: string ): number {
	return seedFor( ...[ ...network ].map( ( char ) => char.charCodeAt( 0 ) ) );
}

// Rows whose time falls in [start, end], never in the future of `now`.
export function* sandboxDailyRows(
	network: string,
	seed: number,
	window: { start: Date; end: Date; now: Date },
	subIds: readonly string[]
): Generator< SandboxDailyRow > {
	const salt = networkSeed( network );
	const last = Math.min( window.end.getTime(), window.now.getTime() );
	for (
		let day = Math.floor( window.start.getTime() / DAY_MS );
		day * DAY_MS <= last;
		day++
	) {
		const daily = mulberry32( seedFor( seed, salt, day ) );
		const count = Math.floor( daily() * 3 );
		for ( let index = 0; index < count; index++ ) {
			const random = mulberry32( seedFor( seed, salt, day, index + 1 ) );
			const at = new Date(
				day * DAY_MS +
					( 8 * 3600 + Math.floor( random() * 14 * 3600 ) ) * 1000
			);
			if ( at < window.start || at.getTime() > last ) {
				continue;
			}
			const saleCents = 500 + Math.floor( random() * 20_000 );
			const rate = 4 + Math.floor( random() * 9 );
			yield {
				key: `${ day }${ String( index ).padStart( 2, '0' ) }`,
				at,
				advertiser: pick( random, SANDBOX_ADVERTISERS ),
				saleCents,
				commissionCents: Math.round( ( saleCents * rate ) / 100 ),
				subId: subIds.length > 0 ? pick( random, subIds ) : null,
				random,
			};
		}
	}
}

/** Cents as a decimal string: 1290 → "12.90", -325 → "-3.25". */
export function centsText( cents: number ): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs( cents );
	return `${ sign }${ Math.floor( abs / 100 ) }.${ String(
		abs % 100
	).padStart( 2, '0' ) }`;
}
