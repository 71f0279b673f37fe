// `psrt serve`: one process with the web dashboard and GitHub's webhook
// endpoint, the background loops (the clocks, the effect runner, the webhook
// delivery processor) and, in sandbox mode, demo data and the simulators of
// GitHub (delivering its webhooks to psrt) and CVE Services. A start either
// completes or closes all it opened and throws one error saying what to do;
// close() stops taking work, lets the work in hand finish (for a bounded
// time), then closes the rest.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type AdvisoryDatabase, advisoryDatabaseOf, initCheckout } from '../app/advisory-database.ts';
import { type DeliveryHandlers, type DeliveryProcessor, processDeliveries } from '../app/bot/deliveries.ts';
import { creditNamesOf, outsidersOf } from '../app/bot/installations.ts';
import { botDeliveryHandlers } from '../app/bot/webhook-handlers.ts';
import { performDueEffects, type RunnerDeps, startEffectRunner } from '../app/effects/runner.ts';
import { effectServices } from '../app/effects/services.ts';
import { createHeartbeats, type LoopName } from '../app/heartbeats.ts';
import { leaderOf } from '../app/leader.ts';
import { type OpenedApp, openApp, type ServiceOverrides } from '../app/open.ts';
import { checkReadiness } from '../app/readiness.ts';
import { type Config, ConfigError } from '../config/config.ts';
import { createLogger, type Logger } from '../config/logger.ts';
import type { GitHubSignIn } from '../github/oauth.ts';
import { type SandboxServices, sandboxRoster, seedSandbox, startSandboxServices } from '../sandbox/index.ts';
import { createWebApp } from './app.tsx';
import {
  type BackgroundLoop,
  deliveryProcessorLoop,
  effectRunnerLoop,
  startAuditVerification,
  startBotPoller,
  startMaintenance,
  startScheduler,
  stopLoops,
} from './background.ts';
import { listen } from './listener.ts';
import { startMailIntake } from './mail-intake.ts';
import { createMetrics } from './prometheus.ts';
import { startRosterDriftCheck } from './roster-drift-loop.ts';
import { failedStep, startupFailure } from './startup-failure.ts';

