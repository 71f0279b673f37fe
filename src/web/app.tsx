// The HTTP surface: health, sign-in, the dashboard pages and GitHub's webhook endpoint. Routes stay
// thin: they resolve who is asking and call one use-case or read model.
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsxRenderer } from 'hono/jsx-renderer';
import { secureHeaders } from 'hono/secure-headers';
import type { AppContext } from '../app/context.ts';
import { loggableError, refusedTextOf, UseCaseError } from '../app/errors.ts';
import { checkReadiness, type Readiness } from '../app/readiness.ts';
import type { GitHubClient } from '../github/index.ts';
import type { GitHubSignIn } from '../github/oauth.ts';
import type { OutgoingMail } from '../sandbox/index.ts';
import { type ApiServices, apiRoutes, MAX_API_BODY_BYTES, problemOf } from './api/index.ts';
import { problem, statusOfUseCaseError } from './api/problem.ts';
import { forgeryGuard, type Refuse, whoIsAsking } from './auth.ts';
import type { WebEnv } from './env.ts';
import { OutgoingMailPage } from './pages/mail.tsx';
import { stylesheet } from './pages/styles.ts';
import type { Metrics } from './prometheus.ts';
import { readCache } from './read-cache.ts';
import { requestLog } from './request-log.ts';
import { advisoriesRoutes } from './routes/advisories.tsx';
import { auditRoutes } from './routes/audit.tsx';
import { coverageRoutes } from './routes/coverage.tsx';
import { cveOrphanRoutes } from './routes/cve-orphans.tsx';
import { cvssRoutes } from './routes/cvss.tsx';
import { effectsRoutes } from './routes/effects.tsx';
import { historyImportRoutes } from './routes/history-import.tsx';
import { inactivityRoutes } from './routes/inactivity.tsx';
import { intakeRoutes } from './routes/intake.tsx';
import { membersRoutes } from './routes/members.tsx';
import { metricsRoutes } from './routes/metrics.tsx';
import { nominationRoutes } from './routes/nominations.tsx';
import { reportActionRoutes } from './routes/report-actions.tsx';
import { reportCraRoutes } from './routes/report-cra.tsx';
import { hasFlash } from './routes/report-view.tsx';
import { reportsRoutes } from './routes/reports.tsx';
import { rosterSyncRoutes } from './routes/roster-sync.tsx';
import { sandboxRoutes } from './routes/sandbox.tsx';
import { signInFirst, signinRoutes } from './routes/signin.tsx';
import { tokenRoutes } from './routes/tokens.tsx';
import { webhookRoutes } from './webhooks.ts';

export interface WebOptions {
  ctx: AppContext;
  sandbox: boolean;
  /** Signs the short-lived cookies of a sign-in in progress (GitHub's OAuth state). */
  sessionSecret: string;
  /**
   * "Sign in with GitHub": the App's OAuth client (in the sandbox, the GitHub simulator's). Without
   * it nobody can sign in, and the sign-in page says how to set it up.
   */
  gitHubSignIn?: GitHubSignIn | null;
  /** Sandbox only: what the local SMTP server received, for the "Outgoing mail" page. */
  outgoingMail?: OutgoingMail;
  /** Sandbox only: the GitHub simulator's own pages, where one acts on GitHub (`/sandbox/github`). */
  githubSimulatorUrl?: string | undefined;
  /** Sandbox only: the CVE Services simulator's API root (the sandbox page links what psrt asked of it). */
  cveSimulatorUrl?: string | undefined;
  /** The GitHub App's client (repository coverage reads GitHub); null when no App is configured. */
  github?: GitHubClient | null;
  /** `cna.operators`: who may publish CVE records from the report page. */
  cnaOperators?: readonly string[];
  /**
   * `server.publicUrl`: where people reach psrt (behind a TLS proxy, say). Forms
   * are accepted only from this origin, and an https URL makes the session
   * cookie Secure. Without it, the origin the request was addressed to.
   */
  publicUrl?: string | null;
  /** Verifies GitHub's webhook deliveries; without it `POST /webhooks/github` refuses every one (401). */
  webhookSecret?: string | null;
  /** Called when a webhook delivery was recorded (the delivery processor's nudge). */
  onDeliveryRecorded?: () => void;
  /** The outside services API operations need (GitHub, CVE Services) and the CNA operators; none by default. */
  services?: ApiServices;
  /** Sandbox only: the SMTP intake's address once it listens (the sandbox page sends mail to security@ there). */
  intakeSmtpUrl?: () => string | null;
  /** How long a member's identical read is answered again while nothing changed (web/read-cache); 0: never. */
  readCacheMs?: number;
  /** `GET /metrics` (web/prometheus); without it, /metrics is not served. */
  metrics?: Metrics | null;
  /** `PSRT_METRICS_TOKEN`: when set, /metrics answers only this bearer token. */
  metricsToken?: string | null;
  /** What `GET /readyz` reports (app/readiness); by default, whether the database answers and is current. */
  readiness?: () => Promise<Readiness>;
}

