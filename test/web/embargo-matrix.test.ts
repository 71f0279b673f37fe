// The embargo, proven as a matrix: every route and API operation the web app
// has (read from the app itself, so a new route cannot escape) × every kind of
// principal × reports in every state. Whoever may not see a report (decided by
// domain/access, the one policy) never gets a byte of it: not its title,
// description, repository, GHSA or CVE id, in any body, header, redirect or
// log line, whatever the status. And a denied read of an embargoed report is
// the same answer, byte for byte, as a read of a report that does not exist.
//
// On PGlite the matrix asks one instance; on PostgreSQL it asks two web apps
// that share one database, turn about, so every session, token and grant made
// through one is used on both, each instance's read cache holds answers the
// other's writes must outdate, and a denied read on one is compared with a
// missing one on the other. Two in-process apps (createWebApp over two stores
// opened on one URL) rather than two spawned servers: all an instance keeps
// of its own is in what createWebApp builds (its read cache, its store's
// connections); a `psrt serve` process adds background loops that decide no
// access, and thousands of requests over HTTP would cost minutes of CI time.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { grantAccess } from '../../src/app/grants.ts';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { openNomination } from '../../src/app/nominations.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  transitionReport,
} from '../../src/app/reports.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { createApiToken, signIn } from '../../src/app/sessions.ts';
import { createLogger } from '../../src/config/logger.ts';
import { canSeeReport } from '../../src/domain/access.ts';
import { disclosureDeadline } from '../../src/domain/clocks.ts';
import type { Principal, Report } from '../../src/domain/report.ts';
import {
  getReport,
  listGrants,
  listThreadMessages,
  listThreads,
  openStore,
  type Store,
  updateReport,
} from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { devguideRoster, sandboxFile } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';

const bot: Principal = { kind: 'system', name: 'bot' };
const DAY = 86_400_000;
let now = new Date('2026-11-02T10:00:00Z');

/** Everything the log received while the matrix ran. */
const logged: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logged.push(String(chunk));
    done();
  },
});

interface Asker {
  name: string;
  login: string | null;
  /** Request headers that make them who they are: a browser session or an API token. */
  ways: { how: 'session' | 'token' | 'none'; headers: Record<string, string>; csrf?: string }[];
}

const MISSING = 'PSRT-2026-9999';

/** Mail to security@ is for admins alone: nobody else gets a byte of it either. */
const mailSecrets = ['Mail secret subject zqm1', 'Mail secret body zqm2', 'secret-attachment-zqm3.txt'];
/** Nominations are not public: nobody but members (and the Steering Council) sees the nominee or why. */
const nominationSecrets = ['Nominee secret name zqn4', 'Nomination secret why zqn5'];
const isAdmin = (principal: Principal) => principal.kind === 'user' && principal.roles.includes('Admin');

/** The strings that must never reach someone who may not see the report. */
function secretsOf(report: Report): string[] {
  return [report.title, report.description, report.repository, report.ghsaId, report.cveId].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
}

const ghsaAlphabet = '23456789cfghjmpqrvwx';
const ghsaDigits = (n: number) =>
  [3, 2, 1, 0]
    .map((i) => ghsaAlphabet[Math.floor(n / ghsaAlphabet.length ** i) % ghsaAlphabet.length])
    .join('');

interface Instance {
  store: Store;
  ctx: AppContext;
  app: ReturnType<typeof createWebApp>;
}

const sessionSecret = 'matrix-secret-0123456789abcdefghij';