export interface RunningServer extends Omit<OpenedApp, 'close'> {
  url: string;
  /** Sandbox mode only: the in-process GitHub and CVE Services simulators. */
  services: SandboxServices | null;
  /** What runs beside the web app; close() stops each and waits for its work in hand. */
  loops: BackgroundLoop[];
  /** Stops the server; safe to call more than once. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  now?: () => Date;
  log?: Logger;
  /** How long close() waits for requests and loops in flight before cutting them off (default 10 s). */
  shutdownGraceMs?: number;
}

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  // Whatever is logged, the configured secrets never appear in it (config/logger's redaction).
  const startedAt = Date.now();
  const heartbeats = createHeartbeats();
  let stopping = false;
  const log = options.log ?? createLogger(config.log.level, process.stdout, Object.values(config.secrets));
  const started = performance.now();
  if (!config.sandbox && !config.secrets.sessionSecret)
    throw new ConfigError(
      'PSRT_SESSION_SECRET must be set (32+ random characters) when running against GitHub.',
    );

  // The port first: when it is taken, nothing else has been opened for nothing.
  const listener = await listen(config.server.host, config.server.port);
  const securityIntake: { url: string | null } = { url: null };
  const sandbox: { services: SandboxServices | null } = { services: null };
  let app: OpenedApp | null = null;
  let loops: BackgroundLoop[];
  try {
    app = await openApp(config, {
      log,
      now: options.now,
      migrations: 'apply',
      services: config.sandbox
        ? async (ctx) => {
            // The simulators first: the demo reports' GHSAs are opened in them as the stories replay.
            // Beside the embedded database, so the simulators' GHSAs and CVE IDs outlive a restart as it does.
            const stateDir = config.dataDir ? join(config.dataDir, 'sim') : undefined;
            sandbox.services = await startSimulators(await sandboxRoster(ctx), ctx.now, stateDir, {
              psrtOrigins: psrtOrigins(listener.url, config.server.publicUrl),
            });
            return simulatorOverrides(sandbox.services);
          }
        : undefined,
    });
    const runner: RunnerDeps = {
      ...app.ctx,
      services: effectServices(app, config.mail, await advisoryDatabaseFor(config)),
    };
    const bot = {
      team: config.github.team,
      name: config.github.botName,
      outsiders: app.github ? outsidersOf(app.ctx, app.github, config.github.team) : async () => [],
      creditNames: app.github ? creditNamesOf(app.ctx, app.github) : undefined,
    };
    if (sandbox.services) {
      if (!app.github)
        throw new Error("psrt's GitHub client was not opened on the sandbox's GitHub simulator.");
      // The bot sees the GHSAs the stories open, and effects are performed as the stories
      // replay, at each step's time: accepting reserves the CVE ID that a later publish step
      // needs, and the simulators hold what psrt did.
      const seeded = await seedSandbox(app.ctx, sandbox.services, {
        bot: { github: app.github, settings: bot },
        performEffects: async (ctx) => (await performDueEffects({ ...runner, now: ctx.now })).claimed,
      });
      if (seeded)
        log.info({ reports: seeded.reports, members: seeded.members }, 'sandbox seeded with demo data');
    }
    // The sandbox signs sessions with a per-process key: restarting signs everyone out, which is fine for a demo.
    const sessionSecret = config.secrets.sessionSecret ?? randomBytes(32).toString('hex');
    // Likewise the secret the sandbox's GitHub simulator signs its webhook deliveries with.
    const webhookSecret =
      config.secrets.githubWebhookSecret ?? (config.sandbox ? randomBytes(32).toString('hex') : null);
    if (!webhookSecret)
      log.warn(
        'PSRT_WEBHOOK_SECRET is not set: every GitHub webhook delivery is refused (401) until it is set to the App webhook secret',
      );
    const gitHubSignIn = sandbox.services?.github.signIn ?? gitHubSignInOf(config);
    if (!gitHubSignIn)
      log.warn(
        'github.oauthClientId and PSRT_GITHUB_CLIENT_SECRET are not set: nobody can sign in to the dashboard until they are (docs/configuration.md, "Signing in")',
      );
    let deliveries: DeliveryProcessor | null = null;
    const metrics = createMetrics(app.ctx, app.github);
    // The loops /readyz expects to go round, each within its window (a third of a minute for the
    // effect runner, which looks four times a second; three polling intervals for the poller).
    const pollSeconds = app.github ? config.github.pollSeconds : 0;
    const watched: Array<{ loop: LoopName; withinMs: number }> = [
      { loop: 'effect runner', withinMs: 20_000 },
      ...(pollSeconds > 0
        ? [{ loop: 'bot poller' as const, withinMs: Math.max(3 * pollSeconds, 60) * 1_000 }]
        : []),
    ];
    const ctx = app.ctx;
    // The SMTP intake starts after the web app (its reader nudges the effect runner): the sandbox
    // page asks for its address (securityIntake.url) when it draws the form.
    const web = createWebApp({
      ctx: app.ctx,
      sandbox: config.sandbox,
      sessionSecret,
      gitHubSignIn,
      outgoingMail: sandbox.services?.outgoingMail,
      githubSimulatorUrl: sandbox.services?.github.viewUrl,
      cveSimulatorUrl: sandbox.services?.cve.apiUrl,
      github: app.github,
      cnaOperators: config.cna.operators,
      publicUrl: config.server.publicUrl ?? null,
      webhookSecret,
      // A delivery recorded is processed at once, not at the processor's next look.
      onDeliveryRecorded: () => deliveries?.nudge(),
      intakeSmtpUrl: () => securityIntake.url,
      metrics,
      metricsToken: config.secrets.metricsToken,
      readiness: () =>
        checkReadiness({ store: ctx.store, heartbeats, loops: watched, startedAt, stopping: () => stopping }),
      services: {
        github: app.github,
        cna: app.cna,
        cnaOperators: config.cna.operators,
        forwardTo: config.intake.forwardTo,
      },
    });
    listener.serve(web.fetch);
    if (sandbox.services && webhookSecret)
      await hookSimulator(sandbox.services, listener.url, webhookSecret, log);
    // Claims held for server.leaseSeconds: what an instance that died had claimed is taken over after that.
    const leaseMs = config.server.leaseSeconds * 1_000;
    const effects = startEffectRunner(runner, { leaseMs, heartbeat: () => heartbeats.beat('effect runner') });
    // A handled delivery may have enqueued effects (a new report's team access): the runner
    // performs them now, not at its next look.
    deliveries = processDeliveries(
      app.ctx,
      nudgingAfter(botDeliveryHandlers(bot, app.github), effects.nudge),
      { leaseMs },
    );
    const intake = await startMailIntake(app.ctx, config, { afterRead: effects.nudge });
    securityIntake.url = intake.smtpUrl;
    // Of several instances on one PostgreSQL, one leads; the lead is given up when the store closes.
    const leader = leaderOf(app.ctx);
    loops = [
      ...intake.loops,
      startScheduler(app.ctx, config.scheduler.intervalSeconds),
      ...(app.github
        ? [
            startBotPoller(app.ctx, leader, app.github, bot, config.github.pollSeconds, {
              heartbeats,
              metrics,
            }),
          ]
        : []),
      startMaintenance(app.ctx),
      startAuditVerification(app.ctx, leader),
      startRosterDriftCheck(app.ctx, leader, app.github),
      effectRunnerLoop(effects),
      deliveryProcessorLoop(deliveries),
    ];
  } catch (error) {
    // Close what was opened, newest first; the error to report is the one that stopped the start.
    await app?.close().catch(() => {});
    await sandbox.services?.close().catch(() => {});
    await listener.close(performance.now());
    throw startupFailure(error);
  }
  const opened = app;
  const { services } = sandbox;
  const { ctx } = opened;

  log.info(
    {
      url: listener.url,
      engine: ctx.store.engine,
      sandbox: config.sandbox,
      startupMs: Math.round(performance.now() - started),
      // After psrt's own URL, so the first address in the log is the dashboard's; security@'s
      // SMTP intake before the sandbox's outgoing mail, so the first smtp:// one is where to send reports.
      ...(securityIntake.url ? { securityIntake: securityIntake.url } : {}),
      ...(services
        ? {
            githubSimulator: services.github.url,
            githubSimulatorPages: services.github.viewUrl,
            cveServicesSimulator: services.cve.apiUrl,
            smtpServer: services.smtp.url,
          }
        : {}),
    },
    'psrt is listening',
  );
  if (securityIntake.url)
    log.info({ smtp: securityIntake.url }, `security@ intake listening at ${securityIntake.url}`);

  const graceMs = options.shutdownGraceMs ?? 10_000;
  let closing: Promise<void> | null = null;
  const shutDown = async () => {
    stopping = true;
    const deadline = performance.now() + graceMs;
    // Stop accepting at once; requests already in flight run on while the loops finish theirs.
    const requestsDone = listener.close(deadline);
    const busy = await stopLoops(loops, deadline, log);
    if (busy.length > 0)
      log.warn({ loops: busy, graceMs }, 'stopping without waiting longer for this work to finish');
    await requestsDone;
    await services?.close();
    await opened.close();
  };

  return {
    url: listener.url,
    ctx,
    github: opened.github,
    cna: opened.cna,
    cnaUser: opened.cnaUser,
    mailer: opened.mailer,
    services,
    loops,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}

