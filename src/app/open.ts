// Opens psrt the one way both `psrt serve` and every CLI command do: the store
// (migrated, or checked to be), the clients of GitHub and CVE Services and the
// mailer when they are configured, and the AppContext the use-cases run with.
import type { CnaClient } from '../cna/client.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import type { GitHubClient } from '../github/client.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { openStore } from '../store/index.ts';
import type { AppContext } from './context.ts';

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
   * command never changes the schema behind a running server's back.
   */
  migrations: 'apply' | 'require';
  /**
   * The services to use instead of the configured ones, or a function that
   * returns them once the database is open and migrated (the sandbox starts its
   * simulators from the roster stored there).
   */
  services?: ServiceOverrides | ((ctx: AppContext) => Promise<ServiceOverrides>);
}

export interface OpenedApp {
  ctx: AppContext;
  /** The GitHub App's client, or null when no App is configured. */
  github: GitHubClient | null;
  /** The CVE Services client, or null when no CNA user and key are configured. */
  cna: CnaClient | null;
  /** The CVE Services user `cna` acts as (only its reservations are psrt's), or null. */
  cnaUser: string | null;
  /** Null when no SMTP relay is configured: psrt then sends no mail. */
  mailer: Mailer | null;
  close(): Promise<void>;
}

/** A command was run on a database whose schema is older than this psrt. */
export class MigrationsPendingError extends Error {
  override name = 'MigrationsPendingError';
}

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
  };
  try {
    if (options.migrations === 'apply') {
      await store.migrate();
    } else {
      const pending = await store.pendingMigrations();
      if (pending > 0) throw new MigrationsPendingError(notMigrated(config, pending));
    }
    const overrides =
      typeof options.services === 'function' ? await options.services(ctx) : (options.services ?? {});
    const github = await gitHubClient(config, overrides, ctx);
    const cna = await cnaClient(config, overrides, log);
    const cnaUser = cna ? (overrides.cna?.user ?? config.cna.user ?? null) : null;
    const smtp =
      overrides.smtp ??
      (config.mail.smtp
        ? { url: config.mail.smtp, password: config.secrets.smtpPassword ?? undefined }
        : null);
    // Last, as it cannot fail: it connects to nothing until the first message.
    const mailer = smtp ? createMailer({ ...smtp, from: config.mail.from, team: config.mail.team }) : null;
    return {
      ctx,
      github,
      cna,
      cnaUser,
      mailer,
      async close() {
        mailer?.close();
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

async function gitHubClient(
  config: Config,
  overrides: ServiceOverrides,
  ctx: AppContext,
): Promise<GitHubClient | null> {
  const app =
    overrides.github ??
    (config.github.appId !== undefined && config.secrets.githubPrivateKey
      ? { url: config.github.apiUrl, appId: config.github.appId, privateKey: config.secrets.githubPrivateKey }
      : null);
  if (!app) return null;
  // Loaded only when used: octokit is the largest thing psrt imports, and most commands never need it.
  const { createGitHubClient } = await import('../github/index.ts');
  return createGitHubClient({
    appId: app.appId,
    privateKey: app.privateKey,
    baseUrl: app.url,
    log: ctx.log.child({ service: 'github' }),
    now: ctx.now,
    // GitHub asks integrations to space their writes a second apart; the sandbox's simulator does not.
    serializeWrites: overrides.github === undefined,
  });
}

async function cnaClient(
  config: Config,
  overrides: ServiceOverrides,
  log: Logger,
): Promise<CnaClient | null> {
  const cna =
    overrides.cna ??
    (config.cna.user && config.secrets.cveApiKey
      ? {
          apiUrl: config.cna.apiUrl,
          org: config.cna.shortName,
          user: config.cna.user,
          apiKey: config.secrets.cveApiKey,
        }
      : null);
  if (!cna) {
    if (config.secrets.cveApiKey && !config.cna.user)
      log.warn('CVE_API_KEY is set but cna.user is not: psrt cannot reach CVE Services until both are set');
    return null;
  }
  const { CnaClient } = await import('../cna/index.ts');
  return new CnaClient({ baseUrl: cna.apiUrl, org: cna.org, user: cna.user, apiKey: cna.apiKey });
}
