import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A throwaway HTTP server for specs: 127.0.0.1, a free port, closed by the caller. */
export interface LocalServer {
	url: string;
	close(): Promise< void >;
}

export async function startLocalServer(
	handler: RequestListener
): Promise< LocalServer > {
	const server = createServer( handler );
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${ port }`,
		close: () =>
			new Promise< void >( ( resolve, reject ) => {
				server.close( ( error ) =>
					error ? reject( error ) : resolve()
				);
				server.closeAllConnections();
			} ),
	};
}
