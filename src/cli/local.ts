// Opening psrt's database from the command line, for the commands that run
// here (`psrt effects run`) and for every other command when no server is
// configured: then the command's API calls are answered in this process, as
// the person it acts as. Loaded on demand, with the database code.
import type { AppContext } from '../app/context.ts';
import { MigrationsPendingError, type OpenedApp, openApp } from '../app/open.ts';
import { getRoster, resolvePrincipal } from '../app/roster.ts';
import type { Config } from '../config/config.ts';
import { createLogger } from '../config/logger.ts';
import type { Principal } from '../domain/report.ts';
import { Api } from './api-client.ts';
import { localTransport } from './local-transport.ts';
import { CliError, type GlobalOptions, readConfig } from './runtime.ts';

/**
 * Opens psrt as configured for the length of `fn`. Commands never change the
 * schema: a database that lacks migrations is refused with exit 78, naming `psrt db migrate`.
 */
export async function withApp<T>(
  options: GlobalOptions,
  fn: (ctx: AppContext, config: Config, app: OpenedApp) => Promise<T>,
): Promise<T> {
  const config = readConfig(options);
  let app: OpenedApp;
  try {
    app = await openApp(config, { log: createLogger('silent'), migrations: 'require' });
  } catch (error) {
    if (error instanceof MigrationsPendingError) throw new CliError(error.message, 78);
    throw error;
  }
  try {
    return await fn(app.ctx, config, app);
  } finally {
    await app.close();
  }
}

/** The person this command acts as: --as, then PSRT_ACTOR, then `operator` in the config file. */
export async function actingPrincipal(
  ctx: AppContext,
  config: Config,
  options: GlobalOptions,
): Promise<Principal> {
  const login = options.as ?? config.actor;
  if (!login) {
    throw new CliError(
      'Who is acting? Pass --as LOGIN, set PSRT_ACTOR, or set "operator" in psrt.config.json.',
      2,
    );
  }
  return resolvePrincipal(ctx, login);
}

/**
 * Who a command acts as on the database it opened: a `person` it names (required), `anyone`
 * (the person if named, else anonymous: published advisories and the roster are public), or
 * `setup` (into an empty roster, with nobody named, the installation's set-up itself).
 */
export type Acting = 'person' | 'anyone' | 'setup';

async function principalFor(
  ctx: AppContext,
  config: Config,
  options: GlobalOptions,
  acting: Acting,
): Promise<Principal> {
  const named = Boolean(options.as || config.actor);
  if (acting === 'anyone' && !named) return { kind: 'anonymous' };
  // Into an empty psrt (first set-up, before any roster) the roster and history load as the set-up.
  if (acting === 'setup' && !named && (await getRoster(ctx)).length === 0)
    return { kind: 'system', name: 'setup' };
  return actingPrincipal(ctx, config, options);
}

/** Runs `fn` with the API answered in this process, on the configured database, as the person acting. */
export function withLocalApi<T>(
  options: GlobalOptions,
  acting: Acting,
  fn: (api: Api) => Promise<T>,
): Promise<T> {
  return withApp(options, async (ctx, config, app) => {
    const principal = await principalFor(ctx, config, options, acting);
    return fn(new Api(localTransport(ctx, config, app, principal)));
  });
}
