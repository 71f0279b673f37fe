// Calling a running psrt over HTTP: PSRT_URL (or `server.url`) with the
// personal API token in PSRT_TOKEN. The token says who acts; a refused token
// or an unreachable server is said in words that name what to fix.
import type { ApiTransport } from './api-client.ts';
import { CliError } from './runtime.ts';

export interface Server {
  url: string;
  token: string;
}

/** Where the API is under the server's URL (which may have a path, behind a proxy). */
const apiBase = (url: string) => `${url.replace(/\/+$/, '')}/api`;

export function serverTransport(server: Server): ApiTransport {
  const where = `psrt at ${server.url}`;
  return {
    where,
    async send(method, path, body) {
      try {
        return await fetch(`${apiBase(server.url)}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${server.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body,
          redirect: 'error',
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `Cannot reach ${where} (${cause?.code ?? cause?.message ?? (error as Error).message}): is psrt serve running there? Check PSRT_URL.`,
          1,
        );
      }
    },
    refusal(status, detail) {
      if (status !== 401) return null;
      return new CliError(
        `${where} refused PSRT_TOKEN: ${detail} Then set PSRT_TOKEN to it (or unset PSRT_URL to open the database here).`,
        78,
      );
    },
  };
}
