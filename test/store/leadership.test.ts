// The leader of several psrt processes on one database (src/store/leadership.ts):
// on PostgreSQL one at a time, handed over at once on a clean stop, and taken
// over when the leader's connection is lost (its process died); on PGlite the
// one process leads alone.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';

forEachEngine('the leader', ({ engine, store, databaseUrl }) => {
  const others: Store[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((other) => other.close()));
  });
  /** Another psrt process's store on the same database. */
  async function another(): Promise<Store> {
    const url = databaseUrl();
    if (!url) throw new Error('PostgreSQL only');
    const opened = await openStore({ databaseUrl: url });
    others.push(opened);
    return opened;
  }
  /** Asks `of` to lead until it does (a killed backend goes away a moment after it is told to). */
  async function leadsSoon(of: Store): Promise<boolean> {
    for (let tries = 0; tries < 100; tries++) {
      if (await of.leader.lead()) return true;
      await sleep(50);
    }
    return false;
  }

  if (engine === 'pglite') {
    it("the embedded database's one process always leads", async () => {
      expect(await store().leader.lead()).toBe(true);
      expect(await store().leader.lead()).toBe(true);
    });
    return;
  }

  it('of three instances asking at the same moment, one leads and the others stand by, and it keeps the lead', async () => {
    const [a, b, c] = await Promise.all([another(), another(), another()]);

    const first = await Promise.all([a, b, c].map((s) => s.leader.lead()));
    const again = await Promise.all([a, b, c].map((s) => s.leader.lead()));

    expect(first.filter(Boolean)).toHaveLength(1);
    expect(again).toEqual(first);
  });

  it('a leader that stops cleanly hands the lead over at once', async () => {
    const [a, b] = await Promise.all([another(), another()]);
    expect(await a.leader.lead()).toBe(true);
    expect(await b.leader.lead()).toBe(false);

    others.splice(others.indexOf(a), 1);
    await a.close();

    expect(await b.leader.lead()).toBe(true);
  });

  it("when the leader's connection is lost (its process died), another instance takes the lead, and the old one knows it lost it", async () => {
    const [a, b] = await Promise.all([another(), another()]);
    expect(await a.leader.lead()).toBe(true);
    expect(await b.leader.lead()).toBe(false);

    // What the server sees when a process dies: its connection ends, and the lock with it.
    await store().db.execute(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'psrt leader' and datname = current_database() and pid in
          (select pid from pg_locks where locktype = 'advisory' and granted)`,
    );

    expect(await leadsSoon(b)).toBe(true);
    expect(await a.leader.lead()).toBe(false);
  });

  it('the lead is given up with the store and taken by the next to ask', async () => {
    const a = await another();
    expect(await a.leader.lead()).toBe(true);
    await a.leader.stepDown();
    const b = await another();
    expect(await b.leader.lead()).toBe(true);
    expect(await a.leader.lead()).toBe(false);
  });
});