/** A second: identical reads in a burst are computed once, and clocks are never older than that. */
export const READ_CACHE_MS = 1000;

/** The largest request body accepted: a form is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** API requests get problem details; pages get plain words. */
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

const refuse: Refuse = (c, status, message) =>
  isApi(c.req.path) ? problem(c, status, message) : c.text(message, status);

/** Compares a presented credential with the expected one in time that does not depend on where they differ. */
function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createWebApp({
  ctx,
  sandbox,
  sessionSecret,
  gitHubSignIn = null,
  outgoingMail,
  githubSimulatorUrl,
  cveSimulatorUrl,
  github = null,
  cnaOperators = [],
  publicUrl = null,
  webhookSecret = null,
  onDeliveryRecorded,
  services,
  intakeSmtpUrl,
  readCacheMs = READ_CACHE_MS,
  metrics = null,
  metricsToken = null,
  readiness,
}: WebOptions): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  // First, so each request's id is on every line it logs and its time includes all that follows.
  app.use(requestLog(ctx.log));
  if (metrics) app.use(metrics.http);
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  const cookies = { secure: publicOrigin?.startsWith('https:') ?? false };

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // The sign-in form is answered with a redirect to GitHub, which form-action governs too.
        formAction: ["'self'", ...(gitHubSignIn ? [new URL(gitHubSignIn.webUrl).origin] : [])],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      // A response with headers of its own keeps them: a security@ attachment's download is
      // sandboxed by a policy stricter than the pages' (web/attachment).
      overwrite: false,
    }),
  );

  // GitHub calling, not a browser: proven by its signature instead of an origin, with GitHub's own
  // body limit. Mounted first, so the checks below never see it.
  if (metrics)
    app.use('/webhooks/github', async (c, next) => {
      await next();
      const event = c.req.header('x-github-event') ?? '';
      metrics.webhookAnswered(/^[a-z_]{1,50}$/.test(event) ? event : 'unknown', c.res.status);
    });
  app.route('/webhooks', webhookRoutes({ ctx, secret: webhookSecret, onRecorded: onDeliveryRecorded }));

  // No body is held in memory past the limit: a form's, or the API's (a roster or record import).
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        const message = `Request too large: psrt accepts at most ${maxSize / 1024} KiB.`;
        return isApi(c.req.path) ? problem(c, 413, message) : c.text(message, 413);
      },
    });
  const pageLimit = limit(MAX_BODY_BYTES);
  const apiLimit = limit(MAX_API_BODY_BYTES);
  app.use((c, next) => (isApi(c.req.path) ? apiLimit : pageLimit)(c, next));

  app.get('/healthz', async (c) => {
    await ctx.store.ping();
    return c.json({ status: 'ok', engine: ctx.store.engine, sandbox });
  });

  // Ready for work: a load balancer sends none to an instance answering 503 (app/readiness).
  const ready =
    readiness ??
    (() =>
      checkReadiness({
        store: ctx.store,
        heartbeats: { beat: () => {}, lastBeat: () => null },
        loops: [],
        startedAt: Date.now(),
        stopping: () => false,
      }));
  app.get('/readyz', async (c) => {
    const { ready: isReady, checks } = await ready();
    c.header('Cache-Control', 'no-store');
    return c.json({ status: isReady ? 'ready' : 'not ready', checks }, isReady ? 200 : 503);
  });

  if (metrics)
    app.get('/metrics', async (c) => {
      if (metricsToken && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${metricsToken}`)) {
        c.header('WWW-Authenticate', 'Bearer realm="psrt metrics"');
        return c.text('GET /metrics needs Authorization: Bearer and the token in PSRT_METRICS_TOKEN.', 401);
      }
      c.header('Cache-Control', 'no-store');
      return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
    });

  app.get('/static/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // Everything below knows who is asking, and refuses what psrt's own pages did not send.
  app.use(whoIsAsking(ctx, cookies, refuse));
  app.use(forgeryGuard(publicOrigin, refuse));
  // Reports, on pages and in the API, are what members read most and what is busiest to compute.
  const repeatReads = readCache({
    ttlMs: readCacheMs,
    now: () => ctx.now().getTime(),
    // A message an action left is shown once, then cleared: that page is drawn for it.
    bypass: hasFlash,
  });
  for (const path of ['/reports', '/reports/*', '/api/v1/reports', '/api/v1/reports/*'])
    app.use(path, repeatReads);
  // Pages render through c.render: components reach the request (CSRF token, who is signed in).
  app.use(jsxRenderer(({ children }) => <>{children}</>, { docType: true }));

  const cna = services?.cna ?? null;
  const deps = {
    ctx,
    sandbox,
    githubSimulatorUrl,
    cveSimulatorUrl,
    github,
    publicUrl,
    cnaOperators,
    cna,
    forwardTo: services?.forwardTo ?? [],
    intakeSmtpUrl,
  };
  app.route('/api', apiRoutes({ ...deps, services }));
  app.route('/', reportsRoutes(deps));
  app.route('/', reportActionRoutes(deps));
  app.route('/', reportCraRoutes(deps));
  app.route('/', advisoriesRoutes(deps));
  app.route('/', historyImportRoutes(deps));
  app.route('/', inactivityRoutes(deps));
  app.route('/', rosterSyncRoutes(deps));
  app.route('/', membersRoutes(deps));
  app.route('/', nominationRoutes(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', coverageRoutes(deps));
  app.route('/', effectsRoutes(deps));
  app.route('/', cveOrphanRoutes(deps));
  app.route('/', intakeRoutes(deps));
  app.route('/', sandboxRoutes(deps));

  // Signed out: the sandbox's first stop is signing in (as any demo person); elsewhere the public advisories.
  app.get('/', (c) => c.redirect(c.get('login') ? '/reports' : sandbox ? '/signin' : '/advisories'));

  app.route('/', signinRoutes({ ...deps, gitHubSignIn, sessionSecret, cookies, publicOrigin }));
  app.route('/', tokenRoutes(deps));

  app.get('/sandbox/mail', (c) => {
    if (!sandbox || !outgoingMail) return c.text('Not found', 404);
    const login = c.get('login');
    if (!login) return signInFirst(c);
    const principal = c.get('principal');
    // Mail carries embargoed report text: members only.
    if (principal.kind !== 'user' || !principal.member)
      return c.text("Only PSRT members can read the sandbox's outgoing mail.", 403);
    return c.render(<OutgoingMailPage messages={outgoingMail.messages()} signedInAs={login} />);
  });

  app.get('/sandbox/github', (c) =>
    sandbox && githubSimulatorUrl ? c.redirect(githubSimulatorUrl) : c.text('Not found', 404),
  );

  app.route('/', cvssRoutes(deps));
  app.route('/', metricsRoutes(deps));

  app.notFound((c) =>
    isApi(c.req.path)
      ? problem(c, 404, 'No such API operation: see /api/openapi.json for the ones there are.')
      : c.text('Not found', 404),
  );

  app.onError((error, c) => {
    // An API request's error (one thrown before its routes, say in sign-in) is a problem, as there.
    if (isApi(c.req.path)) return problemOf(c, error, ctx);
    if (error instanceof UseCaseError) return c.text(error.message, statusOfUseCaseError[error.code]);
    const refusedText = refusedTextOf(error);
    if (refusedText) return c.text(refusedText, 400);
    // Never echo internals: the error may mention embargoed data. The log has the id to look it up.
    // The path is not logged either: it can name a report.
    ctx.log.error({ err: loggableError(error), method: c.req.method }, 'request failed');
    return c.text(
      `Something went wrong on our side; the error was logged (request ${c.get('requestId')}).`,
      500,
    );
  });

  return app;
}
