// /readyz's verdict (app/readiness): ready only while the database answers with the schema this
// psrt knows and the loops the instance runs keep going round; an operator reads why not.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createHeartbeats, type Heartbeats, type LoopName } from '../../src/app/heartbeats.ts';
import { checkReadiness } from '../../src/app/readiness.ts';
import { openStore } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';

const t0 = Date.parse('2026-12-05T12:00:00Z');

forEachEngine('readiness', ({ store }) => {
  const verdict = (options: {
    at: number;
    beats?: Partial<Record<LoopName, number>>;
    stopping?: boolean;
  }) => {
    // Each loop's last round as given: a clock-free stand-in for the server's heartbeats.
    const heartbeats: Heartbeats = { beat: () => {}, lastBeat: (loop) => options.beats?.[loop] ?? null };
    return checkReadiness({
      store: store(),
      heartbeats,
      loops: [
        { loop: 'effect runner', withinMs: 20_000 },
        { loop: 'bot poller', withinMs: 180_000 },
      ],
      startedAt: t0,
      stopping: () => options.stopping ?? false,
      clock: () => options.at,
    });
  };

  it('is ready when the database answers, its schema is current and every loop went round within its window', async () => {
    const result = await verdict({
      at: t0 + 60_000,
      beats: { 'effect runner': t0 + 59_000, 'bot poller': t0 + 30_000 },
    });
    expect(result.ready).toBe(true);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
      ['effect runner', true],
      ['bot poller', true],
    ]);
  });

  it('gives a loop its window after start for its first round, then is not ready and says since when', async () => {
    const starting = await verdict({ at: t0 + 5_000 });
    expect(starting.ready).toBe(true);
    expect(starting.checks.find((c) => c.name === 'effect runner')?.detail).toBe('starting: no round yet');
    const stuck = await verdict({ at: t0 + 25_000, beats: { 'bot poller': t0 + 20_000 } });
    expect(stuck.ready).toBe(false);
    expect(stuck.checks.find((c) => c.name === 'effect runner')).toEqual({
      name: 'effect runner',
      ok: false,
      detail: 'no round since psrt started 25 s ago',
    });
  });

  it('is not ready when a loop stopped going round', async () => {
    const result = await verdict({
      at: t0 + 600_000,
      beats: { 'effect runner': t0 + 599_000, 'bot poller': t0 + 300_000 },
    });
    expect(result.ready).toBe(false);
    expect(result.checks.find((c) => c.name === 'bot poller')?.detail).toBe(
      'last round 300 s ago (expected within 180 s)',
    );
  });

  it('is not ready while stopping', async () => {
    const result = await verdict({ at: t0, stopping: true });
    expect(result.ready).toBe(false);
    expect(result.checks[0]).toEqual({ name: 'shutdown', ok: false, detail: 'psrt is stopping' });
  });

  it('is not ready when a newer psrt applied migrations this one does not know, and says to upgrade', async () => {
    await store().db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-psrt', ${String(Date.parse('2099-01-01'))})`,
    );
    try {
      const result = await verdict({ at: t0 });
      expect(result.ready).toBe(false);
      expect(result.checks.find((c) => c.name === 'migrations')?.detail).toMatch(
        /1 migration\(s\) this psrt does not know: a newer psrt applied them; upgrade this instance/,
      );
    } finally {
      await store().db.execute(
        sql`delete from drizzle.__drizzle_migrations where hash = 'from-a-newer-psrt'`,
      );
    }
  });
});

describe('readiness of a database not yet migrated', () => {
  it('says how many migrations are pending and to run psrt db migrate', async () => {
    const empty = await openStore({ memory: true });
    try {
      const result = await checkReadiness({
        store: empty,
        heartbeats: createHeartbeats(),
        loops: [],
        startedAt: t0,
        stopping: () => false,
      });
      expect(result.ready).toBe(false);
      expect(result.checks[1]?.detail).toMatch(/^\d+ migration\(s\) not applied: run psrt db migrate$/);
    } finally {
      await empty.close();
    }
  });
});
