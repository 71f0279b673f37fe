import { type SQL, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { type AuditEntry, type AuditEvent, chainEvent } from '../../src/domain/audit.ts';
import { appendAudit, listAudit, openStore, type Store, verifyAudit } from '../../src/store/index.ts';
import { auditEvents } from '../../src/store/schema.ts';
import { forEachEngine } from '../support/engines.ts';

const entry = (i: number): AuditEntry => ({
  actor: i % 3 ? 'sethmlarson' : 'bot',
  action: i % 2 ? 'report.edit' : 'report.assign',
  subject: `PSRT-2026-${String((i % 4) + 1).padStart(4, '0')}`,
  at: new Date(Date.UTC(2026, 2, 1, 12, i, 0, i)),
  change: {
    title: { from: `old ${i}`, to: `new ${i}` },
    when: new Date(Date.UTC(2026, 2, i)),
    gone: undefined,
  },
});

async function appendMany(store: Store, count: number): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let i = 1; i <= count; i++) events.push(await store.transaction((tx) => appendAudit(tx, entry(i))));
  return events;
}

/** Inserts an already chained log directly, much faster than appending one by one. */
async function bulkChain(store: Store, count: number): Promise<void> {
  let previous: AuditEvent | null = null;
  for (let start = 1; start <= count; start += 2000) {
    const batch: AuditEvent[] = [];
    for (let i = start; i < Math.min(start + 2000, count + 1); i++) {
      previous = chainEvent(previous, { ...entry(i), change: JSON.parse(JSON.stringify(entry(i).change)) });
      batch.push(previous);
    }
    await store.db.insert(auditEvents).values(batch);
  }
}

