/**
 * What the sandbox network says a publisher earned, read from its own Awin transactions API
 * (not from the cache), to check the dashboard against.
 */

export interface ExpectedBalances {
	count: number;
	available: number;
	pending: number;
	declined: number;
	paid: number;
}

interface AwinTransaction {
	id: number;
	commissionStatus: string;
	paidToPublisher: boolean;
	commissionAmount: { amount: number; currency: string };
	clickRefs: { clickRef?: string } | null;
}

const DAY_MS = 86_400_000;
// Awin answers at most 31 days per call.
const WINDOW_MS = 30 * DAY_MS;

function awinDate( date: Date ): string {
	return date.toISOString().slice( 0, 19 );
}

/**
 * Every transaction dated in [start, end], read window by window as Awin allows.
 *
 * @param sandboxUrl  Base URL of the sandbox.
 * @param publisherId Awin publisher id.
 * @param apiToken    Awin API token.
 * @param start       First instant.
 * @param end         Last instant.
 */
export async function sandboxTransactions(
	sandboxUrl: string,
	publisherId: string,
	apiToken: string,
	start: Date,
	end: Date
): Promise< AwinTransaction[] > {
	const byId = new Map< number, AwinTransaction >();
	for (
		let from = start.getTime();
		from <= end.getTime();
		from += WINDOW_MS
	) {
		const to = Math.min( from + WINDOW_MS, end.getTime() );
		const url = new URL(
			`${ sandboxUrl }/publishers/${ publisherId }/transactions/`
		);
		url.searchParams.set( 'startDate', awinDate( new Date( from ) ) );
		url.searchParams.set( 'endDate', awinDate( new Date( to ) ) );
		url.searchParams.set( 'dateType', 'transaction' );
		const response = await fetch( url, {
			headers: { Authorization: `Bearer ${ apiToken }` },
		} );
		if ( ! response.ok ) {
			throw new Error(
				`The sandbox answered ${
					response.status
				} to ${ url }: ${ await response.text() }`
			);
		}
		// Windows share their boundary second: a transaction there comes twice, counted once.
		for ( const transaction of ( await response.json() ) as AwinTransaction[] ) {
			byId.set( transaction.id, transaction );
		}
	}
	return [ ...byId.values() ];
}

/**
 * The four balances of a publisher's dashboard, in cents: approved and unpaid is available,
 * approved and paid is paid, declined (or deleted) is declined, the rest is pending.
 *
 * @param transactions Awin transactions, all in one currency.
 */
export function balancesOf(
	transactions: AwinTransaction[]
): ExpectedBalances {
	const balances: ExpectedBalances = {
		count: 0,
		available: 0,
		pending: 0,
		declined: 0,
		paid: 0,
	};
	for ( const transaction of transactions ) {
		const cents = Math.round( transaction.commissionAmount.amount * 100 );
		balances.count += 1;
		if ( transaction.commissionStatus === 'approved' ) {
			balances[ transaction.paidToPublisher ? 'paid' : 'available' ] +=
				cents;
		} else if (
			[ 'declined', 'deleted' ].includes( transaction.commissionStatus )
		) {
			balances.declined += cents;
		} else {
			balances.pending += cents;
		}
	}
	return balances;
}

/**
 * The transactions whose clickRef is this sub id.
 *
 * @param transactions Awin transactions.
 * @param subId        A sub id.
 */
export function withSubId(
	transactions: AwinTransaction[],
	subId: string
): AwinTransaction[] {
	return transactions.filter(
		( transaction ) => transaction.clickRefs?.clickRef === subId
	);
}