forEachEngine(
  'the embargo matrix',
  (engine) => {
    /** The instances asked: one on PGlite; on PostgreSQL two, each with its own store on the one database. */
    const instances: Instance[] = [];
    /** The first instance's, which builds the world. */
    let store: Store;
    let ctx: AppContext;
    const reports: Report[] = [];
    const askers: Asker[] = [];
    /** The ids of the thread and message that mail became, asked of every intake route. */
    const mailIds: string[] = [];
    /** The id of that nomination, asked of every nomination route. */
    const nominationIds: string[] = [];
    let turn = 0;
    /** The instance that answers the next request: each in turn. */
    const nextInstance = (): Instance => {
      const instance = instances[turn++ % instances.length];
      if (!instance) throw new Error('no instances');
      return instance;
    };
    /** The instance that makes the n-th session or token: they are made on each in turn too. */
    const instanceFor = (n: number): Instance => {
      const instance = instances[n % instances.length];
      if (!instance) throw new Error('no instances');
      return instance;
    };

    async function newReport(state: string, n: number): Promise<Report> {
      const seth = await resolvePrincipal(ctx, 'sethmlarson');
      let report = await createReport(ctx, seth, {
        repository: `psf/embargoed-${state}-${n}`,
        title: `Embargoed ${state} title ${n} zq${n}x`,
        description: `The secret description of the ${state} report ${n}: heap overflow in zq${n}y.`,
        // GHSA ids use an alphabet without look-alikes: the report's number, spelled in it.
        ghsaId: `GHSA-${ghsaDigits(n)}-mxpq-${ghsaDigits(n + 7)}`,
        reporter: 'the-reporter',
      });
      report = await editReport(ctx, seth, report.id, { cveId: `CVE-2026-9${String(n).padStart(4, '0')}` });
      if (state === 'triage') return report;
      await assignCoordinator(ctx, seth, report.id, 'sethmlarson');
      if (state === 'rejected') {
        await determineReport(ctx, seth, report.id, 'not-a-vulnerability');
        return transitionReport(ctx, seth, report.id, 'reject', {
          rejection: { reason: 'not-a-vulnerability', detail: null },
        });
      }
      await determineReport(ctx, seth, report.id, 'vulnerability');
      report = await transitionReport(ctx, seth, report.id, 'accept');
      if (state === 'accepted') return report;
      // Published: what the publication flow ends with, stored directly (the flow has its own tests).
      const published: Report = { ...report, state: 'published', finishedAt: now, updatedAt: now };
      await store.transaction((tx) => updateReport(tx, published, disclosureDeadline(published)));
      return (await getReport(store.db, report.id)) ?? published;
    }

    beforeAll(async () => {
      const databaseUrl = engine.databaseUrl();
      const stores = [engine.store(), ...(databaseUrl ? [await openStore({ databaseUrl })] : [])];
      for (const own of stores) {
        const its: AppContext = {
          store: own,
          now: () => new Date(now.getTime()),
          log: createLogger('info', logStream),
        };
        instances.push({
          store: own,
          ctx: its,
          app: createWebApp({ ctx: its, sandbox: true, sessionSecret }),
        });
      }
      const builder = instances[0];
      if (!builder) throw new Error('no instances');
      ({ store, ctx } = builder);
      await importRoster(ctx, bot, devguideRoster());
      let n = 1;
      for (const state of ['triage', 'accepted', 'rejected', 'published', 'triage', 'accepted'])
        reports.push(await newReport(state, n++));
      const seth = await resolvePrincipal(ctx, 'sethmlarson');
      const nominated = await openNomination(ctx, seth, {
        login: 'secret-nominee',
        name: nominationSecrets[0] ?? '',
        why: nominationSecrets[1] ?? '',
      });
      nominationIds.push(String(nominated.id));
      const [first, second] = reports;
      if (!first || !second) throw new Error('no reports');
      await grantAccess(ctx, seth, first.id, { login: 'live-collaborator', reason: 'fix author' });
      await grantAccess(ctx, seth, first.id, {
        login: 'lapsed-collaborator',
        reason: 'expert',
        expiresAt: new Date(now.getTime() + DAY),
      });
      await grantAccess(ctx, seth, second.id, {
        login: 'lapsed-collaborator',
        reason: 'expert',
        expiresAt: new Date(now.getTime() + 2 * DAY),
      });
      now = new Date(now.getTime() + 3 * DAY); // both of lapsed-collaborator's grants have ended
      await receiveMail(ctx, {
        source: 'smtp',
        raw: Buffer.from(
          [
            'From: Finder <finder@example.org>',
            'To: security@python.org',
            `Subject: ${mailSecrets[0]}`,
            'Message-ID: <matrix-secret@example.org>',
            'MIME-Version: 1.0',
            'Content-Type: multipart/mixed; boundary="b"',
            '',
            '--b',
            'Content-Type: text/plain; charset=utf-8',
            '',
            mailSecrets[1],
            '--b',
            `Content-Type: text/plain; name="${mailSecrets[2]}"`,
            `Content-Disposition: attachment; filename="${mailSecrets[2]}"`,
            '',
            mailSecrets[1],
            '--b--',
            '',
          ].join('\r\n'),
        ),
      });
      await readPendingMail(ctx, { teamKey: null, acknowledgeDays: null, ownAddresses: [] });
      const [thread] = (await listThreads(store.db, { status: 'all', limit: 1, offset: 0 })).threads;
      if (!thread) throw new Error('the secret mail became no thread');
      const [message] = await listThreadMessages(store.db, [thread.id]);
      mailIds.push(String(thread.id), String(message?.id ?? 0), '0');
      for (const [n, [name, login]] of (
        [
          ['anonymous', null],
          ['outsider', 'curious-visitor'],
          ['reporter', 'the-reporter'],
          ['collaborator with a live grant', 'live-collaborator'],
          ['collaborator with an expired grant', 'lapsed-collaborator'],
          ['member', 'gpshead'],
          ['admin', 'sethmlarson'],
        ] as const
      ).entries()) {
        if (login === null) {
          askers.push({ name, login, ways: [{ how: 'none', headers: {} }] });
          continue;
        }
        // The session made on one instance, the token on the other.
        const { token, session } = await signIn(instanceFor(n).ctx, login);
        const principal = await resolvePrincipal(ctx, login);
        const api = await createApiToken(instanceFor(n + 1).ctx, principal, {
          name: 'matrix',
          scope: principal.kind === 'user' && principal.roles.includes('Admin') ? 'admin' : 'act',
        });
        askers.push({
          name,
          login,
          ways: [
            {
              how: 'session',
              headers: { cookie: `psrt_session=${token}`, origin: 'http://localhost' },
              csrf: session.csrf,
            },
            { how: 'token', headers: { authorization: `Bearer ${api.secret}` } },
          ],
        });
      }
    });

    afterAll(async () => {
      // The first store is the suite's own (support/engines closes it).
      for (const { store: own } of instances.slice(1)) await own.close();
    });

    /**
     * The app's own routes (every method and path it answers, middleware left out),
     * each path also asked with methods it does not take (the 404/405 answers), and
     * paths under a report that do not exist.
     */
    function appRoutes(): MatrixRoute[] {
      const own = (instances[0]?.app.routes ?? []).filter((r) => r.method !== 'ALL' && !r.path.includes('*'));
      const paths = [...new Set(own.map((r) => r.path))];
      const unknown = [
        '/reports/:id/no-such-page',
        '/api/v1/reports/:id/no-such-operation',
        '/no-such-page/:id',
      ];
      return ownAndOthers(own, [...paths, ...unknown]);
    }

    interface MatrixRoute {
      method: string;
      path: string;
      /** A route the app has (asked with every id), or a method/path it does not take (asked with a few). */
      own: boolean;
    }

    function ownAndOthers(own: { method: string; path: string }[], paths: string[]): MatrixRoute[] {
      const seen = new Set<string>();
      return [
        ...own.map((r) => ({ method: r.method, path: r.path, own: true })),
        ...paths.flatMap((path) =>
          ['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({ method, path, own: false })),
        ),
      ].filter((r) => {
        const key = `${r.method} ${r.path}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }

    const paramPattern = /:([A-Za-z_]+)(\{[^}]*\})?/g;

    /** The path with every parameter set to `value`; format suffixes (`.json`, `.svg`) kept. */
    const fill = (path: string, value: string) => path.replace(paramPattern, encodeURIComponent(value));

    /** Asks the next instance in turn (or the one given). */
    async function ask(asker: Asker['ways'][number], method: string, path: string, on = nextInstance()) {
      const headers: Record<string, string> = { ...asker.headers };
      let body: string | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        if (path.startsWith('/api/')) {
          headers['content-type'] = 'application/json';
          body = '{}';
        } else {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = new URLSearchParams(asker.csrf ? { _csrf: asker.csrf } : {}).toString();
        }
        if (asker.csrf) headers['x-csrf-token'] = asker.csrf;
      }
      const response = await on.app.request(path, { method, headers, body });
      const text = await response.text();
      const head = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
      return { status: response.status, text, head };
    }

    describe('every route × principal × report state', () => {
      it('covers the routes the app has, reports in every state, and every kind of principal', () => {
        const routes = appRoutes();
        expect(routes.length).toBeGreaterThan(5);
        expect(routes.some((r) => r.path.startsWith('/api/v1/reports'))).toBe(true);
        // Reads of one report, each asked with every hidden report's id: the page, the API's, its timeline.
        const reads = routes.filter((r) => r.own && r.method === 'GET').map((r) => r.path);
        expect(reads).toEqual(
          expect.arrayContaining(['/reports/:id', '/api/v1/reports/:id', '/api/v1/reports/:id/timeline']),
        );
        // The roster sync's page and operations are asked too (admins only; they carry no report).
        expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
          expect.arrayContaining([
            'GET /members/sync',
            'POST /members/sync/github',
            'POST /members/sync/contacts',
            'POST /members/sync/mailing-list',
            'POST /members/sync/discord',
            'GET /api/v1/roster/drift',
            'GET /api/v1/roster/drift/last-check',
            'POST /api/v1/roster/sync/github',
            'POST /api/v1/roster/sync/:venue/plan',
            'POST /api/v1/roster/sync/:venue/applied',
            'GET /api/v1/roster/contacts',
            'PUT /api/v1/roster/contacts/:login',
          ]),
        );
        expect(new Set(reports.map((r) => r.state))).toEqual(
          new Set(['triage', 'accepted', 'rejected', 'published']),
        );
        expect(askers.map((a) => a.name)).toHaveLength(7);
        expect(instances).toHaveLength(engine.engine === 'postgres' ? 2 : 1);
      });

      it('gives nobody a byte of a report they may not see, through any route, method or id', {
        timeout: 300_000,
      }, async () => {
        const routes = appRoutes();
        const leaks: string[] = [];
        for (const asker of askers) {
          const principal: Principal = asker.login
            ? await resolvePrincipal(ctx, asker.login)
            : { kind: 'anonymous' };
          const hidden: Report[] = [];
          for (const report of reports)
            if (!canSeeReport(principal, report, await listGrants(store.db, report.id), ctx.now()))
              hidden.push(report);
          const member = principal.kind === 'user' && principal.member;
          const secrets = [
            ...hidden.flatMap(secretsOf),
            ...(isAdmin(principal) ? [] : mailSecrets),
            ...(member ? [] : nominationSecrets),
          ];
          if (asker.name === 'member' || asker.name === 'admin') expect(hidden).toEqual([]);
          else expect(hidden.length).toBeGreaterThan(0);
          for (const way of asker.ways) {
            for (const route of routes) {
              const hasParams = paramPattern.test(route.path);
              paramPattern.lastIndex = 0;
              // Every hidden report's id, GHSA and CVE id on the app's own reads; its id on the rest.
              const idsOf = (r: Report) =>
                route.own && route.method === 'GET' ? [r.id, r.ghsaId ?? '', r.cveId ?? ''] : [r.id];
              const values = hasParams
                ? [
                    MISSING,
                    ...(route.own ? hidden : hidden.slice(0, 1)).flatMap(idsOf),
                    // The secret mail's thread and message on the intake routes.
                    ...(route.own && route.path.includes('intake') ? mailIds : []),
                    // The secret nomination on the nomination routes.
                    ...(route.path.includes('nominations') ? nominationIds : []),
                  ]
                : [''];
              for (const value of values.filter((v) => v !== '' || !hasParams)) {
                const path = hasParams ? fill(route.path, value) : route.path;
                logged.length = 0;
                const answer = await ask(way, route.method, path);
                const seen = `${answer.head}\n${answer.text}\n${logged.join('')}`;
                // The id the asker typed may come back to them (as it does for an id that does not
                // exist: the sameness test below holds the two answers equal); nothing else may.
                for (const secret of secrets.filter((secret) => secret !== value))
                  if (seen.includes(secret))
                    leaks.push(
                      `${asker.name} (${way.how}) ${route.method} ${path} → ${answer.status} shows "${secret}"`,
                    );
                // Not even an admin's requests put mail text in the log.
                for (const secret of mailSecrets)
                  if (logged.join('').includes(secret))
                    leaks.push(`${asker.name} (${way.how}) ${route.method} ${path} logs "${secret}"`);
              }
            }
          }
        }
        expect(leaks).toEqual([]);
      });

      it('answers a denied read of an embargoed report exactly as a read of one that does not exist', {
        timeout: 120_000,
      }, async () => {
        const differences: string[] = [];
        const reads = appRoutes().filter((r) => r.own && r.method === 'GET' && /:[A-Za-z]/.test(r.path));
        expect(reads.length).toBeGreaterThan(0);
        for (const asker of askers.filter((a) => !['member', 'admin'].includes(a.name))) {
          const principal: Principal = asker.login
            ? await resolvePrincipal(ctx, asker.login)
            : { kind: 'anonymous' };
          for (const report of reports) {
            if (canSeeReport(principal, report, await listGrants(store.db, report.id), ctx.now())) continue;
            for (const way of asker.ways) {
              for (const route of reads) {
                // On two instances, turn about: the denied read on one, the missing one on the other.
                const denied = await ask(way, 'GET', fill(route.path, report.id));
                const missing = await ask(way, 'GET', fill(route.path, MISSING));
                const same =
                  denied.status === missing.status &&
                  denied.text.split(report.id).join('X') === missing.text.split(MISSING).join('X') &&
                  stripVolatile(denied.head).split(report.id).join('X') ===
                    stripVolatile(missing.head).split(MISSING).join('X');
                if (!same)
                  differences.push(
                    `${asker.name} (${way.how}) ${route.path} with ${report.state} ${report.id}: ${denied.status} vs ${missing.status}`,
                  );
              }
            }
          }
        }
        expect(differences).toEqual([]);
      });
    });

    describe('the embargo when psrt itself fails', () => {
      it('a 500 answer and its log line carry nothing of the report, even when the error quotes it', async () => {
        const [report] = reports;
        if (!report) throw new Error('no report');
        // A database error that quotes the rejected value, as PostgreSQL's data exceptions do.
        const failing = Object.assign(new Error(`invalid input syntax for type uuid: "${report.title}"`), {
          code: '22P02',
          severity: 'ERROR',
          detail: `Key (repository, ghsa_id)=(${report.repository}, ${report.ghsaId}) is not present.`,
        });
        // Every query chain ends in that error, whatever is built on it.
        const failingQuery: unknown = new Proxy(() => {}, {
          get: (_target, key) =>
            key === 'then'
              ? (_ok: unknown, fail: (error: unknown) => void) => fail(failing)
              : () => failingQuery,
          apply: () => failingQuery,
        });
        const broken: Store = new Proxy(store, {
          get: (target, key) =>
            key === 'db'
              ? failingQuery
              : key === 'transaction'
                ? () => Promise.reject(failing)
                : Reflect.get(target, key),
        });
        const brokenApp = createWebApp({ ctx: { ...ctx, store: broken }, sandbox: true, sessionSecret });
        for (const path of [
          `/reports/${report.id}`,
          `/api/v1/reports/${report.id}`,
          '/reports',
          '/api/v1/reports',
        ]) {
          logged.length = 0;
          const response = await brokenApp.request(path, { headers: { cookie: 'psrt_session=whatever' } });
          expect(response.status).toBe(500);
          const seen = `${[...response.headers.entries()].join('\n')}\n${await response.text()}\n${logged.join('')}`;
          expect(logged.length).toBeGreaterThan(0);
          for (const secret of secretsOf(report)) expect(seen).not.toContain(secret);
        }
      });
    });

    // What each instance keeps of its own (its read cache above all) must not outlive a change made
    // through the other: the session, token, grant or membership that opened a report closes on both.
    if (engine.engine === 'postgres')
      describe('a change made through one instance holds on the other at once', () => {
        const both = () => {
          const [a, b] = instances;
          if (!a || !b) throw new Error('two instances are opened in beforeAll');
          return { a, b };
        };
        const hiddenReport = () => {
          const [report] = reports;
          if (!report) throw new Error('no reports');
          return report;
        };
        const adminToken = () => askers.find((x) => x.name === 'admin')?.ways[1]?.headers ?? {};
        async function sessionOn(instance: Instance, login: string) {
          const { token, session } = await signIn(instance.ctx, login);
          return {
            cookie: `psrt_session=${token}`,
            origin: 'http://localhost',
            'x-csrf-token': session.csrf,
          };
        }
        async function send(
          instance: Instance,
          method: string,
          path: string,
          headers: Record<string, string>,
          json?: unknown,
        ) {
          const response = await instance.app.request(path, {
            method,
            headers: json === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            body: json === undefined ? undefined : JSON.stringify(json),
          });
          return { status: response.status, text: await response.text() };
        }

        it('a session signed out on one instance opens nothing on the other', async () => {
          const { a, b } = both();
          const report = hiddenReport();
          const member = await sessionOn(a, 'picnixz');
          const before = await send(b, 'GET', `/reports/${report.id}`, member);
          expect(before.status).toBe(200);
          expect(before.text).toContain(report.title);
          expect((await send(a, 'POST', '/signout', member)).status).toBe(303);
          const after = await send(b, 'GET', `/reports/${report.id}`, member);
          expect(after.status).toBe(303);
          for (const secret of secretsOf(report)) expect(after.text).not.toContain(secret);
        });

        it('an API token revoked on one instance is refused on the other', async () => {
          const { a, b } = both();
          const report = hiddenReport();
          const principal = await resolvePrincipal(ctx, 'benjaminp');
          const { secret, token } = await createApiToken(b.ctx, principal, { name: 'two', scope: 'act' });
          const bearer = { authorization: `Bearer ${secret}` };
          expect((await send(b, 'GET', `/api/v1/reports/${report.id}`, bearer)).status).toBe(200);
          const owner = await sessionOn(a, 'benjaminp');
          expect((await send(a, 'DELETE', `/api/v1/tokens/${token.id}`, owner)).status).toBe(200);
          const after = await send(b, 'GET', `/api/v1/reports/${report.id}`, bearer);
          expect(after.status).toBe(401);
          for (const secret of secretsOf(report)) expect(after.text).not.toContain(secret);
        });

        it('a grant revoked on one instance leaves the collaborator, on the other, what a report that does not exist shows', async () => {
          const { a, b } = both();
          const report = hiddenReport();
          const grants = `/api/v1/reports/${report.id}/grants`;
          const granted = await send(a, 'POST', grants, adminToken(), {
            login: 'fresh-collaborator',
            reason: 'fix author',
          });
          expect(granted.status).toBe(201);
          const collaborator = await sessionOn(b, 'fresh-collaborator');
          const before = await send(b, 'GET', `/api/v1/reports/${report.id}`, collaborator);
          expect(before.status).toBe(200);
          expect(before.text).toContain(report.title);
          expect((await send(a, 'DELETE', `${grants}/fresh-collaborator`, adminToken())).status).toBe(200);
          const after = await send(b, 'GET', `/api/v1/reports/${report.id}`, collaborator);
          const missing = await send(a, 'GET', `/api/v1/reports/${MISSING}`, collaborator);
          expect(after.status).toBe(404);
          expect(after.text.split(report.id).join('X')).toBe(missing.text.split(MISSING).join('X'));
        });

        it('a member taken off the roster on one instance reads nothing embargoed on the other, though it answered the same read from its cache a moment before', async () => {
          const { a, b } = both();
          const report = hiddenReport();
          const member = await sessionOn(b, 'AA-Turner');
          // The clock stands still: the second read is the first's answer, kept in b's read cache.
          for (const _ of [1, 2]) {
            const read = await send(b, 'GET', `/reports/${report.id}`, member);
            expect(read.status).toBe(200);
            expect(read.text).toContain(report.title);
          }
          const members = sandboxFile('psrt.csv')
            .split('\n')
            .filter((line) => !line.includes(',AA-Turner,'))
            .join('\n');
          const imported = await send(a, 'POST', '/api/v1/roster/import', adminToken(), {
            members: { text: members, source: 'psrt.csv' },
          });
          expect(imported.status).toBe(200);
          const after = await send(b, 'GET', `/reports/${report.id}`, member);
          expect(after.status).toBe(404);
          for (const secret of secretsOf(report)) expect(after.text).not.toContain(secret);
        });
      });
  },
  { shared: true },
);

/** Headers that differ between any two answers (a body's ETag differs with the id in it; each request has its own id). */
function stripVolatile(head: string): string {
  return (
    head
      .split('\n')
      // A request's own id (web/request-log) differs between any two requests, and says nothing of a report.
      .filter((line) => !/^(etag|date|set-cookie|x-request-id):/i.test(line))
      .join('\n')
  );
}
