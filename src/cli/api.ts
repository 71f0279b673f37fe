// How a command reaches psrt's API: a running psrt over HTTP when one is
// configured (PSRT_URL or `server.url`, with PSRT_TOKEN), so the command works
// while `psrt serve` holds the embedded database; otherwise the same API in
// this process, on the database the command opens. One code path either way.
import { sameLogin } from '../domain/roster.ts';
import { whoAmI } from '../web/api/routes/admin.ts';
import { Api } from './api-client.ts';
import type { Acting } from './local.ts';
import { CliError, type GlobalOptions, readConfig } from './runtime.ts';
import { serverTransport } from './server-transport.ts';

export type { Acting };

/** Runs `fn` with the API, wherever it is. `acting` says who acts when the database is opened here. */
export async function withApi<T>(
  options: GlobalOptions,
  acting: Acting,
  fn: (api: Api) => Promise<T>,
): Promise<T> {
  const config = readConfig(options);
  const { url, token } = config.remote;
  if (url === null && token === null) {
    const { withLocalApi } = await import('./local.ts');
    return withLocalApi(options, acting, fn);
  }
  if (url === null)
    throw new CliError(
      'PSRT_TOKEN is set but no psrt to use it with: set PSRT_URL (or server.url in psrt.config.json), or unset PSRT_TOKEN to open the database here.',
      78,
    );
  if (token === null)
    throw new CliError(
      `PSRT_URL (or server.url) names ${url} but PSRT_TOKEN is not set: make a personal API token on the Tokens page there and set PSRT_TOKEN to it, or unset PSRT_URL to open the database here.`,
      78,
    );
  const api = new Api(serverTransport({ url, token }));
  if (options.as) await checkActingAs(api, options.as, url);
  return fn(api);
}

/** With a server, the token says who acts: `--as` naming someone else is a mistake to point out. */
async function checkActingAs(api: Api, as: string, url: string): Promise<void> {
  const me = await api.call(whoAmI);
  if (me.login === null || !sameLogin(me.login, as))
    throw new CliError(
      `--as ${as}: PSRT_TOKEN acts as ${me.login ?? 'nobody'} on psrt at ${url}; with a server, the token says who acts. Drop --as, or use ${as}'s own token.`,
      2,
    );
}