/** `handlers`, each calling `after` once it has acted (its changes and effects committed). */
function nudgingAfter(handlers: DeliveryHandlers, after: () => void): DeliveryHandlers {
  return Object.fromEntries(
    Object.entries(handlers).map(([event, handle]) => [
      event,
      async (ctx, delivery) => {
        const outcome = await handle(ctx, delivery);
        if (outcome === 'done') after();
        return outcome;
      },
    ]),
  );
}

/** "Sign in with GitHub" as configured: the App's OAuth client on GitHub, or null when not set up. */
function gitHubSignInOf(config: Config): GitHubSignIn | null {
  const { oauthClientId, webUrl, apiUrl } = config.github;
  const clientSecret = config.secrets.githubClientSecret;
  return oauthClientId && clientSecret ? { clientId: oauthClientId, clientSecret, webUrl, apiUrl } : null;
}

/**
 * Where people reach the sandbox's psrt, so the simulator's App sends them back there after
 * signing in: the address it listens on (a loopback one by either name) and its public URL.
 */
function psrtOrigins(listenerUrl: string, publicUrl: string | undefined): string[] {
  const own = new URL(listenerUrl);
  const loopback = ['0.0.0.0', '127.0.0.1', 'localhost', '[::]', '[::1]'].includes(own.hostname);
  const hosts = loopback ? ['127.0.0.1', 'localhost', '[::1]'] : [own.hostname];
  const origins = hosts.map((host) => `http://${host}:${own.port}`);
  return [...new Set([...(publicUrl ? [new URL(publicUrl).origin] : []), ...origins])];
}

