import { Wakeups } from './wakeups';

// Lets every pending promise callback run, so a waiter that should have woken has.
const settle = (): Promise< void > =>
	new Promise( ( resolve ) => setImmediate( resolve ) );

describe( 'Wakeups', () => {
	it( 'wakes every waiter at notify(), not before', async () => {
		const wakeups = new Wakeups();
		const woken: string[] = [];
		void wakeups.next().then( () => woken.push( 'a' ) );
		void wakeups.next().then( () => woken.push( 'b' ) );
		await settle();
		expect( woken ).toEqual( [] );

		wakeups.notify();
		await settle();
		expect( woken ).toEqual( [ 'a', 'b' ] );
	} );

	it( 'a notify() before anyone waits wakes nobody later', async () => {
		const wakeups = new Wakeups();
		wakeups.notify();
		let woken = false;
		void wakeups.next().then( () => {
			woken = true;
		} );
		await settle();
		expect( woken ).toBe( false );
		wakeups.notify();
		await settle();
		expect( woken ).toBe( true );
	} );

	it( 'until() looks at its condition again at each notify() and resolves once it holds', async () => {
		const wakeups = new Wakeups();
		let count = 0;
		let done = false;
		void wakeups
			.until( () => count >= 2 )
			.then( () => {
				done = true;
			} );

		count = 1;
		wakeups.notify();
		await settle();
		expect( done ).toBe( false );

		count = 2;
		await settle();
		expect( done ).toBe( false ); // no notify() yet: it does not poll

		wakeups.notify();
		await settle();
		expect( done ).toBe( true );
	} );

	it( 'until() resolves at once when its condition already holds', async () => {
		const wakeups = new Wakeups();
		await expect( wakeups.until( () => true ) ).resolves.toBeUndefined();
	} );
} );
