import { checkedAgo, durationSince } from './relative-age';

const NOW = Date.parse( '2026-11-21T12:00:00Z' );

describe( 'relative age of a price check', () => {
	it( 'counts minutes under an hour, never zero', () => {
		expect( durationSince( '2026-11-21T11:59:50Z', NOW ) ).toBe(
			'1 minute'
		);
		expect( durationSince( '2026-11-21T11:35:00Z', NOW ) ).toBe(
			'25 minutes'
		);
	} );

	it( 'counts hours under a day', () => {
		expect( checkedAgo( '2026-11-21T09:00:00Z', NOW ) ).toBe(
			'checked 3 hours ago'
		);
		expect( checkedAgo( '2026-11-21T11:00:00Z', NOW ) ).toBe(
			'checked 1 hour ago'
		);
	} );

	it( 'counts days beyond', () => {
		expect( durationSince( '2026-11-18T12:00:00Z', NOW ) ).toBe( '3 days' );
	} );

	it( 'treats a time in the future as just now', () => {
		expect( durationSince( '2026-11-21T13:00:00Z', NOW ) ).toBe(
			'1 minute'
		);
	} );

	it( 'says plainly when the time cannot be read', () => {
		expect( checkedAgo( 'not a date', NOW ) ).toBe( 'check time unknown' );
	} );
} );
