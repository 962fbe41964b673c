import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

import { startLocalServer, type LocalServer } from '../testing/localServer';
import { PermanentError, TransientError } from './errors';
import { createHttpClient } from './httpClient';
import { createRateLimiter } from './rateLimiter';
import { parseRetryAfter } from './retry';

type Reply = ( req: IncomingMessage, res: ServerResponse ) => void;

describe( 'createHttpClient', () => {
	let server: LocalServer;
	let replies: Reply[];
	let seenAuth: Array< string | undefined >;
	const token = 'very-secret-token-123';
	const schema = z.object( { name: z.string(), count: z.number() } );

	beforeAll( async () => {
		server = await startLocalServer( ( req, res ) => {
			seenAuth.push( req.headers.authorization );
			const reply = replies.shift();
			if ( ! reply ) {
				res.writeHead( 599 );
				res.end();
				return;
			}
			reply( req, res );
		} );
	} );

	afterAll( () => server.close() );

	beforeEach( () => {
		replies = [];
		seenAuth = [];
	} );

	function json(
		status: number,
		body: unknown,
		headers: Record< string, string > = {}
	): Reply {
		return ( _req, res ) => {
			res.writeHead( status, {
				'Content-Type': 'application/json',
				...headers,
			} );
			res.end( JSON.stringify( body ) );
		};
	}

	function client( sleeps: number[] = [] ) {
		return createHttpClient( {
			network: 'Awin',
			baseURL: server.url,
			headers: { Authorization: `Bearer ${ token }` },
			retry: {
				attempts: 3,
				baseDelayMs: 1000,
				maxDelayMs: 60_000,
				random: () => 0.5,
				sleep: async ( ms ) => {
					sleeps.push( ms );
				},
			},
		} );
	}

	const spec = {
		method: 'GET' as const,
		endpoint: 'GET /thing',
		url: '/thing',
	};

	it( 'returns the validated body and sends the configured headers', async () => {
		replies.push( json( 200, { name: 'Dupré & Fils', count: 2 } ) );

		await expect( client().requestJson( spec, schema ) ).resolves.toEqual( {
			name: 'Dupré & Fils',
			count: 2,
		} );
		expect( seenAuth ).toEqual( [ `Bearer ${ token }` ] );
	} );

	it( 'waits as long as Retry-After says after a 429, then succeeds', async () => {
		const sleeps: number[] = [];
		replies.push(
			json( 429, {}, { 'Retry-After': '7' } ),
			json( 200, { name: 'a', count: 1 } )
		);

		await expect(
			client( sleeps ).requestJson( spec, schema )
		).resolves.toEqual( {
			name: 'a',
			count: 1,
		} );
		expect( sleeps ).toEqual( [ 7000 ] );
	} );

	it( 'backs off exponentially on 5xx and gives up with a TransientError', async () => {
		const sleeps: number[] = [];
		replies.push( json( 500, {} ), json( 502, {} ), json( 503, {} ) );

		const error = await client( sleeps )
			.requestJson( spec, schema )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( TransientError );
		expect( ( error as Error ).message ).toBe(
			'Awin GET /thing: server error (HTTP 503)'
		);
		expect( sleeps ).toEqual( [ 750, 1500 ] );
	} );

	it( 'does not retry a 404 and names the network and endpoint without the token', async () => {
		replies.push( json( 404, { error: 'nope' } ) );

		const error = await client()
			.requestJson( spec, schema )
			.catch( ( e: unknown ) => e );

		expect( error ).toBeInstanceOf( PermanentError );
		expect( ( error as Error ).message ).toBe(
			'Awin GET /thing: request rejected (HTTP 404)'
		);
		expect(
			JSON.stringify( error ) + String( ( error as Error ).stack )
		).not.toContain( token );
		expect( replies ).toEqual( [] );
		expect( seenAuth ).toHaveLength( 1 );
	} );

	it( 'rejects a body that does not match the schema, naming the field', async () => {
		replies.push( json( 200, { name: 'a', count: 'two' } ) );

		await expect( client().requestJson( spec, schema ) ).rejects.toThrow(
			new PermanentError(
				'response does not match the expected schema: count: Expected number, received string',
				{
					network: 'Awin',
					endpoint: 'GET /thing',
				}
			)
		);
	} );

	it( 'treats a body cut short as transient and retries it', async () => {
		const sleeps: number[] = [];
		replies.push(
			( _req, res ) => {
				res.writeHead( 200, {
					'Content-Type': 'application/json',
					'Content-Length': '100',
				} );
				res.write( '{"name":"a",' );
				res.socket?.destroy();
			},
			json( 200, { name: 'b', count: 2 } )
		);

		await expect(
			client( sleeps ).requestJson( spec, schema )
		).resolves.toEqual( {
			name: 'b',
			count: 2,
		} );
		expect( sleeps ).toHaveLength( 1 );
	} );

	it( 'treats a refused connection as transient', async () => {
		const closed = await startLocalServer( () => undefined );
		await closed.close();
		const offline = createHttpClient( {
			network: 'Awin',
			baseURL: closed.url,
			retry: { attempts: 1 },
		} );

		await expect(
			offline.requestJson( spec, schema )
		).rejects.toBeInstanceOf( TransientError );
	} );
} );

describe( 'createRateLimiter', () => {
	it( 'lets `limit` calls through per window and makes the next one wait for the oldest to expire', async () => {
		let now = 0;
		const waits: number[] = [];
		const limiter = createRateLimiter( {
			limit: 20,
			windowMs: 60_000,
			now: () => now,
			sleep: async ( ms ) => {
				waits.push( ms );
				now += ms;
			},
		} );

		for ( let i = 0; i < 20; i++ ) {
			now = i * 100;
			await limiter.acquire();
		}
		await limiter.acquire();

		expect( waits ).toEqual( [ 60_000 - 1900 ] );
		expect( now ).toBe( 60_000 );
	} );

	it( 'never lets concurrent callers exceed the limit', async () => {
		let now = 0;
		const starts: number[] = [];
		const limiter = createRateLimiter( {
			limit: 2,
			windowMs: 1000,
			now: () => now,
			sleep: async ( ms ) => {
				now += ms;
			},
		} );

		await Promise.all(
			[ 1, 2, 3, 4, 5 ].map( async () => {
				await limiter.acquire();
				starts.push( now );
			} )
		);

		expect( starts ).toEqual( [ 0, 0, 1000, 1000, 2000 ] );
	} );
} );

describe( 'parseRetryAfter', () => {
	it( 'reads seconds and HTTP dates', () => {
		expect( parseRetryAfter( '30' ) ).toBe( 30 );
		expect(
			parseRetryAfter(
				'Sat, 21 Nov 2026 08:01:00 GMT',
				Date.parse( '2026-11-21T08:00:00Z' )
			)
		).toBe( 60 );
		expect( parseRetryAfter( undefined ) ).toBeUndefined();
		expect( parseRetryAfter( 'soon' ) ).toBeUndefined();
	} );
} );
