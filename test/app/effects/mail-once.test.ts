// A message an effect sends goes out once even when its runner dies after the
// mail server accepted it: the acceptance is noted on the effect, and a retry
// finds the note. Dying before the note resends the very same message.
import { expect, it } from 'vitest';
import { runDueEffects } from '../../../src/app/effects/runner.ts';
import { assignCoordinator } from '../../../src/app/reports.ts';
import { listEffects } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from './world.ts';

forEachEngine('mail sent once by the effect runner', (engine) => {
  const world = effectsWorld(engine);
  const { app, settle } = world;

  /** A report without a GHSA whose coordinator the team is told of by mail, the runner dying at `step`. */
  async function noticeDyingAt(step: string) {
    const report = await app.newReport('sethmlarson');
    await assignCoordinator(app.ctx(), await app.as('sethmlarson'), report.id, 'encukou');
    await runDueEffects(world.deps(), {
      checkpoint: (reached) => {
        if (reached === step) throw new Error('the process died here');
      },
    });
    app.clock.advance(24 * 3_600_000);
    await settle();
    const [effect] = (await listEffects(app.store().db, { reportId: report.id })).filter(
      (e) => e.kind === 'mail.send',
    );
    return effect;
  }

  it('a notice the mail server accepted but psrt never recorded is not sent again', async () => {
    const effect = await noticeDyingAt('mail.send:sent');
    expect(world.mail()).toHaveLength(1);
    expect(effect).toMatchObject({
      status: 'done',
      result: expect.objectContaining({ unchanged: 'the mail server accepted it before' }),
    });
  });

  it('a runner dying between the mail server accepting and psrt noting it resends the same message', async () => {
    const effect = await noticeDyingAt('mail.send:accepted');
    const sent = world.mail();
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((mail) => mail.messageId)).size).toBe(1);
    expect(new Set(sent.map((mail) => mail.subject)).size).toBe(1);
    expect(effect).toMatchObject({ status: 'done', result: { messageId: sent[0]?.messageId } });
  });
});