async function startSimulators(
  roster: Parameters<typeof startSandboxServices>[0],
  now: () => Date,
  stateDir: string | undefined,
  options: { psrtOrigins: string[] },
): Promise<SandboxServices> {
  try {
    return await startSandboxServices(roster, { now, ...(stateDir ? { stateDir } : {}), ...options });
  } catch (error) {
    throw failedStep(
      "The sandbox's GitHub and CVE Services simulators could not start",
      error,
      'Fix that, or set github.appId and GITHUB_APP_PRIVATE_KEY to run against GitHub instead of the sandbox.',
    );
  }
}

/**
 * Points the GitHub simulator's webhook at psrt's own `/webhooks/github`, as
 * the App's webhook URL points at psrt on GitHub. Only here: the port is known
 * once the listener has it (`--port 0` picks one), and setting a hook sends a
 * ping, which psrt answers only once it serves; the demo stories replayed
 * before send no deliveries.
 */
async function hookSimulator(services: SandboxServices, url: string, secret: string, log: Logger) {
  const own = new URL(url);
  // Listening on every interface: the simulator, on this machine, calls the loopback one.
  if (own.hostname === '0.0.0.0') own.hostname = '127.0.0.1';
  if (own.hostname === '[::]') own.hostname = '[::1]';
  const ping = await services.simulators.github.setWebhook({ url: `${own.origin}/webhooks/github`, secret });
  if (ping && ping.status !== 'OK')
    log.warn(
      { status: ping.status },
      "the GitHub simulator's webhook ping did not reach psrt: its deliveries will not either",
    );
}

/** psrt's clients pointed at the simulators, with the App and CNA user they were seeded with. */
function simulatorOverrides(services: SandboxServices): ServiceOverrides {
  return {
    github: {
      url: services.github.url,
      appId: services.github.appId,
      privateKey: services.github.privateKey,
    },
    cna: {
      apiUrl: services.cve.apiUrl,
      org: services.cve.org,
      user: services.cve.user,
      apiKey: services.cve.apiKey,
    },
    smtp: { url: services.smtp.url },
  };
}

/**
 * The advisory database checkout published OSV records are committed to: the configured one, or in
 * the sandbox a local repository of its own beside the embedded database (so a newcomer sees the commits).
 */
async function advisoryDatabaseFor(config: Config): Promise<AdvisoryDatabase | null> {
  if (config.advisoryDatabase.checkout || !config.sandbox || !config.dataDir)
    return advisoryDatabaseOf(config);
  const checkout = join(config.dataDir, 'advisory-database');
  await initCheckout(checkout);
  return advisoryDatabaseOf({ ...config, advisoryDatabase: { ...config.advisoryDatabase, checkout } });
}
