// Several psrt instances on one PostgreSQL each run an effect runner: between
// them every effect is performed once, never by two at the same time. On
// PostgreSQL the second runner has a store (a connection pool) of its own; on
// PGlite both share the one connection.
import { expect, it } from 'vitest';
import { type PassReport, type RunnerDeps, startEffectRunner } from '../../../src/app/effects/runner.ts';
import { grantAccess } from '../../../src/app/grants.ts';
import { assignCoordinator } from '../../../src/app/reports.ts';
import { listAudit, listEffects, openStore, outboxSummary } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from './world.ts';

const helpers = ['zip-expert', 'tarfile-fan', 'fuzz-herder', 'cpython-dev', 'release-helper'];

forEachEngine('effect runners side by side on one database', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;

  /** A runner as `psrt serve` starts it (small batches, so the two interleave), until nothing is left. */
  async function drain(deps: RunnerDeps, runnerId: string): Promise<PassReport> {
    const runner = startEffectRunner(deps, { runnerId, batch: 4, concurrency: 2, idleMs: 5 });
    while (!(await nothingLeft(deps))) await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.stop();
    return runner.totals();
  }
  const nothingLeft = async (deps: RunnerDeps) => {
    const { byStatus, oldestPendingSince } = await outboxSummary(deps.store.db);
    return byStatus.claimed === 0 && (oldestPendingSince === null || oldestPendingSince > deps.now());
  };

  it('two runners draining one outbox side by side perform each of 60 effects exactly once between them, and every grant lands on its GHSA', async () => {
    for (const login of helpers.slice(1)) world.github().control.addUser({ login });
    const seth = await app.as('sethmlarson');
    // Eight GHSA reports, each granted to five helpers: 40 collaborators to add on GitHub.
    const advisories: { reportId: string; ghsaId: string }[] = [];
    for (let n = 0; n < 8; n++) {
      const { report, ghsaId } = await world.triagedReport(`zipfile: overflow number ${n}`);
      advisories.push({ reportId: report.id, ghsaId });
    }
    await world.settle();
    const patchesBefore = new Map(advisories.map(({ ghsaId }) => [ghsaId, patchesOf(ghsaId)]));
    for (const { reportId } of advisories) {
      for (const login of helpers) await grantAccess(app.ctx(), seth, reportId, { login, reason: 'helps' });
    }
    // Twenty reports without a GHSA whose coordinator the team hears of by mail.
    const mailed: string[] = [];
    for (let n = 0; n < 20; n++) {
      const report = await app.newReport('sethmlarson', { title: `email: header injection ${n}` });
      await assignCoordinator(app.ctx(), seth, report.id, 'encukou');
      mailed.push(report.id);
    }
    const reportIds = [...advisories.map((a) => a.reportId), ...mailed];
    const due = (await listEffects(app.store().db, { status: 'pending' })).map((e) => e.id);
    expect(due).toHaveLength(60);

    const url = engine.databaseUrl();
    const other = url ? await openStore({ databaseUrl: url }) : app.store();
    try {
      const [first, second] = await Promise.all([
        drain(world.deps(), 'runner-a'),
        drain({ ...world.deps(), store: other }, 'runner-b'),
      ]);
      // Both took part, and between them did each effect once.
      expect(first.done).toBeGreaterThan(0);
      expect(second.done).toBeGreaterThan(0);
      expect(first.done + second.done).toBe(60);
      expect(first.retrying + second.retrying + first.released + second.released).toBe(0);
    } finally {
      if (url) await other.close();
    }

    const effects = await listEffects(app.store().db);
    expect(effects.filter((e) => due.includes(e.id) && e.status !== 'done')).toEqual([]);
    const audit = await Promise.all(reportIds.map((id) => listAudit(app.store().db, id)));
    const done = audit.flat().filter((event) => event.action === 'effect.done');
    const doneTimes = new Map<number, number>();
    for (const event of done) {
      const effect = (event.change as { effect: number }).effect;
      doneTimes.set(effect, (doneTimes.get(effect) ?? 0) + 1);
    }
    expect(due.filter((id) => doneTimes.get(id) !== 1)).toEqual([]);

    // GitHub got one PATCH per grant, and the team one message per notice.
    for (const { ghsaId } of advisories) {
      expect(patchesOf(ghsaId) - (patchesBefore.get(ghsaId) ?? 0)).toBe(helpers.length);
      expect(world.advisory(ghsaId).collaborating_users?.map((u) => u.login)).toEqual(
        expect.arrayContaining(helpers),
      );
    }
    const messageIds = world.mail().map((message) => message.messageId);
    expect(messageIds).toHaveLength(20);
    expect(new Set(messageIds).size).toBe(20);
  });

  const patchesOf = (ghsaId: string) =>
    world
      .githubWrites()
      .filter((write) => write === `PATCH /repos/python/cpython/security-advisories/${ghsaId}`).length;
});
