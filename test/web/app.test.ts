// The dashboard as a member, a collaborator and a visitor see it, through
// `app.request()` (no sockets) over the seeded sandbox. Embargo comes first:
// a page shows a report only to members and to collaborators granted on it.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createReport } from '../../src/app/reports.ts';
import { resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { reportClocks } from '../../src/domain/clocks.ts';
import type { Report } from '../../src/domain/report.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import {
  demoVisitors,
  type SandboxServices,
  sandboxRoster,
  seedSandbox,
  startSandboxServices,
} from '../../src/sandbox/index.ts';
import { listReports, openStore, type Store } from '../../src/store/index.ts';
import { createWebApp, MAX_BODY_BYTES } from '../../src/web/app.tsx';
import { sandboxFile } from '../app/support.ts';
import { asPsrtServe } from '../sandbox/runner.ts';
import {
  fromPsrt,
  pickOnGitHub,
  setCookie,
  signIn as signInThroughGitHub,
  startSignIn,
} from '../support/sign-in.ts';

const sessionSecret = 'test-session-secret-0123456789abcdef';
const scriptTitle = '<script>alert("embargo")</script> in the title';

let store: Store;
let services: SandboxServices;
let ctx: AppContext;
let app: ReturnType<typeof createWebApp>;
/** Every report that is not published, as the store holds it: none of it may reach an outsider. */
let embargoed: Report[];
/** Open reports in the order a member should see them. */
let open: Report[];

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  ctx = { store, now: () => new Date(), log: createLogger('silent') };
  // psrt in-process (app.request) and behind a proxy at its public URL: where GitHub sends people back.
  services = await startSandboxServices(await sandboxRoster(ctx), {
    psrtOrigins: ['http://localhost', 'https://psrt.example.org'],
  });
  await seedSandbox(ctx, services, asPsrtServe(ctx, services));
  await createReport(ctx, await resolvePrincipal(ctx, 'sethmlarson'), {
    repository: 'python/cpython',
    title: scriptTitle,
    description: '<img src=x onerror=alert(1)>',
  });
  const all = (await listReports(store.db, { kind: 'all' }, { now: ctx.now(), limit: 500 })).reports;
  embargoed = all.filter((report) => report.state !== 'published');
  open = (await listReports(store.db, { kind: 'all' }, { now: ctx.now(), open: true, limit: 500 })).reports;
  app = createWebApp({ ctx, sandbox: true, sessionSecret, gitHubSignIn: services.github.signIn });
});

afterAll(async () => {
  await services?.close();
  await store?.close();
});

/** Signs in through GitHub (the sandbox's simulator) and returns the session cookie ("name=value"). */
async function signIn(login: string, on = app): Promise<string> {
  return (await signInThroughGitHub(on, login)).cookie;
}

/** The CSRF token the session's pages put in their forms. */
async function csrfTokenOf(cookie: string): Promise<string> {
  const html = await (await app.request('/reports', { headers: { cookie } })).text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('the page has no CSRF field');
  return token;
}

async function reportsPage(cookie: string): Promise<{ status: number; html: string; rows: string[] }> {
  const response = await app.request('/reports', { headers: { cookie } });
  const html = await response.text();
  const rows = [...html.matchAll(/<tr data-report="([^"]+)"/g)].map((match) => match[1] ?? '');
  return { status: response.status, html, rows };
}

