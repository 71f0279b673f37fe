// The HTTP surface: health, sign-in, the dashboard pages and GitHub's webhook endpoint. Routes stay
// thin: they resolve who is asking and call one use-case or read model.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppContext } from '../app/context.ts';
import { loggableError, UseCaseError } from '../app/errors.ts';
import { listOpenReports } from '../app/reports.ts';
import { getRoster, resolvePrincipal } from '../app/roster.ts';
import { githubLoginPattern } from '../domain/identifiers.ts';
import type { Principal } from '../domain/report.ts';
import { sameLogin } from '../domain/roster.ts';
import type { DemoVisitor, OutgoingMail } from '../sandbox/index.ts';
import { OutgoingMailPage } from './pages/mail.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { SignInPage } from './pages/signin.tsx';
import { stylesheet } from './pages/styles.ts';
import { cvssRoutes } from './routes/cvss.tsx';
import { sameOriginOnly } from './same-origin.ts';
import { endSession, sessionLogin, startSession } from './session.ts';
import { webhookRoutes } from './webhooks.ts';

export interface WebOptions {
  ctx: AppContext;
  sandbox: boolean;
  sessionSecret: string;
  /** People who are not on the roster that the sandbox offers to sign in as. */
  demoVisitors?: DemoVisitor[];
  /** Sandbox only: what the local SMTP server received, for the "Outgoing mail" page. */
  outgoingMail?: OutgoingMail;
  /** Sandbox only: the GitHub simulator's own pages, where one acts on GitHub (`/sandbox/github`). */
  githubSimulatorUrl?: string | undefined;
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
}

/** The largest request body accepted: a form is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

type Env = { Variables: { login: string | null; principal: Principal } };

export function createWebApp({
  ctx,
  sandbox,
  sessionSecret,
  demoVisitors = [],
  outgoingMail,
  githubSimulatorUrl,
  publicUrl = null,
  webhookSecret = null,
  onDeliveryRecorded,
}: WebOptions): Hono<Env> {
  const app = new Hono<Env>();
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  const secureCookie = publicOrigin?.startsWith('https:') ?? false;

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );

  // GitHub calling, not a browser: proven by its signature instead of an origin, with GitHub's own
  // body limit. Mounted first, so the checks below never see it.
  app.route('/webhooks', webhookRoutes({ ctx, secret: webhookSecret, onRecorded: onDeliveryRecorded }));

  // Before any body is read: a forged request is refused whatever it carries, and no body is held
  // in memory past the limit.
  app.use(sameOriginOnly(publicOrigin));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.text(`Request too large: psrt accepts at most ${MAX_BODY_BYTES / 1024} KiB.`, 413),
    }),
  );

  app.get('/healthz', async (c) => {
    await ctx.store.ping();
    return c.json({ status: 'ok', engine: ctx.store.engine, sandbox });
  });

  app.get('/static/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // Everything below knows who is asking.
  app.use('*', async (c, next) => {
    const login = await sessionLogin(c, sessionSecret);
    c.set('login', login);
    c.set('principal', login ? await resolvePrincipal(ctx, login) : { kind: 'anonymous' });
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/', (c) => c.redirect(c.get('login') ? '/reports' : '/signin'));

  app.get('/signin', async (c) => {
    if (!sandbox) return c.text('Sign-in with GitHub is not configured on this server.', 404);
    const members = (await getRoster(ctx, 'member')).filter((m) => m.login);
    return c.html(<SignInPage members={members} visitors={demoVisitors} />);
  });

  app.post('/signin', async (c) => {
    if (!sandbox) return c.text('Not found', 404);
    const form = await c.req.parseBody();
    const login = typeof form.login === 'string' ? form.login : '';
    const known =
      (await getRoster(ctx, 'member')).some((m) => sameLogin(m.login, login)) ||
      demoVisitors.some((v) => v.login === login);
    if (!githubLoginPattern.test(login) || !known)
      return c.text('Pick one of the demo people on the sign-in page.', 400);
    await startSession(c, sessionSecret, login, secureCookie);
    return c.redirect('/reports', 303);
  });

  app.post('/signout', (c) => {
    endSession(c, secureCookie);
    return c.redirect('/', 303);
  });

  app.get('/reports', async (c) => {
    const login = c.get('login');
    if (!login) return c.redirect('/signin');
    const principal = c.get('principal');
    const pageNumber = Number(c.req.query('page') ?? '1');
    const page = await listOpenReports(ctx, principal, {
      page: Number.isSafeInteger(pageNumber) ? pageNumber : 1,
    });
    // A GHSA is on GitHub; in the sandbox on the simulator's pages, acting there as the same person.
    const advisoryUrl = (repository: string, ghsaId: string) =>
      sandbox && githubSimulatorUrl
        ? `${githubSimulatorUrl}advisories/${repository}/${ghsaId}?${new URLSearchParams({ as: login })}`
        : `https://github.com/${repository}/security/advisories/${ghsaId}`;
    return c.html(
      <ReportsPage
        page={page}
        now={ctx.now()}
        signedInAs={login}
        isMember={principal.kind === 'user' && principal.member}
        sandbox={sandbox}
        advisoryUrl={advisoryUrl}
      />,
    );
  });

  app.get('/sandbox/mail', (c) => {
    if (!sandbox || !outgoingMail) return c.text('Not found', 404);
    const login = c.get('login');
    if (!login) return c.redirect('/signin');
    const principal = c.get('principal');
    // Mail carries embargoed report text: members only.
    if (principal.kind !== 'user' || !principal.member)
      return c.text("Only PSRT members can read the sandbox's outgoing mail.", 403);
    return c.html(<OutgoingMailPage messages={outgoingMail.messages()} signedInAs={login} />);
  });

  app.get('/sandbox/github', (c) =>
    sandbox && githubSimulatorUrl ? c.redirect(githubSimulatorUrl) : c.text('Not found', 404),
  );

  app.route('/', cvssRoutes({ ctx, sandbox, githubSimulatorUrl }));

  app.notFound((c) => c.text('Not found', 404));

  app.onError((error, c) => {
    if (error instanceof UseCaseError) {
      const status =
        error.code === 'not-found'
          ? 404
          : error.code === 'forbidden'
            ? 403
            : error.code === 'invalid'
              ? 400
              : 409;
      return c.text(error.message, status);
    }
    // Never echo internals: the error may mention embargoed data. The log has the id to look it up.
    ctx.log.error({ err: loggableError(error), path: c.req.path }, 'request failed');
    return c.text('Something went wrong on our side; the error was logged.', 500);
  });

  return app;
}
