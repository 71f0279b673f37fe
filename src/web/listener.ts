// The dashboard's listening socket. `psrt serve` takes it before anything
// else, so a port in use stops the start at once with nothing else opened;
// until the app is ready it answers 503 (a health check reads "starting").
// Closing stops accepting, lets requests in flight finish until a deadline,
// then cuts the connections that are left.
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';

type Fetch = Parameters<typeof createAdaptorServer>[0]['fetch'];

export interface Listener {
  url: string;
  /** From now on, requests are answered by `fetch`. */
  serve(fetch: Fetch): void;
  /** Resolves once every connection has ended, or at `deadline` (performance.now() ms) after cutting the rest. */
  close(deadline: number): Promise<void>;
}

/** The port could not be taken; the message says why and which setting to change. */
export class ListenError extends Error {
  override name = 'ListenError';
}

const starting = () =>
  new Response('psrt is starting\n', {
    status: 503,
    headers: { 'retry-after': '2', 'cache-control': 'no-store' },
  });

export async function listen(host: string, port: number): Promise<Listener> {
  let handler: Fetch | null = null;
  const server = createAdaptorServer({
    fetch: (request, env) => (handler ? handler(request, env) : starting()),
    hostname: host,
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(error, host, port));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    serve(fetch) {
      handler = fetch;
    },
    async close(deadline) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() ends the idle keep-alive connections of this moment; busy ones are ended as they go idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - performance.now()));
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
    },
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const change = 'choose another with --port, PSRT_PORT or server.port in the config file';
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError(
        `Port ${port} on ${host} is already in use (another psrt serve?): stop that program, or ${change}.`,
        { cause: error },
      );
    case 'EACCES':
      return new ListenError(
        `Port ${port} on ${host} needs privileges psrt does not have: ${change} (1024 or above).`,
        { cause: error },
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(
        `server.host "${host}" is not an address of this machine: set it to one (127.0.0.1 for this machine only, 0.0.0.0 for every interface).`,
        { cause: error },
      );
    default:
      return new ListenError(`Cannot listen on ${host}:${port}: ${error.message}`, { cause: error });
  }
}