/** The HTML of one report's row. */
function row(html: string, reportId: string): string {
  const start = html.indexOf(`<tr data-report="${reportId}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</tr>', start));
}

/** Everything that identifies an embargoed report: its id, title, GHSA and CVE ids. */
const traces = (report: Report) =>
  [report.id, report.title, report.ghsaId, report.cveId].filter((t): t is string => !!t);

describe('operations', () => {
  it('/healthz answers 200 with JSON naming the engine and the sandbox', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok', engine: 'pglite', sandbox: true });
  });

  it('pages carry a content security policy that allows no foreign script and no framing', async () => {
    const response = await app.request('/signin');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('sandbox sign-in', () => {
  it("the simulator's sign-in page offers every member on the roster with their roles, then the demo people", async () => {
    const { authorize } = await startSignIn(app);
    expect(authorize.origin).toBe(new URL(services.github.url).origin);
    const response = await fetch(authorize);
    expect(response.status).toBe(200);
    const html = await response.text();
    const offered = [...html.matchAll(/data-login="([^"]+)"/g)].map((match) => match[1]);
    // The roster the simulators started with: someone who joins later is offered with the others.
    const members = parseRosterCsv(sandboxFile('psrt.csv'), 'member').map((member) => member.login);
    expect(offered.slice(0, members.length)).toEqual(members);
    for (const visitor of demoVisitors) expect(offered).toContain(visitor.login);
    expect(offered).not.toContain('tiran'); // emeritus
    expect(html).toContain('<span class="label admin">Admin</span>');
  });

  it('signing in sets an HTTP-only, same-site session cookie', async () => {
    const { authorize, pending } = await startSignIn(app);
    const back = await pickOnGitHub(authorize, 'sethmlarson');
    const response = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('psrt_session=')) ?? '';
    expect(cookie).toMatch(/^psrt_session=[^;]+/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it.each([
    ['someone not on the roster', 'not-a-member'],
    ['an emeritus member', 'tiran'],
  ])(
    '%s signs in with their GitHub account, and the roster decides they see no open report',
    async (_who, login) => {
      const response = await app.request('/reports', { headers: { cookie: await signIn(login) } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`signed in as <strong>${login}</strong>`);
      expect(html).toContain('No open reports you can see.');
    },
  );

  it('a string that is not a login cannot sign in: GitHub refuses it, and psrt sets no session', async () => {
    const { authorize } = await startSignIn(app);
    await expect(pickOnGitHub(authorize, '../admin')).rejects.toThrow(/422/);
  });

  it('the home page sends a signed-out visitor to sign in, and a signed-in one to the reports', async () => {
    expect((await app.request('/')).headers.get('location')).toBe('/signin');
    const cookie = await signIn('gpshead');
    expect((await app.request('/', { headers: { cookie } })).headers.get('location')).toBe('/reports');
  });

  it('signing out ends the session on the server, not only in the browser', async () => {
    const cookie = await signIn('gpshead');
    const response = await app.request('/signout', {
      method: 'POST',
      headers: { ...fromPsrt, cookie },
      body: new URLSearchParams({ _csrf: await csrfTokenOf(cookie) }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/^psrt_session=;.*Max-Age=0/);
    // A copy of the cookie kept somewhere opens nothing any more.
    expect((await app.request('/reports', { headers: { cookie } })).headers.get('location')).toBe('/signin');
  });

  it("a form posted without the session's CSRF token is refused, even from psrt's own origin", async () => {
    const cookie = await signIn('gpshead');
    for (const body of [new URLSearchParams(), new URLSearchParams({ _csrf: 'guessed' })]) {
      const response = await app.request('/signout', {
        method: 'POST',
        headers: { ...fromPsrt, cookie },
        body,
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Reload the page');
    }
    expect((await app.request('/reports', { headers: { cookie } })).status).toBe(200);
  });

  it('a session cookie psrt never issued counts as signed out, and is cleared', async () => {
    for (const cookie of ['psrt_session=sethmlarson', `psrt_session=${'A'.repeat(43)}`]) {
      const response = await app.request('/reports', { headers: { cookie } });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/signin');
      expect(response.headers.get('set-cookie')).toMatch(/^psrt_session=;.*Max-Age=0/);
    }
  });

  it('signing in again gives a new session and ends the old one', async () => {
    const first = await signIn('gpshead');
    const { authorize, pending } = await startSignIn(app, {
      headers: { cookie: first, 'x-csrf-token': await csrfTokenOf(first) },
    });
    const back = await pickOnGitHub(authorize, 'gpshead');
    const response = await app.request(`${back.pathname}${back.search}`, {
      headers: { cookie: `${first}; ${pending}` },
    });
    const second = setCookie(response, 'psrt_session');
    expect(second).toMatch(/^psrt_session=/);
    expect(second).not.toBe(first);
    expect((await app.request('/reports', { headers: { cookie: first } })).status).toBe(303);
    expect((await app.request('/reports', { headers: { cookie: second ?? '' } })).status).toBe(200);
  });

  it('without GitHub sign-in configured, the sign-in page says how to set it up (503), and nobody signs in', async () => {
    const production = createWebApp({ ctx, sandbox: false, sessionSecret });
    const page = await production.request('/signin');
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('Sign-in is not configured');
    expect(html).toContain('github.oauthClientId');
    expect(html).toContain('PSRT_GITHUB_CLIENT_SECRET');
    expect(html).toContain('<code>http://localhost/signin/callback</code>');
    const post = await production.request('/signin', {
      method: 'POST',
      headers: fromPsrt,
      body: new URLSearchParams({ login: 'sethmlarson' }),
    });
    expect(post.status).toBe(503);
    expect(post.headers.get('set-cookie')).toBeNull();
    expect(post.headers.get('location')).toBeNull();
  });
});

describe('open reports', () => {
  it('a member sees every open report with its clocks, most urgent deadline first', async () => {
    const page = await reportsPage(await signIn('sethmlarson'));
    expect(page.status).toBe(200);
    expect(page.rows).toEqual(open.map((report) => report.id));
    for (const report of open) {
      const clock = reportClocks(report, ctx.now()).disclosure;
      expect(row(page.html, report.id)).toContain(`due ${clock.deadline.toISOString().slice(0, 10)}`);
    }
  });

  it('the overdue report leads the list, marked overdue', async () => {
    const overdue = open.filter((report) => reportClocks(report, ctx.now()).disclosure.overdue);
    expect(overdue.map((report) => report.title)).toEqual([
      'http.cookies: quadratic time parsing of crafted Cookie headers',
    ]);
    const page = await reportsPage(await signIn('sethmlarson'));
    expect(page.rows[0]).toBe(overdue[0]?.id);
    expect(row(page.html, page.rows[0] ?? '')).toMatch(
      /<span class="clock overdue">overdue by \d+ (day|hour)s?<\/span>/,
    );
    expect(row(page.html, page.rows[1] ?? '')).toMatch(/\d+ days? left/);
  });

  it("a report's GHSA links to its advisory on GitHub, and its CVE ID shows once reserved", async () => {
    const accepted = open.find((report) => report.ghsaId && report.cveId);
    if (!accepted?.ghsaId || !accepted.cveId) throw new Error('the sandbox has an accepted report of a GHSA');
    const shown = row((await reportsPage(await signIn('sethmlarson'))).html, accepted.id);
    expect(shown).toContain(
      `<a class="ghsa" href="https://github.com/${accepted.repository}/security/advisories/${accepted.ghsaId}">${accepted.ghsaId}</a>`,
    );
    expect(shown).toContain(accepted.cveId);

    // In the sandbox, on the GitHub simulator's page, acting there as the person signed in.
    const onSimulator = createWebApp({
      ctx,
      sandbox: true,
      sessionSecret,
      gitHubSignIn: services.github.signIn,
      githubSimulatorUrl: services.github.viewUrl,
    });
    const cookie = await signIn('sethmlarson', onSimulator);
    const html = await (await onSimulator.request('/reports', { headers: { cookie } })).text();
    const link = `${services.github.viewUrl}advisories/${accepted.repository}/${accepted.ghsaId}?as=sethmlarson`;
    expect(row(html, accepted.id)).toContain(`href="${link}"`);
    const advisoryPage = await fetch(link);
    expect(advisoryPage.status).toBe(200);
    expect(await advisoryPage.text()).toContain(
      '<option value="sethmlarson" selected="">sethmlarson</option>',
    );
  });

  it('the reports page is never cached', async () => {
    const response = await app.request('/reports', { headers: { cookie: await signIn('sethmlarson') } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['the reporter', 'mira-finds-bugs', 'tarfile: extraction filter'],
    ['an expert with a dated grant', 'zip-expert', 'zipfile: infinite loop'],
  ])(
    '%s (%s), granted on one report, sees that report and nothing of the others',
    async (_who, login, title) => {
      const granted = embargoed.find((report) => report.title.startsWith(title as string));
      expect(granted).toBeDefined();
      const page = await reportsPage(await signIn(login as string));
      expect(page.status).toBe(200);
      expect(page.rows).toEqual([granted?.id]);
      for (const report of embargoed.filter((r) => r.id !== granted?.id)) {
        for (const trace of traces(report)) expect(page.html).not.toContain(trace);
      }
    },
  );

  it('a signed-in visitor with no grant sees an empty list and nothing of any embargoed report', async () => {
    const page = await reportsPage(await signIn('curious-visitor'));
    expect(page.status).toBe(200);
    expect(page.rows).toEqual([]);
    expect(page.html).toContain('No open reports you can see.');
    expect(embargoed.length).toBeGreaterThan(5);
    for (const report of embargoed) {
      for (const trace of traces(report)) expect(page.html).not.toContain(trace);
    }
    expect(page.html).not.toContain('PSRT-');
  });

  it('report text is shown as text: markup in a title is escaped, never run', async () => {
    const page = await reportsPage(await signIn('sethmlarson'));
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;alert(&quot;embargo&quot;)&lt;/script&gt; in the title');
  });

  it('a page number too large to count is answered as a bad or empty page, not a server error', async () => {
    const cookie = await signIn('sethmlarson');
    const response = await app.request('/reports?page=99999999999999999999', { headers: { cookie } });
    expect(response.status).toBeLessThan(500);
  });
});

describe('requests from elsewhere', () => {
  const post = (
    path: string,
    headers: Record<string, string>,
    body = new URLSearchParams({ login: 'sethmlarson' }),
  ) => app.request(path, { method: 'POST', headers, body });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin (a sandboxed frame)', { origin: 'null' }],
    ['another port of the same host', { origin: 'http://localhost:8081' }],
    ['no Origin, and the browser says cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, and the browser says same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['no Origin, and a Referer on another site', { referer: 'https://evil.example/page' }],
    ['nothing that says where it came from', {}],
  ])('a sign-in posted from %s is refused (403) and signs nobody in', async (_from, headers) => {
    const response = await post('/signin', headers);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('did not come from a psrt page');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('a sign-out posted from another site is refused and leaves the session alone', async () => {
    const cookie = await signIn('gpshead');
    const response = await post('/signout', { origin: 'https://evil.example', cookie });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await app.request('/reports', { headers: { cookie } })).status).toBe(200);
  });

  it.each([
    ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['a Referer on psrt itself', { referer: 'http://localhost/signin' }],
  ])('a form without Origin but with %s is accepted', async (_what, headers) => {
    // Accepted: the sign-in starts, on to GitHub.
    expect((await post('/signin', headers)).status).toBe(302);
  });

  it('behind a proxy, forms are accepted from the public URL only, GitHub sends people back there, and the cookies are Secure', async () => {
    const proxied = createWebApp({
      ctx,
      sandbox: true,
      sessionSecret,
      gitHubSignIn: services.github.signIn,
      publicUrl: 'https://psrt.example.org/',
    });
    const direct = await proxied.request('/signin', {
      method: 'POST',
      headers: fromPsrt,
      body: new URLSearchParams({ login: 'sethmlarson' }),
    });
    expect(direct.status).toBe(403);
    const { authorize, pending } = await startSignIn(proxied, {
      headers: { origin: 'https://psrt.example.org' },
    });
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://psrt.example.org/signin/callback');
    expect(pending).toMatch(/^__Host-psrt_signin=/);
    const back = await pickOnGitHub(authorize, 'sethmlarson');
    expect(back.origin).toBe('https://psrt.example.org');
    const done = await proxied.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    const session =
      done.headers.getSetCookie().find((header) => header.startsWith('__Host-psrt_session=')) ?? '';
    expect(session).toMatch(/; Secure/);
  });

  it('over plain http (no https public URL) the cookies are not marked Secure, or the browser would drop them', async () => {
    const response = await post('/signin', fromPsrt);
    expect(response.headers.get('set-cookie')).toMatch(/^psrt_signin=/);
    expect(response.headers.get('set-cookie')).not.toMatch(/; Secure/);
    const { authorize, pending } = await startSignIn(app);
    const back = await pickOnGitHub(authorize, 'sethmlarson');
    const done = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(done.headers.get('set-cookie')).not.toMatch(/; Secure/);
  });

  it('a body over 64 KiB is refused with 413, whether it declares its length or streams', async () => {
    const form = { ...fromPsrt, 'content-type': 'application/x-www-form-urlencoded' };
    const big = `login=${'a'.repeat(MAX_BODY_BYTES)}`;
    const declared = await app.request('/signin', {
      method: 'POST',
      headers: { ...form, 'content-length': String(big.length) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toBe('Request too large: psrt accepts at most 64 KiB.');
    const chunk = new TextEncoder().encode('a'.repeat(8 * 1024));
    const streamed = await app.request('/signin', {
      method: 'POST',
      headers: form,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // Just under the limit is an ordinary sign-in, on to GitHub.
    const under = await app.request('/signin', {
      method: 'POST',
      headers: form,
      body: big.slice(0, MAX_BODY_BYTES),
    });
    expect(under.status).toBe(302);
  });
});

describe('a failure inside a request', () => {
  it('answers 500 with a plain message, and the log has neither the query nor its parameters', async () => {
    const secret = 'EMBARGOED title of a report';
    const lines: string[] = [];
    const log = createLogger(
      'error',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const failing: AppContext = {
      ...ctx,
      log,
      store: { ...store, ping: async () => void (await store.db.execute(sql`select ${secret}::int`)) },
    };
    const broken = createWebApp({ ctx: failing, sandbox: true, sessionSecret });
    const response = await broken.request('/healthz');
    expect(response.status).toBe(500);
    // The request's id, which its log lines carry, so a person's report of the error finds them.
    const id = response.headers.get('x-request-id');
    expect(await response.text()).toBe(
      `Something went wrong on our side; the error was logged (request ${id}).`,
    );
    const logged = lines.join('');
    expect(logged).toContain('request failed');
    expect(logged).toContain('database error 22P02');
    expect(logged).not.toContain('EMBARGOED');
    expect(logged).not.toContain('select');
  });
});
