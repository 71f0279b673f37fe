import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/app/audit.ts';
import type { AppContext } from '../../src/app/context.ts';
import { listIntake, showThread } from '../../src/app/intake-queue.ts';
import { listOpenReports, showReport } from '../../src/app/reports.ts';
import { exportRoster, importRoster } from '../../src/app/roster.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import { CnaClient } from '../../src/cna/index.ts';
import { craClocks } from '../../src/domain/cra.ts';
import { emptyCra, ghsaStateOf, isCommitRange, type Report, reportStates } from '../../src/domain/report.ts';
import { osvFileText } from '../../src/records/osv.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import {
  demoVisitors,
  type SandboxServices,
  seedSandbox,
  startSandboxServices,
} from '../../src/sandbox/index.ts';
import { demoMail } from '../../src/sandbox/intake-mail.ts';
import { durationMs, replay, schedule } from '../../src/sandbox/replay.ts';
import { stories } from '../../src/sandbox/stories.ts';
import { listAudit, listRecordVersions, listReports, openStore } from '../../src/store/index.ts';
import { at, bot, devguideRoster, failsWith, sandboxFile, testApp } from '../app/support.ts';
import { type EngineContext, forEachEngine } from '../support/engines.ts';
import { asPsrtServe, sandboxCheckout } from './runner.ts';

const roster = parseRosterCsv(sandboxFile('psrt.csv'), 'member');

/** The engine's store seen through psrt's use-cases on a test clock, and simulators started on it. */
function sandboxWorld(engine: EngineContext) {
  const app = testApp(engine, at('2026-06-15T12:00:00.000Z'));
  const ctx = () => app.ctx();
  const started: SandboxServices[] = [];
  /** A fresh set of simulators, as a (re)started psrt has; closed by `closeServices`. */
  const startServices = async () => {
    const fresh = await startSandboxServices(roster, { now: app.clock.now });
    started.push(fresh);
    return fresh;
  };
  const closeServices = async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  };
  const allReports = async () =>
    (await listReports(app.store().db, { kind: 'all' }, { now: app.clock.now(), limit: 500 })).reports;
  const countByState = async () => {
    const { reports, total } = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 500 },
    );
    const counts = Object.fromEntries(reportStates.map((state) => [state, 0]));
    for (const report of reports) counts[report.state] = (counts[report.state] ?? 0) + 1;
    return { counts, total };
  };
  const ghsaOf = (on: SandboxServices, report: Report) => {
    const [owner = '', repo = ''] = report.repository.split('/');
    return on.simulators.github.advisory({ owner, repo, ghsaId: report.ghsaId ?? '' });
  };
  return { app, ctx, startServices, closeServices, allReports, countByState, ghsaOf };
}

