// `psrt serve`: one process with the web dashboard and (later) the JSON API,
// webhook endpoint and scheduler. In sandbox mode it seeds demo data on first start.
import { randomBytes } from 'node:crypto';
import { type ServerType, serve } from '@hono/node-server';
import type { AppContext } from '../app/context.ts';
import { loggableError } from '../app/errors.ts';
import { runClockTick } from '../app/scheduler.ts';
import type { Config } from '../config/config.ts';
import { createLogger } from '../config/logger.ts';
import { HOUR_MS } from '../domain/time.ts';
import {
  demoVisitors,
  type SandboxServices,
  sandboxRoster,
  seedSandbox,
  startSandboxServices,
} from '../sandbox/index.ts';
import { openStore } from '../store/index.ts';
import { createWebApp } from './app.tsx';

export interface RunningServer {
  url: string;
  ctx: AppContext;
  /** Sandbox mode only: the in-process GitHub and CVE Services simulators. */
  services: SandboxServices | null;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { now?: () => Date } = {},
): Promise<RunningServer> {
  const log = createLogger(config.log.level);
  const started = performance.now();
  const store = await openStore({
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.dataDir ?? undefined,
  });
  const ctx: AppContext = { store, now: options.now ?? (() => new Date()), log };
  let services: SandboxServices | null = null;
  try {
    await store.migrate();
    if (config.sandbox) {
      // The simulators first: the demo reports' GHSAs are opened in them as the stories replay.
      services = await startSandboxServices(await sandboxRoster(ctx), { now: ctx.now });
      const seeded = await seedSandbox(ctx, services);
      if (seeded)
        log.info({ reports: seeded.reports, members: seeded.members }, 'sandbox seeded with demo data');
    }
  } catch (error) {
    await services?.close();
    await store.close();
    throw error;
  }

  if (!config.sandbox && !config.secrets.sessionSecret) {
    await store.close();
    throw new Error('PSRT_SESSION_SECRET must be set (32+ random characters) when running against GitHub.');
  }
  // The sandbox signs sessions with a per-process key: restarting signs everyone out, which is fine for a demo.
  const sessionSecret = config.secrets.sessionSecret ?? randomBytes(32).toString('hex');
  const app = createWebApp({
    ctx,
    sandbox: config.sandbox,
    sessionSecret,
    demoVisitors: config.sandbox ? demoVisitors : [],
    outgoingMail: services?.outgoingMail,
    publicUrl: config.server.publicUrl ?? null,
  });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.server.host, port: config.server.port }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const url = `http://${config.server.host}:${port}`;
  log.info(
    {
      url,
      engine: store.engine,
      sandbox: config.sandbox,
      startupMs: Math.round(performance.now() - started),
      // After psrt's own URL, so the first address in the log is the dashboard's.
      ...(services
        ? {
            githubSimulator: services.github.url,
            cveServicesSimulator: services.cve.apiUrl,
            smtpServer: services.smtp.url,
          }
        : {}),
    },
    'psrt is listening',
  );

  const scheduler = startScheduler(ctx, config.scheduler.intervalSeconds);

  return {
    url,
    ctx,
    services,
    async close() {
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services?.close();
      await store.close();
    },
  };
}

/** Runs the clock tick now and then every `intervalSeconds`, never two at once. */
function startScheduler(ctx: AppContext, intervalSeconds: number): { stop(): Promise<void> } {
  if (intervalSeconds === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runClockTick(ctx)
      .then((result) => {
        const acted =
          result.assigned.length + result.reminders.length + result.craAlerts.length + result.expiredGrants;
        if (acted > 0 || result.unassigned.length > 0) {
          ctx.log.info(
            {
              assigned: result.assigned.map((a) => a.reportId),
              unassigned: result.unassigned,
              reminders: result.reminders.length,
              craAlerts: result.craAlerts.length,
              expiredGrants: result.expiredGrants,
            },
            'clocks acted on',
          );
        }
      })
      .catch((error: unknown) => ctx.log.error({ err: loggableError(error) }, 'clock tick failed'))
      .finally(() => {
        running = null;
      });
  };
  // Hourly, refresh the planner's statistics (PGlite has no autovacuum of its own).
  const maintenance = setInterval(() => {
    ctx.store
      .maintain()
      .catch((error: unknown) => ctx.log.warn({ err: loggableError(error) }, 'maintenance failed'));
  }, HOUR_MS);
  maintenance.unref();
  const first = setTimeout(tick, 1_000);
  const timer = setInterval(tick, intervalSeconds * 1_000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(maintenance);
      clearInterval(timer);
      await running;
    },
  };
}
