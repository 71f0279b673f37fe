// The sandbox's demo reports of GHSAs are psrt's bot's mirrors of them, as in production: a
// story acts on GitHub, the bot sees the advisory and opens the report, and once seeding is
// done the bot has seen every GHSA as it is, so the first poll finds nothing to do.
// The tests look at one seeding per engine (seeding takes seconds); the last restarts the simulators.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollAdvisories } from '../../src/app/bot/poller.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import { type SandboxServices, seedSandbox, startSandboxServices } from '../../src/sandbox/index.ts';
import { stories } from '../../src/sandbox/stories.ts';
import { listAudit, listEffects, listReports, listSightings } from '../../src/store/index.ts';
import { at, sandboxFile, testApp } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { asPsrtServe } from './runner.ts';

const roster = parseRosterCsv(sandboxFile('psrt.csv'), 'member');

forEachEngine(
  'the demo reports of GHSAs',
  (engine) => {
    const app = testApp(engine, at('2026-06-15T12:00:00.000Z'));
    const ctx = () => app.ctx();
    const started: SandboxServices[] = [];
    const start = async () => {
      const services = await startSandboxServices(roster, { now: app.clock.now });
      started.push(services);
      return services;
    };
    let services: SandboxServices;
    beforeAll(async () => {
      services = await start();
      await seedSandbox(ctx(), services, asPsrtServe(ctx(), services));
    });
    afterAll(async () => {
      await Promise.all(started.splice(0).map((s) => s.close()));
    });

    const allReports = async () =>
      (await listReports(app.store().db, { kind: 'all' }, { now: app.clock.now(), limit: 500 })).reports;
    const ghsaOn = (on: SandboxServices, repository: string, ghsaId: string) => {
      const [owner = '', repo = ''] = repository.split('/');
      return on.simulators.github.advisory({ owner, repo, ghsaId });
    };
    /** What a poll right now finds to do, and the effects it enqueues. */
    const pollNow = async (on: SandboxServices) => {
      const { bot } = asPsrtServe(ctx(), on);
      const before = (await listEffects(app.store().db)).length;
      const poll = await pollAdvisories(ctx(), bot.github, bot.settings);
      const enqueued = (await listEffects(app.store().db)).slice(before);
      return { poll, enqueued: enqueued.map((effect) => effect.kind) };
    };

    it('were opened by psrt mirroring GitHub when the advisory came in, and the bot has seen each as GitHub has it now', async () => {
      const reports = (await allReports()).filter((report) => report.ghsaId !== null);
      expect(reports).toHaveLength(stories.filter((story) => story.via !== 'email').length);
      const sightings = await listSightings(app.store().db);
      expect(sightings).toHaveLength(reports.length);
      for (const report of reports) {
        const sighting = sightings.find((s) => s.ghsaId === report.ghsaId);
        expect(sighting?.reportId, report.id).toBe(report.id);
        const ghsa = ghsaOn(services, report.repository, report.ghsaId ?? '');
        // Seen when GitHub had it, at the story's time; and last as GitHub has it after psrt's effects.
        expect(sighting?.firstSeenAt.getTime(), report.id).toBe(new Date(ghsa.created_at).getTime());
        expect(report.createdAt.getTime(), report.id).toBe(new Date(ghsa.created_at).getTime());
        expect(sighting?.ghsa?.updatedAt?.getTime(), report.id).toBe(new Date(ghsa.updated_at).getTime());
        expect(sighting?.ghsa?.state, report.id).toBe(ghsa.state);
        expect(sighting?.ghsa?.cveId ?? null, report.id).toBe(ghsa.cve_id ?? null);

        const [opened] = await listAudit(app.store().db, report.id);
        expect(opened, report.id).toMatchObject({ action: 'report.create', actor: 'system:github' });
      }
    });

    it('came in as GitHub shows them: private reports with their reporter, drafts accepted by the bot with a CVE ID and a private fork', async () => {
      const reports = await allReports();
      for (const story of stories) {
        const report = reports.find((r) => r.title === story.title);
        if (!report || story.via === 'email') continue;
        const ghsa = ghsaOn(services, report.repository, report.ghsaId ?? '');
        const accepts = (await listAudit(app.store().db, report.id)).filter(
          (e) => e.action === 'report.accept',
        );
        if (story.via === 'private report') {
          expect(report.reporter, story.key).toBe(story.reporter);
          expect(ghsa.author?.login, story.key).toBe(story.reporter);
        } else {
          expect(report.reporter, story.key).toBeNull();
          expect(ghsa.author?.login, story.key).toBe(story.by);
          // Nobody accepted it in psrt: a draft is accepted when the bot first sees it.
          expect(accepts, story.key).toEqual([]);
          expect(report.state, story.key).not.toBe('triage');
          expect(report.determination, story.key).toBe('vulnerability');
          expect(report.cveId, story.key).toMatch(/^CVE-\d{4}-\d+$/);
          expect(ghsa.cve_id, story.key).toBe(report.cveId);
          expect(ghsa.private_fork, story.key).toBeTruthy();
        }
        // The PSRT team was added to every advisory while it was open.
        expect(
          ghsa.collaborating_teams?.map((team) => team.slug),
          story.key,
        ).toContain('psrt');
      }
    });

    it('a poll right after seeding opens no report, mirrors nothing and enqueues no effect', async () => {
      const before = await allReports();
      const { poll, enqueued } = await pollNow(services);
      expect(poll).toMatchObject({ opened: 0, mirrored: 0, commands: 0, experts: 0, leaks: 0 });
      expect(poll.open).toBeGreaterThan(0);
      expect(enqueued).toEqual([]);
      expect(await allReports()).toEqual(before);
    });

    it('every effect of seeding was performed: none is left pending or failed', async () => {
      const effects = await listEffects(app.store().db);
      expect(effects.length).toBeGreaterThan(0);
      expect(effects.filter((effect) => effect.status !== 'done').map((effect) => effect.kind)).toEqual([]);
    });

    it('a fresh GitHub simulator gets the GHSAs back as the bot last saw them, so its next poll changes no report', async () => {
      const before = await allReports();
      await services.close();
      const restarted = await start();
      expect(await seedSandbox(ctx(), restarted, asPsrtServe(ctx(), restarted))).toBeNull();
      const { poll, enqueued } = await pollNow(restarted);
      expect(poll).toMatchObject({ opened: 0, mirrored: 0 });
      expect(enqueued).toEqual([]);
      expect(await allReports()).toEqual(before);
    });
  },
  { shared: true },
);