// Seeding takes seconds: these tests read one seeding per engine, in order; the last two seed
// again and restart the simulators, which changes nothing they look at.
forEachEngine(
  'sandbox seeding',
  (engine) => {
    const { app, ctx, startServices, closeServices, allReports, countByState, ghsaOf } = sandboxWorld(engine);
    let services: SandboxServices;
    let seeded: Awaited<ReturnType<typeof seedSandbox>>;
    /** When the seeding performed due effects: after each step, at its time. */
    const performedAt: Date[] = [];
    /** The sandbox's advisory database: a repository of its own, as `psrt serve` keeps one. */
    let checkout: Awaited<ReturnType<typeof sandboxCheckout>>;
    beforeAll(async () => {
      services = await startServices();
      checkout = await sandboxCheckout();
      const asServe = asPsrtServe(ctx(), services, checkout.database);
      seeded = await seedSandbox(ctx(), services, {
        ...asServe,
        performEffects: async (at) => {
          performedAt.push(at.now());
          return (await asServe.performEffects?.(at)) ?? 0;
        },
      });
    });
    afterAll(async () => {
      await closeServices();
      checkout.remove();
    });

    it('an empty store gets the devguide roster and demo reports in every state, with a history that verifies', async () => {
      const memberCount = sandboxFile('psrt.csv').split('\n').filter(Boolean).length;
      expect(seeded).toEqual({ members: memberCount, reports: expect.any(Number) });

      // The devguide's list, and at its end the one who joined through the demo nomination that
      // passed last month (on the GitHub team first, then listed).
      expect(await exportRoster(ctx(), 'member')).toBe(`${sandboxFile('psrt.csv')}Jason R. Coombs,jaraco,\n`);
      expect(await exportRoster(ctx(), 'emeritus')).toBe(sandboxFile('psrt-emeritus.csv'));

      const { counts, total } = await countByState();
      expect(total).toBe(seeded?.reports);
      for (const state of reportStates) expect(counts[state], `reports in ${state}`).toBeGreaterThan(0);

      const verdict = await verifyAudit(ctx(), await app.as('sethmlarson'));
      expect(verdict).toMatchObject({ ok: true });
      expect(verdict.count).toBeGreaterThan(total);
      // History is replayed at the times it happened, never later than "now".
      const events = await listAudit(app.store().db, 'roster');
      expect(events[0]?.at.getTime()).toBeLessThan(app.clock.now().getTime());
    });

    it('every demo report is a GHSA in the GitHub simulator, opened when it was filed and in the state its report is in, except the one still only in security@ mail', async () => {
      const reports = await allReports();
      const onlyMailed = reports.filter((report) => report.ghsaId === null);
      expect(onlyMailed).toHaveLength(1);
      expect(onlyMailed[0]?.receivedAt.getTime()).toBeLessThan(onlyMailed[0]?.createdAt.getTime() ?? 0);

      const onGitHub = reports.filter((report) => report.ghsaId !== null);
      expect(services.simulators.github.advisories()).toHaveLength(onGitHub.length);
      for (const report of onGitHub) {
        const ghsa = ghsaOf(services, report);
        expect(ghsa.state, report.id).toBe(ghsaStateOf[report.state]);
        expect(ghsa.summary).toBe(report.title);
        // GitHub's times are the story's, not the time of seeding.
        expect(new Date(ghsa.created_at).getTime(), report.id).toBe(report.createdAt.getTime());
        if (report.finishedAt)
          expect(new Date(ghsa.closed_at ?? '').getTime()).toBe(report.finishedAt.getTime());
      }
      // Reporters report privately on GitHub (they are credited as finders); members open drafts.
      const reported = onGitHub.filter((report) => report.reporter);
      expect(reported.length).toBeGreaterThan(0);
      for (const report of reported) expect(ghsaOf(services, report).author?.login).toBe(report.reporter);
    });

    it('one demo report is actively exploited: its evidence recorded and its CRA early warning due within 12 hours', async () => {
      const exploited = (await allReports()).filter(
        (report) => report.cra.exploitation?.status === 'exploited',
      );
      expect(exploited).toHaveLength(1);
      const [clock] = craClocks(exploited[0]?.cra ?? emptyCra(), app.clock.now());
      expect(clock).toMatchObject({ stage: 'early-warning', status: 'pending' });
      expect(clock?.msLeft).toBeLessThanOrEqual(12 * 3_600_000);
    });

    it('no story types in a CVE ID: published reports carry the one the CNA reserved', async () => {
      expect(JSON.stringify(stories)).not.toMatch(/CVE-\d{4}-\d+/);
      const published = (await allReports()).filter((report) => report.state === 'published');
      expect(published.length).toBeGreaterThan(0);
      const cna = new CnaClient({ ...services.cve, baseUrl: services.cve.apiUrl });
      for (const report of published) {
        expect(report.cveId, report.id).toMatch(/^CVE-\d{4}-\d{4,}$/);
        const id = await cna.getCveId(report.cveId ?? '');
        expect(id.owning_cna).toBe('PSF');
      }
    });

    it('CPython reports name what is affected as the PSF does: commit ranges on python/cpython, not a package', async () => {
      const described = (await allReports()).filter(
        (report) => report.repository === 'python/cpython' && report.affected.length > 0,
      );
      expect(described.length).toBeGreaterThan(0);
      for (const report of described) {
        for (const affected of report.affected) {
          expect(isCommitRange(affected)).toBe(true);
          expect(affected).toMatchObject({ ecosystem: 'GIT', repo: 'https://github.com/python/cpython' });
        }
      }
    });

    it('the published stories reached the announce list, the advisory database and CVE Services', async () => {
      const published = (await allReports()).filter((report) => report.state === 'published');
      const shutil = published.find((report) => report.repository === 'python/cpython');
      const wheel = published.find((report) => report.repository === 'pypa/pip');
      expect(shutil?.publication.psfId).toBe('PSF-2026-1');
      // pip's advisories are PyPA's: no PSF advisory database file, no PSF id.
      expect(wheel?.publication.psfId).toBeNull();

      const announced = services.outgoingMail
        .messages()
        .filter((mail) => mail.to.includes('security-announce@python.org'));
      expect(announced.map((mail) => mail.subject).sort()).toEqual(
        [`[${shutil?.cveId}] ${shutil?.title}`, `[${wheel?.cveId}] ${wheel?.title}`].sort(),
      );

      const osv = (await listRecordVersions(app.store().db, shutil?.id ?? '')).find(
        (r) => r.format === 'osv',
      );
      const file = readFileSync(join(checkout.dir, 'advisories/python/PSF-2026-1.json'), 'utf8');
      expect(file).toBe(osvFileText(osv?.content as never));
      const log = execFileSync('git', ['-C', checkout.dir, 'log', '--format=%s'], { encoding: 'utf8' });
      expect(log.trim().split('\n')).toEqual([`PSF-2026-1: ${shutil?.title}`]);

      const clients = serviceClients(
        { github: null, cna: services.cve, smtp: null },
        { log: ctx().log, now: app.clock.now },
      );
      expect((await clients.cna?.getRecord(shutil?.cveId ?? ''))?.cveMetadata.state).toBe('PUBLISHED');
      // pip's CVE record waits for a CNA operator: nobody approved it in its story.
      expect((await clients.cna?.getCveId(wheel?.cveId ?? ''))?.state).toBe('RESERVED');
    });

    it('each step runs at its time, oldest first, and its effects are performed then, with the clock at that time', async () => {
      const moments = schedule(stories, app.clock.now());
      expect(moments.filter((moment) => moment.step === null)).toHaveLength(stories.length);
      // After every step, at its time (a filing's effects too, once the bot has opened its report),
      // and once more at the end for the demo mail's acknowledgements.
      const times = performedAt.map((now) => now.getTime());
      expect(new Set(times)).toEqual(
        new Set([...moments.map((moment) => moment.at.getTime()), app.clock.now().getTime()]),
      );
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(app.clock.now().getTime());
    });

    it('the demo mail to security@ waits in the admins’ triage queue, read into threads as it arrived, the HTML-only one as text', async () => {
      const admin = await app.as('sethmlarson');
      const queue = await listIntake(ctx(), admin, { status: 'queue', limit: 50, offset: 0 });
      expect(queue.unread).toBe(0);
      expect(queue.threads.map((thread) => thread.subject)).toEqual(
        [...demoMail]
          .filter((mail) => !mail.inReplyTo)
          .sort((a, b) => durationMs(b.receivedAgo, '') - durationMs(a.receivedAgo, ''))
          .map((mail) => mail.subject),
      );
      const received = queue.threads.map((thread) => thread.receivedAt.getTime());
      expect(Math.max(...received)).toBeLessThan(app.clock.now().getTime());
      // The reporter's follow-up joined the thread of the report it answers.
      const withReply = queue.threads.filter((thread) => thread.messageCount === 2);
      expect(withReply).toHaveLength(1);
      const htmlOnly = queue.threads.find((thread) => thread.subject.startsWith('URGENT'));
      const view = await showThread(ctx(), admin, htmlOnly?.id ?? 0);
      expect(view.messages[0]?.html).toContain('<script>');
      expect(view.messages[0]?.text).toContain('Your python.org password expires today.');
      expect(view.messages[0]?.text).not.toContain('<script>');
    });

    it('the demo people see what the embargo lets them see', async () => {
      const [reporter, expert, visitor] = await Promise.all(demoVisitors.map((v) => app.as(v.login)));
      if (!reporter || !expert || !visitor) throw new Error('the sandbox names three demo visitors');
      const open = async (who: typeof reporter) =>
        (await listOpenReports(ctx(), who)).reports.map((r) => r.report.title.split(':')[0]);
      expect(await open(reporter)).toEqual(['tarfile']);
      expect(await open(expert)).toEqual(['zipfile']);
      expect(await open(visitor)).toEqual([]);

      // Members see every open report, the overdue ones first.
      const all = await listOpenReports(ctx(), await app.as('gpshead'));
      const { counts } = await countByState();
      expect(all.total).toBe((counts.triage ?? 0) + (counts.accepted ?? 0));
      expect(all.reports[0]?.clocks.disclosure.overdue).toBe(true);
      const firstId = all.reports[0]?.report.id ?? '';
      await failsWith('not-found', showReport(ctx(), visitor, firstId));
    });
    it('seeding again does nothing', async () => {
      const before = { ...(await countByState()), audit: await verifyAudit(ctx(), bot) };
      app.clock.advanceDays(1);
      expect(await seedSandbox(ctx(), services, asPsrtServe(ctx(), services))).toBeNull();
      expect({ ...(await countByState()), audit: await verifyAudit(ctx(), bot) }).toEqual(before);
    });

    it('after a restart the fresh GitHub simulator gets the stored GHSAs back, under the same ids and in the same states', async () => {
      await services.close();
      const restarted = await startServices();
      expect(await seedSandbox(ctx(), restarted, asPsrtServe(ctx(), restarted))).toBeNull();
      const onGitHub = (await allReports()).filter((report) => report.ghsaId !== null);
      expect(
        restarted.simulators.github
          .advisories()
          .map((a) => a.ghsa_id)
          .sort(),
      ).toEqual(onGitHub.map((report) => report.ghsaId).sort());
      for (const report of onGitHub) expect(ghsaOf(restarted, report).state).toBe(ghsaStateOf[report.state]);
    });
  },
  { shared: true },
);