forEachEngine('audit log', ({ store, engine, databaseUrl }) => {
  const tamper = (statement: SQL) => store().db.execute(statement);

  it('appended events chain gaplessly and the log verifies', async () => {
    const events = await appendMany(store(), 6);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[0]?.change).toEqual({
      title: { from: 'old 1', to: 'new 1' },
      when: '2026-03-01T00:00:00.000Z',
    });
    expect(await verifyAudit(store().db)).toEqual({
      ok: true,
      count: 6,
      lastSeq: 6,
      lastHash: events[5]?.hash,
    });
    expect(await listAudit(store().db, 'PSRT-2026-0002')).toStrictEqual([events[0], events[4]]);
  });

  it('an event without a change (null or absent) is stored and verifies', async () => {
    const events = await store().transaction(async (tx) => [
      await appendAudit(tx, { ...entry(1), change: null }),
      await appendAudit(tx, { ...entry(2), change: undefined }),
    ]);
    expect(events.map((e) => e.change)).toEqual([null, null]);
    expect(await verifyAudit(store().db)).toMatchObject({ ok: true, count: 2 });
  });

  it('an event appended in a transaction that rolls back leaves no gap', async () => {
    await appendMany(store(), 2);
    await expect(
      store().transaction(async (tx) => {
        await appendAudit(tx, entry(3));
        throw new Error('use-case failed');
      }),
    ).rejects.toThrow('use-case failed');
    const third = await store().transaction((tx) => appendAudit(tx, entry(4)));
    expect(third.seq).toBe(3);
    expect((await verifyAudit(store().db)).ok).toBe(true);
  });

  it('concurrent appends from many transactions still form one chain', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => store().transaction((tx) => appendAudit(tx, entry(i)))),
    );
    expect(await verifyAudit(store().db)).toMatchObject({ ok: true, count: 24 });
  });

  if (engine === 'postgres') {
    it('two instances appending at once still form one chain', async () => {
      const other = await openStore({ databaseUrl: databaseUrl() });
      try {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            (i % 2 ? other : store()).transaction((tx) => appendAudit(tx, entry(i))),
          ),
        );
      } finally {
        await other.close();
      }
      expect(await verifyAudit(store().db)).toMatchObject({ ok: true, count: 30 });
    });
  }

  const fields: [field: string, change: SQL][] = [
    ['actor', sql`actor = 'mallory'`],
    ['action', sql`action = 'report.publish'`],
    ['subject', sql`subject = 'PSRT-2026-0099'`],
    ['time', sql`at = at - interval '1 hour'`],
    ['time (by one microsecond)', sql`at = at + interval '1 microsecond'`],
  ];
  for (const [field, change] of fields) {
    it(`editing an audit event's ${field} is detected and names the first bad event`, async () => {
      await appendMany(store(), 8);
      await tamper(sql`update audit_events set ${change} where seq in (5, 7)`);
      expect(await verifyAudit(store().db)).toMatchObject({
        ok: false,
        count: 4,
        firstBad: { seq: 5, reason: 'edited' },
      });
    });
  }

  it('editing what an audit event says changed is detected as a digest mismatch', async () => {
    await appendMany(store(), 8);
    await tamper(
      sql`update audit_events set change = jsonb_set(change, '{title,to}', '"forged"') where seq = 5`,
    );
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'edited', detail: expect.stringMatching(/digest/) },
    });
  });

  it('editing an event and recomputing its digest and hash is still detected at that event', async () => {
    const events = await appendMany(store(), 8);
    const forged = chainEvent(events[3] ?? null, { ...entry(5), actor: 'mallory' });
    await tamper(sql`update audit_events set actor = 'mallory', hash = ${forged.hash} where seq = 5`);
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'edited' },
    });
  });

  it('deleting an audit event is detected and names the missing one', async () => {
    await appendMany(store(), 8);
    await tamper(sql`delete from audit_events where seq = 5`);
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      count: 4,
      firstBad: { seq: 5, reason: 'deleted' },
    });
  });

  it('deleting an audit event and renumbering the rest to close the gap is detected', async () => {
    await appendMany(store(), 8);
    await tamper(sql`delete from audit_events where seq = 5`);
    await tamper(sql`update audit_events set seq = -(seq - 1) where seq > 5`);
    await tamper(sql`update audit_events set seq = -seq where seq < 0`);
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'deleted' },
    });
  });

  it('swapping two audit events is detected as reordering', async () => {
    await appendMany(store(), 8);
    await tamper(sql`update audit_events set seq = -5 where seq = 5`);
    await tamper(sql`update audit_events set seq = 5 where seq = 6`);
    await tamper(sql`update audit_events set seq = 6 where seq = -5`);
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      count: 4,
      firstBad: { seq: 5, reason: 'reordered' },
    });
  });

  it('a fake event slipped in with a correctly computed hash is detected as inserted', async () => {
    const events = await appendMany(store(), 8);
    await tamper(sql`update audit_events set seq = -(seq + 1) where seq >= 5`);
    await tamper(sql`update audit_events set seq = -seq where seq < 0`);
    const fake = chainEvent(events[3] ?? null, {
      ...entry(99),
      actor: 'mallory',
      change: { note: 'all fine' },
    });
    await store().db.insert(auditEvents).values(fake);
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      count: 4,
      firstBad: { seq: 5, reason: 'inserted' },
    });
  });

  it('a fake event slipped in with a made-up hash is detected as inserted', async () => {
    const events = await appendMany(store(), 8);
    await tamper(sql`update audit_events set seq = -(seq + 1) where seq >= 5`);
    await tamper(sql`update audit_events set seq = -seq where seq < 0`);
    await store()
      .db.insert(auditEvents)
      .values({
        ...entry(99),
        seq: 5,
        digest: 'd'.repeat(64),
        prevHash: events[3]?.hash ?? '',
        hash: 'f'.repeat(64),
      });
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'inserted' },
    });
  });

  it('removing the newest events is visible only against a kept copy of the last hash', async () => {
    const events = await appendMany(store(), 4);
    await tamper(sql`delete from audit_events where seq = 4`);
    const verdict = await verifyAudit(store().db);
    expect(verdict).toMatchObject({ ok: true, lastSeq: 3 });
    expect(verdict.ok && verdict.lastHash).not.toBe(events[3]?.hash);
  });

  it('verification streams the log in batches, reports progress, and finds a problem in a later batch', async () => {
    await bulkChain(store(), 12_000);
    const progress: number[] = [];
    expect(await verifyAudit(store().db, (n) => progress.push(n))).toMatchObject({ ok: true, count: 12_000 });
    expect(progress).toEqual([5000, 10_000, 12_000]);
    await tamper(sql`update audit_events set subject = 'elsewhere' where seq = 11000`);
    expect(await verifyAudit(store().db)).toMatchObject({
      ok: false,
      count: 10_999,
      firstBad: { seq: 11_000 },
    });
  });
});
