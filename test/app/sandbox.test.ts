import { expect, it } from 'vitest';
import { verifyAudit } from '../../src/app/audit.ts';
import { listOpenReports, showReport } from '../../src/app/reports.ts';
import { exportRoster, importRoster } from '../../src/app/roster.ts';
import { demoVisitors, seedSandbox } from '../../src/app/sandbox.ts';
import { reportStates } from '../../src/domain/report.ts';
import { listAudit, listReports, openStore } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, bot, devguideRoster, failsWith, sandboxFile, testApp } from './support.ts';

forEachEngine('sandbox seeding', (engine) => {
  const app = testApp(engine, at('2026-06-15T12:00:00.000Z'));
  const ctx = () => app.ctx();
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

  it('an empty store gets the devguide roster and demo reports in every state, with a history that verifies', async () => {
    const seeded = await seedSandbox(ctx());
    const memberCount = sandboxFile('psrt.csv').split('\n').filter(Boolean).length;
    expect(seeded).toEqual({ members: memberCount, reports: expect.any(Number) });

    expect(await exportRoster(ctx(), 'member')).toBe(sandboxFile('psrt.csv'));
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

  it('seeding again does nothing', async () => {
    await seedSandbox(ctx());
    const before = { ...(await countByState()), audit: await verifyAudit(ctx(), bot) };
    app.clock.advanceDays(1);
    expect(await seedSandbox(ctx())).toBeNull();
    expect({ ...(await countByState()), audit: await verifyAudit(ctx(), bot) }).toEqual(before);
  });

  it('two instances starting at once seed the demo data once, and neither fails', async () => {
    // On PostgreSQL the second instance has its own connection pool; on PGlite both share the one connection.
    const url = engine.databaseUrl();
    const other = url ? await openStore({ databaseUrl: url }) : app.store();
    try {
      const outcomes = await Promise.allSettled([
        seedSandbox(ctx()),
        seedSandbox({ ...ctx(), store: other }),
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
    expect(await seedSandbox(ctx())).toBeNull();
    expect((await countByState()).total).toBe(0);
  });

  it('the demo people see what the embargo lets them see', async () => {
    await seedSandbox(ctx());
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
});
