// Effects that finish together are recorded together (one transaction, one
// turn at the audit lock), and one effect whose changes cannot be recorded
// does not take the others down with it.
import { expect, it } from 'vitest';
import { createDoneRecorder } from '../../../src/app/effects/record-done.ts';
import {
  claimEffects,
  enqueueEffects,
  listAudit,
  listEffects,
  type StoredEffect,
  verifyAudit,
} from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { testApp } from '../support.ts';

forEachEngine('recording effects done', (engine) => {
  const app = testApp(engine, new Date('2026-03-10T09:00:00.000Z'));

  async function claimMails(count: number): Promise<StoredEffect[]> {
    const db = app.store().db;
    await enqueueEffects(
      db,
      Array.from({ length: count }, (_, n) => ({
        key: `mail.send:test-${n}`,
        kind: 'mail.send',
        payload: { kind: 'mail.send', key: `mail.send:test-${n}` },
      })),
      app.clock.now(),
    );
    return claimEffects(db, { limit: count, now: app.clock.now(), workerId: 'test-runner' });
  }

  it('effects that finish at the same moment are all recorded done, each with its own audit event, in one chained log', async () => {
    const claimed = await claimMails(5);
    const recordDone = createDoneRecorder(app.store(), app.clock.now);
    const recorded = await Promise.all(
      claimed.map((effect) => recordDone(effect, { result: { sent: effect.id } })),
    );

    expect(recorded).toEqual([true, true, true, true, true]);
    expect((await listEffects(app.store().db, { status: 'done' })).map((e) => e.id)).toEqual(
      claimed.map((e) => e.id),
    );
    const events = (await listAudit(app.store().db, 'effects')).filter((e) => e.action === 'effect.done');
    expect(events.map((e) => (e.change as { effect: number }).effect)).toEqual(claimed.map((e) => e.id));
    expect(await verifyAudit(app.store().db)).toMatchObject({ ok: true });
  });

  it('an effect whose changes fail to record is left to retry, while the effects that finished with it are recorded done', async () => {
    const claimed = await claimMails(4);
    const recordDone = createDoneRecorder(app.store(), app.clock.now);
    const broken = claimed[2] as StoredEffect;
    const outcomes = await Promise.allSettled(
      claimed.map((effect) =>
        recordDone(effect, {
          result: null,
          commit:
            effect.id === broken.id
              ? async () => {
                  throw new Error('the CVE ID was taken by another reservation');
                }
              : undefined,
        }),
      ),
    );

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const byId = new Map((await listEffects(app.store().db)).map((e) => [e.id, e.status]));
    expect(claimed.map((e) => byId.get(e.id))).toEqual(['done', 'done', 'claimed', 'done']);
    const done = (await listAudit(app.store().db, 'effects')).filter((e) => e.action === 'effect.done');
    expect(done).toHaveLength(3);
  });
});
