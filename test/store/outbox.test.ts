import { expect, it } from 'vitest';
import {
  claimEffects,
  completeEffect,
  enqueueEffects,
  failEffect,
  insertReport,
  listEffects,
  outboxSummary,
  releaseEffect,
  retryEffect,
  type StoredEffect,
  startEffect,
} from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, minimalReport } from './fixtures.ts';

const now = at('2026-06-01T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const MINUTE = 60_000;

const effect = (n: number, kind = 'ghsa.update') => ({
  key: `${kind}:${n}`,
  kind,
  reportId: 'PSRT-2026-0001',
  payload: { n, fields: { summary: `title ${n}` } },
});

forEachEngine('outbox', ({ store, engine }) => {
  const seedReport = () => insertReport(store().db, minimalReport(), at('2026-05-30T00:00:00Z'));

  it('enqueueing an effect whose key is already queued does nothing', async () => {
    await seedReport();
    const first = await store().transaction((tx) => enqueueEffects(tx, [effect(1), effect(2)], now));
    const again = await store().transaction((tx) =>
      enqueueEffects(tx, [effect(1), { ...effect(2), payload: 'changed' }], now),
    );
    expect([first, again]).toEqual([2, 0]);
    const effects = await listEffects(store().db);
    expect(effects.map((e) => [e.key, e.payload])).toEqual([
      ['ghsa.update:1', { n: 1, fields: { summary: 'title 1' } }],
      ['ghsa.update:2', { n: 2, fields: { summary: 'title 2' } }],
    ]);
  });

  it('an effect may carry no payload', async () => {
    await enqueueEffects(
      store().db,
      [{ key: 'mail.digest:2026-06-01', kind: 'mail.digest', payload: null }],
      now,
    );
    const [claimed] = await claimEffects(store().db, { limit: 1, now, workerId: 'w1' });
    expect(claimed).toMatchObject({ kind: 'mail.digest', payload: null, reportId: null });
  });

  it('effects enqueued in a transaction that rolls back never run', async () => {
    await seedReport();
    await expect(
      store().transaction(async (tx) => {
        await enqueueEffects(tx, [effect(1)], now);
        throw new Error('use-case failed');
      }),
    ).rejects.toThrow();
    expect(await claimEffects(store().db, { limit: 10, now, workerId: 'w1' })).toEqual([]);
  });

  it('claiming takes due effects oldest first and leases them to the worker', async () => {
    await seedReport();
    await enqueueEffects(store().db, [effect(1)], now);
    await enqueueEffects(store().db, [effect(2)], later(-MINUTE));
    await enqueueEffects(store().db, [effect(3)], later(MINUTE)); // not due yet
    const claimed = await claimEffects(store().db, { limit: 10, now, workerId: 'w1', leaseMs: 5 * MINUTE });
    expect(claimed.map((e) => [e.key, e.status, e.claimedBy, e.claimedUntil])).toEqual([
      ['ghsa.update:2', 'claimed', 'w1', later(5 * MINUTE)],
      ['ghsa.update:1', 'claimed', 'w1', later(5 * MINUTE)],
    ]);
    expect(await claimEffects(store().db, { limit: 10, now, workerId: 'w2' })).toEqual([]);
  });

  it('workers claiming at the same time get disjoint effects', async () => {
    await seedReport();
    await enqueueEffects(
      store().db,
      Array.from({ length: 30 }, (_, i) => effect(i)),
      now,
    );
    const batches = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map((workerId) => claimEffects(store().db, { limit: 10, now, workerId })),
    );
    const ids = batches.flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
  });

  if (engine === 'postgres') {
    it('a worker claiming while another holds its claim open skips the locked effects instead of waiting', async () => {
      await seedReport();
      await enqueueEffects(
        store().db,
        Array.from({ length: 6 }, (_, i) => effect(i)),
        now,
      );
      const [first, second] = await store().transaction(async (tx) => {
        const held = await claimEffects(tx, { limit: 3, now, workerId: 'w1' });
        // The first claim is not committed yet: its rows are locked, and must be skipped.
        const other = await claimEffects(store().db, { limit: 6, now, workerId: 'w2' });
        return [held, other];
      });
      expect(first).toHaveLength(3);
      expect(second).toHaveLength(3);
      expect(first.map((e) => e.id).filter((id) => second.some((e) => e.id === id))).toEqual([]);
    });
  }

  it("a runner claims none of a report's effects while another runner holds one, and other reports' meanwhile", async () => {
    await seedReport();
    await insertReport(store().db, minimalReport({ id: 'PSRT-2026-0002' }), at('2026-05-30T00:00:00Z'));
    const other = { ...effect(9), key: 'ghsa.update:other', reportId: 'PSRT-2026-0002' };
    const unbound = { key: 'mail.digest:2026-06-01', kind: 'mail.digest', payload: null };
    await enqueueEffects(store().db, [effect(1), effect(2), effect(3), other, unbound], now);
    const byRunner = (workerId: string, at = now) =>
      claimEffects(store().db, { limit: 1, now: at, workerId, oneWorkerPerReport: true });

    expect((await byRunner('r1')).map((e) => e.key)).toEqual(['ghsa.update:1']);
    const meanwhile = [...(await byRunner('r2')), ...(await byRunner('r2')), ...(await byRunner('r2'))];
    expect(meanwhile.map((e) => e.key).sort()).toEqual(['ghsa.update:other', 'mail.digest:2026-06-01']);
    // Once r1's lease has run out, its report is free again.
    const [taken] = await byRunner('r2', later(6 * MINUTE));
    expect(taken).toMatchObject({ reportId: 'PSRT-2026-0001', claimedBy: 'r2' });
  });

  if (engine === 'postgres') {
    it('a runner claiming while another is still committing its claim on a report skips that report instead of waiting', async () => {
      await seedReport();
      await enqueueEffects(
        store().db,
        Array.from({ length: 4 }, (_, i) => effect(i)),
        now,
      );
      const options = { limit: 1, now, oneWorkerPerReport: true };
      const [first, second] = await store().transaction(async (tx) => {
        const held = await claimEffects(tx, { ...options, workerId: 'r1' });
        // r1's claim is not committed: the report's other effects look free, but are not.
        const other = await claimEffects(store().db, { ...options, limit: 4, workerId: 'r2' });
        return [held, other];
      });
      expect(first).toHaveLength(1);
      expect(second).toEqual([]);
      expect(await claimEffects(store().db, { ...options, limit: 4, workerId: 'r2' })).toEqual([]);
    });
  }

  it("a crashed worker's effects are claimed again once its lease runs out, counting the lost attempt", async () => {
    await seedReport();
    await enqueueEffects(store().db, [effect(1)], now);
    const [claimed] = await claimEffects(store().db, {
      limit: 10,
      now,
      workerId: 'crashed',
      leaseMs: 5 * MINUTE,
    });
    await startEffect(store().db, (claimed as StoredEffect).id, now);
    expect(await claimEffects(store().db, { limit: 10, now: later(4 * MINUTE), workerId: 'w2' })).toEqual([]);
    const [reclaimed] = await claimEffects(store().db, { limit: 10, now: later(5 * MINUTE), workerId: 'w2' });
    expect(reclaimed).toMatchObject({ claimedBy: 'w2', attempts: 1, lastError: 'lease of crashed expired' });
  });

  it('an effect that keeps crashing its runner is failed after its last attempt', async () => {
    await seedReport();
    await enqueueEffects(store().db, [{ ...effect(1), maxAttempts: 2 }], now);
    for (const [at, worker] of [
      [now, 'w1'],
      [later(MINUTE), 'w2'],
    ] as const) {
      const [claimed] = await claimEffects(store().db, {
        limit: 1,
        now: at,
        workerId: worker,
        leaseMs: MINUTE,
      });
      await startEffect(store().db, (claimed as StoredEffect).id, at);
    }
    expect(await claimEffects(store().db, { limit: 1, now: later(2 * MINUTE), workerId: 'w3' })).toEqual([]);
    const [failed] = await listEffects(store().db);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'lease of w2 expired on the last attempt',
    });
  });

  it('completing records the result once; a late second completion is refused', async () => {
    await seedReport();
    await enqueueEffects(store().db, [effect(1)], now);
    const [claimed] = await claimEffects(store().db, { limit: 1, now, workerId: 'w1' });
    const id = (claimed as StoredEffect).id;
    expect(await completeEffect(store().db, id, { ghsa: 'GHSA-xxxx' }, later(1000))).toBe(true);
    expect(await completeEffect(store().db, id, { ghsa: 'other' }, later(2000))).toBe(false);
    const [done] = await listEffects(store().db, { status: 'done' });
    expect(done).toMatchObject({ result: { ghsa: 'GHSA-xxxx' }, completedAt: later(1000), claimedBy: null });
  });

  it('an effect that failed waits until its next attempt time, then is failed for good after max attempts', async () => {
    await seedReport();
    await enqueueEffects(store().db, [{ ...effect(1), maxAttempts: 2 }], now);
    const [first] = await claimEffects(store().db, { limit: 1, now, workerId: 'w1' });
    expect(await failEffect(store().db, (first as StoredEffect).id, '502 Bad Gateway', later(MINUTE))).toBe(
      'pending',
    );
    expect(await claimEffects(store().db, { limit: 1, now: later(MINUTE - 1), workerId: 'w1' })).toEqual([]);
    const [second] = await claimEffects(store().db, { limit: 1, now: later(MINUTE), workerId: 'w1' });
    expect(second).toMatchObject({ attempts: 1, lastError: '502 Bad Gateway' });
    expect(await failEffect(store().db, (second as StoredEffect).id, 'still down', later(2 * MINUTE))).toBe(
      'failed',
    );
    expect(await claimEffects(store().db, { limit: 1, now: later(10 * MINUTE), workerId: 'w1' })).toEqual([]);
  });

  it('a failure no retry can fix fails the effect at once, whatever attempts are left', async () => {
    await seedReport();
    await enqueueEffects(store().db, [effect(1)], now);
    const [claimed] = await claimEffects(store().db, { limit: 1, now, workerId: 'w1' });
    const id = (claimed as StoredEffect).id;
    expect(await failEffect(store().db, id, '404 Not Found', later(MINUTE), { final: true })).toBe('failed');
    expect(await listEffects(store().db, { status: 'failed' })).toEqual([
      expect.objectContaining({ attempts: 1, lastError: '404 Not Found' }),
    ]);
  });

  it('retrying a failed effect makes it due at once with a fresh set of attempts; other effects are left alone', async () => {
    await seedReport();
    await enqueueEffects(store().db, [{ ...effect(1), maxAttempts: 1 }, effect(2)], now);
    const claimed = await claimEffects(store().db, { limit: 2, now, workerId: 'w1' });
    const [first, second] = claimed as [StoredEffect, StoredEffect];
    await failEffect(store().db, first.id, 'down', later(MINUTE));
    expect(await retryEffect(store().db, first.id, later(2 * MINUTE))).toMatchObject({
      retried: true,
      effect: { status: 'pending', attempts: 0, nextAttemptAt: later(2 * MINUTE), lastError: 'down' },
    });
    expect(await retryEffect(store().db, second.id, later(2 * MINUTE))).toMatchObject({
      retried: false,
      effect: { status: 'claimed' },
    });
    expect(await retryEffect(store().db, 999_999, later(2 * MINUTE))).toBeNull();
    const [again] = await claimEffects(store().db, { limit: 1, now: later(2 * MINUTE), workerId: 'w2' });
    expect(again).toMatchObject({ id: first.id, claimedBy: 'w2' });
  });

  it('a claim that lapses before its runner began performing it costs no attempt', async () => {
    await seedReport();
    await enqueueEffects(store().db, [{ ...effect(1), maxAttempts: 1 }], now);
    await claimEffects(store().db, { limit: 1, now, workerId: 'killed', leaseMs: MINUTE });
    const [again] = await claimEffects(store().db, { limit: 1, now: later(MINUTE), workerId: 'w2' });
    expect(again).toMatchObject({ claimedBy: 'w2', attempts: 0, status: 'claimed' });
  });

  it('a runner that stops gives its claimed effects back untried, due at once for the next runner', async () => {
    await seedReport();
    await enqueueEffects(store().db, [effect(1)], now);
    const [claimed] = await claimEffects(store().db, { limit: 1, now, workerId: 'stopping' });
    expect(await releaseEffect(store().db, (claimed as StoredEffect).id, later(1000))).toBe(true);
    const [next] = await claimEffects(store().db, { limit: 1, now: later(1000), workerId: 'w2' });
    expect(next).toMatchObject({ claimedBy: 'w2', attempts: 0 });
  });

  it('the summary counts effects by status and dates the oldest one waiting', async () => {
    await seedReport();
    await enqueueEffects(store().db, [effect(1)], now);
    await enqueueEffects(store().db, [effect(2)], later(MINUTE));
    await enqueueEffects(store().db, [effect(3)], later(2 * MINUTE));
    const [claimed] = await claimEffects(store().db, { limit: 1, now: later(2 * MINUTE), workerId: 'w1' });
    await completeEffect(store().db, (claimed as StoredEffect).id, null);
    expect(await outboxSummary(store().db)).toEqual({
      byStatus: { pending: 2, claimed: 0, done: 1, failed: 0 },
      oldestPendingSince: later(MINUTE),
    });
  });
});
