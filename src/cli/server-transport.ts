// Calling a running psrt over HTTP: PSRT_URL (or `server.url`) with the
// personal API token in PSRT_TOKEN. The token says who acts; a refused token
// or an unreachable server is said in words that name what to fix. Plain
// node:http(s), not fetch: a command makes one or two calls, and fetch costs
// more to start than they take.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ApiAnswer, ApiTransport } from './api-client.ts';
import { CliError } from './runtime.ts';

export interface Server {
  url: string;
  token: string;
}

/** Where the API is under the server's URL (which may have a path, behind a proxy). */
const apiBase = (url: string) => `${url.replace(/\/+$/, '')}/api`;

function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<ApiAnswer> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const sent = request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

export function serverTransport(server: Server): ApiTransport {
  const where = `psrt at ${server.url}`;
  return {
    where,
    async send(method, path, body) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${server.token}`,
        accept: 'application/json',
      };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      try {
        return await exchange(new URL(`${apiBase(server.url)}${path}`), method, headers, body);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          `Cannot reach ${where} (${code ?? (error as Error).message}): is psrt serve running there? Check PSRT_URL.`,
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