forEachEngine('sandbox seeding, each test on an empty store', (engine) => {
  const { app, ctx, startServices, closeServices, countByState } = sandboxWorld(engine);
  let services: SandboxServices;
  beforeEach(async () => {
    services = await startServices();
  });
  afterEach(closeServices);

  it('a step that cannot run names its story and step', async () => {
    await importRoster(ctx(), bot, devguideRoster());
    const story = {
      key: 'nobody-accepts',
      filedAgo: '2d',
      via: 'email' as const,
      by: 'sethmlarson',
      receivedBefore: '1d',
      repository: 'python/cpython',
      title: 'A report nobody coordinates',
      description: 'Accepting it needs someone to act.',
      steps: [{ after: '1h', do: 'accept' as const }],
    };
    await expect(
      replay(ctx(), services, schedule([story], app.clock.now()), asPsrtServe(ctx(), services)),
    ).rejects.toThrow('Sandbox story "nobody-accepts", step 1 (accept, 1h after filing): nobody to act');
  });

  it('two instances starting at once seed the demo data once, and neither fails', async () => {
    // On PostgreSQL the second instance has its own connection pool; on PGlite both share the one connection.
    const url = engine.databaseUrl();
    const other = url ? await openStore({ databaseUrl: url }) : app.store();
    const otherContext: AppContext = { ...ctx(), store: other };
    const otherServices = await startServices();
    try {
      const outcomes = await Promise.allSettled([
        seedSandbox(ctx(), services, asPsrtServe(ctx(), services)),
        seedSandbox(otherContext, otherServices, asPsrtServe(otherContext, otherServices)),
      ]);
      const failures = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [String(o.reason).split('\n')[0]] : [],
      );
      expect(failures).toEqual([]);
      const results = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
      expect(results).toContainEqual(null);
      const seeded = results.find((result) => result);
      expect((await countByState()).total).toBe(seeded?.reports);
    } finally {
      if (url) await other.close();
    }
  });

  it('a store that already has a roster is not seeded', async () => {
    await importRoster(ctx(), bot, devguideRoster());
    expect(await seedSandbox(ctx(), services, asPsrtServe(ctx(), services))).toBeNull();
    expect((await countByState()).total).toBe(0);
  });
});

describe('the demo stories', () => {
  it('every story is a CPython or pip report, and only one arrived by mail without a GHSA', () => {
    expect(new Set(stories.map((story) => story.repository))).toEqual(
      new Set(['python/cpython', 'pypa/pip']),
    );
    expect(stories.filter((story) => story.via === 'email')).toHaveLength(1);
  });
});
