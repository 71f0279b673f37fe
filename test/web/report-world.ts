// The world of the report page tests: psrt's web app over an embedded store with the devguide
// roster, on a clock the test moves, and people to sign in as (members, a reporter and an
// expert who get grants, an outsider). Requests go through `app.request()`, as a browser's would.
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { botPrincipal } from '../../src/app/context.ts';
import type { ForwardDestination } from '../../src/app/intake-triage.ts';
import { assignCoordinator, createReport, determineReport, type NewReport } from '../../src/app/reports.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { Principal, Report } from '../../src/domain/report.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { noServices } from '../../src/web/api/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { devguideRoster, TestClock } from '../app/support.ts';
import { type SignedIn, signIn, testGitHubSignIn } from '../support/sign-in.ts';

/** A title only an embargoed report carries: the page of someone without access must never show it. */
export const embargoedTitle = 'EMBARGOED zipfile: heap overflow on a crafted archive';

const ghsaAlphabet = '23456789cfghjmpqrvwx';
let ghsaCount = 0;
/** A GHSA id of its own for each report of the file. */
function nextGhsaId(): string {
  ghsaCount += 1;
  const digits = [...ghsaCount.toString(20).padStart(4, '0')].map(
    (d) => ghsaAlphabet[Number.parseInt(d, 20)],
  );
  return `GHSA-${digits.join('')}-q9h4-mfxw`;
}

/** `forwardTo`: where admins may forward security@ threads (config `intake.forwardTo`). */
export function reportWorld(options: { forwardTo?: ForwardDestination[] } = {}) {
  const clock = new TestClock(new Date('2026-03-10T09:00:00.000Z'));
  let store: Store;
  let ctx: AppContext;
  let app: ReturnType<typeof createWebApp>;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    store = await openStore({ memory: true });
    await store.migrate();
    ctx = { store, now: clock.now, log: createLogger('silent') };
    await importRoster(ctx, botPrincipal, devguideRoster());
    app = createWebApp({
      ctx,
      sandbox: true,
      sessionSecret: 'test-session-secret-0123456789abcdef',
      // Anyone signs in with GitHub; people not on the roster get grants as each test decides.
      gitHubSignIn: testGitHubSignIn(),
      cnaOperators: ['sethmlarson'],
      services: options.forwardTo ? { ...noServices, forwardTo: options.forwardTo } : undefined,
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  const world = {
    clock,
    app: () => app,
    ctx: () => ctx,
    as: (login: string): Promise<Principal> => resolvePrincipal(ctx, login),
    /** A signed-in session of `login` (one per login, made again with `fresh`). */
    async session(login: string, fresh = false): Promise<SignedIn> {
      const known = sessions.get(login);
      if (known && !fresh) return known;
      const made = await signIn(app, login);
      sessions.set(login, made);
      return made;
    },
    /** A new triage report filed by sethmlarson, by default with a GHSA and a recognisable title. */
    async newReport(input: Partial<NewReport> = {}): Promise<Report> {
      return createReport(ctx, await world.as('sethmlarson'), {
        repository: 'python/cpython',
        title: embargoedTitle,
        description: 'A crafted ZIP64 archive <b>overflows</b> a buffer.\nSecond line.',
        ghsaId: nextGhsaId(),
        reporter: 'mira-finds-bugs',
        ...input,
      });
    },
    /** A triage report sethmlarson coordinates and determined a vulnerability: ready to accept. */
    async triaged(input: Partial<NewReport> = {}): Promise<Report> {
      const report = await world.newReport(input);
      const seth = await world.as('sethmlarson');
      await assignCoordinator(ctx, seth, report.id, 'sethmlarson');
      return determineReport(ctx, seth, report.id, 'vulnerability');
    },
    /** The report page (or any GET) as `login` sees it. */
    async get(
      login: string | null,
      path: string,
    ): Promise<{ status: number; html: string; response: Response }> {
      const headers = login ? { cookie: (await world.session(login)).cookie } : undefined;
      const response = await app.request(path, { headers });
      return { status: response.status, html: await response.text(), response };
    },
    /** Posts a report page form as `login` would from psrt's own page. */
    async post(login: string, reportId: string, action: string, fields: Record<string, string> = {}) {
      const { headers } = await world.session(login);
      return app.request(`/reports/${reportId}/${action}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(fields),
      });
    },
    /** Follows an action's redirect as the browser would (its flash cookie too). */
    async follow(login: string, response: Response): Promise<{ status: number; html: string }> {
      const location = response.headers.get('location');
      if (response.status !== 303 || !location) throw new Error(`expected a 303, got ${response.status}`);
      const flash = response.headers.get('set-cookie')?.split(';')[0];
      const cookie = [(await world.session(login)).cookie, flash].filter(Boolean).join('; ');
      const page = await app.request(location, { headers: { cookie } });
      return { status: page.status, html: await page.text() };
    },
  };
  return world;
}

/** The HTML of one section of the report page (`<section … id="ID"` up to its end). */
export function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

/** Visible text: tags dropped, entities of the escaped characters read back. */
export const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
