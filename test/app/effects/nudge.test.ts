// A running effect runner with nothing due looks again only every `idleMs`;
// work enqueued in the same process (a webhook delivery that opened a report)
// nudges it, so the effect is performed at once rather than at the next look.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { startEffectRunner } from '../../../src/app/effects/runner.ts';
import { grantAccess } from '../../../src/app/grants.ts';
import { listEffects } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from './world.ts';

forEachEngine('an effect runner waiting for work', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;

  it('performs an effect enqueued meanwhile as soon as it is nudged, not at its next look a minute later', async () => {
    const { report, ghsaId } = await world.triagedReport();
    await world.settle();
    const runner = startEffectRunner(world.deps(), { idleMs: 60_000 });
    try {
      // Its first look finds nothing due; it now waits a minute.
      await sleep(500);
      const seth = await app.as('sethmlarson');
      await grantAccess(app.ctx(), seth, report.id, { login: 'zip-expert', reason: 'zipfile expert' });
      const grant = async () =>
        (await listEffects(app.store().db, { reportId: report.id })).find(
          (e) => e.kind === 'ghsa.add-collaborator',
        );
      await sleep(500);
      expect((await grant())?.status).toBe('pending');

      runner.nudge();
      const deadline = performance.now() + 10_000;
      while ((await grant())?.status !== 'done' && performance.now() < deadline) await sleep(20);
      expect((await grant())?.status).toBe('done');
      expect(world.advisory(ghsaId).collaborating_users?.map((u) => u.login)).toContain('zip-expert');
    } finally {
      await runner.stop();
    }
  });
});
