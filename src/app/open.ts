// Opens psrt the one way both `psrt serve` and every CLI command do: the store
// (migrated, or checked to be), the clients of GitHub and CVE Services and the
// mailer when they are configured, and the AppContext the use-cases run with.
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { openStore } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { type ServiceClients, type ServiceSettings, serviceClients } from './service-clients.ts';

/** Where the outside services are instead of the configured ones: the sandbox's simulators, or a test's. */
export interface ServiceOverrides {
  github?: { url: string; appId: number; privateKey: string };
  cna?: { apiUrl: string; org: string; user: string; apiKey: string };
  smtp?: { url: string; password?: string };
}

export interface OpenAppOptions {
  log: Logger;
  now?: () => Date;
  /**
   * `apply`: bring the schema up to date (`psrt serve`, `psrt db migrate`).
   * `require`: refuse a database that lacks migrations (every other command), so a
   * command never changes the schema behind a running server's back; a new, empty
   * data folder is set up all the same (nothing can be using it yet).
   */
  migrations: 'apply' | 'require';
  /**
   * The services to use instead of the configured ones, or a function that
   * returns them once the database is open and migrated (the sandbox starts its
   * simulators from the roster stored there).
   */
  services?: ServiceOverrides | ((ctx: AppContext) => Promise<ServiceOverrides>);
}

export interface OpenedApp extends ServiceClients {
  ctx: AppContext;
  close(): Promise<void>;
}

/** A command was run on a database whose schema is older than this psrt. */
export class MigrationsPendingError extends Error {
  override name = 'MigrationsPendingError';
}

/** The sandbox's idle time before a coordinator is assigned: two minutes, so a newcomer sees it happen. */
const sandboxIdleDays = 2 / (24 * 60);

export async function openApp(config: Config, options: OpenAppOptions): Promise<OpenedApp> {
  const { log } = options;
  const store = await openStore({
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.dataDir ?? undefined,
  });
  const ctx: AppContext = {
    store,
    now: options.now ?? (() => new Date()),
    log,
    steeringCouncil: config.steeringCouncil,
    psrtTeam: { org: config.github.org, team: config.github.team },
    membership: config.membership,
    ...(config.intake.pythonBranches ? { pythonBranches: config.intake.pythonBranches } : {}),
    coordinatorIdleDays:
      config.scheduler.coordinatorIdleDays ?? (config.sandbox ? sandboxIdleDays : undefined),
  };
  try {
    // psrt's own data folder, new and empty, holds nothing a running server could be using: the
    // first command sets it up. A database that has a schema (or is a server's) is only ever
    // migrated by `psrt serve` or `psrt db migrate`.
    const newDataFolder = !config.databaseUrl && !(await store.hasSchema());
    if (options.migrations === 'apply' || newDataFolder) {
      await store.migrate();
    } else {
      const pending = await store.pendingMigrations();
      if (pending > 0) throw new MigrationsPendingError(notMigrated(config, pending));
    }
    const overrides =
      typeof options.services === 'function' ? await options.services(ctx) : (options.services ?? {});
    // Builds clients only: none connects to its service before its first request.
    const clients = serviceClients(configuredServices(config, overrides, log), { log, now: ctx.now });
    return {
      ctx,
      ...clients,
      async close() {
        clients.mailer?.close();
        await store.close();
      },
    };
  } catch (error) {
    // The error that stopped the start is the one to report, not a failure to close after it.
    await store.close().catch(() => {});
    throw error;
  }
}

function notMigrated(config: Config, pending: number): string {
  const where = config.databaseUrl ? 'The database in DATABASE_URL' : `The database in ${config.dataDir}`;
  const what = pending === 1 ? '1 schema migration' : `${pending} schema migrations`;
  return `${where} is not up to date with this psrt (${what} to apply): run \`psrt db migrate\`, then try again.`;
}

/** Where each outside service is: the overrides where given, else the configuration, else none. */
function configuredServices(config: Config, overrides: ServiceOverrides, log: Logger): ServiceSettings {
  const { github, cna, mail, secrets } = config;
  if (secrets.cveApiKey && !cna.user && !overrides.cna)
    log.warn('CVE_API_KEY is set but cna.user is not: psrt cannot reach CVE Services until both are set');
  const smtp = overrides.smtp ?? (mail.smtp ? { url: mail.smtp, password: secrets.smtpPassword } : null);
  return {
    github: overrides.github
      ? // GitHub asks integrations to space their writes a second apart; the sandbox's simulator does not.
        { ...overrides.github, serializeWrites: false }
      : github.appId !== undefined && secrets.githubPrivateKey
        ? {
            url: github.apiUrl,
            appId: github.appId,
            privateKey: secrets.githubPrivateKey,
            serializeWrites: github.spaceWrites,
          }
        : null,
    cna:
      overrides.cna ??
      (cna.user && secrets.cveApiKey
        ? { apiUrl: cna.apiUrl, org: cna.shortName, user: cna.user, apiKey: secrets.cveApiKey }
        : null),
    smtp: smtp ? { ...smtp, from: mail.from, team: mail.team } : null,
  };
}
