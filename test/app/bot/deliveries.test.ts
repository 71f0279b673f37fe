// Processing recorded webhook deliveries on both engines: each is handed to
// its event's handler once, retried with backoff when the handler fails, and
// failed after the last attempt with a cause that holds no payload text; a
// processor that dies mid-way gives the delivery back through its lease; and
// processors of several psrt instances on one database never process one twice.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  type Delivery,
  type DeliveryHandlers,
  processDeliveries,
  processDueDeliveries,
} from '../../../src/app/bot/deliveries.ts';
import { receiveDelivery } from '../../../src/app/bot/delivery-intake.ts';
import type { AppContext } from '../../../src/app/context.ts';
import { PermanentEffectError } from '../../../src/app/effects/retry.ts';
import { UseCaseError } from '../../../src/app/errors.ts';
import { createLogger } from '../../../src/config/logger.ts';
import { claimDeliveries, finishDeliveries, listDeliveries, openStore } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { testApp } from '../support.ts';

const secretWords = 'EMBARGOED tarfile path traversal';

/** A `repository_advisory` delivery as the endpoint records it. */
async function arrives(ctx: AppContext, event = 'repository_advisory', guid: string = randomUUID()) {
  const payload = {
    action: 'reported',
    repository_advisory: { ghsa_id: 'GHSA-2x3v-4w5c-6f7g', summary: secretWords },
    installation: { id: 7 },
  };
  expect(await receiveDelivery(ctx, { guid, event, payload, body: JSON.stringify(payload) })).toBe(
    'recorded',
  );
  return guid;
}

forEachEngine('processing webhook deliveries', (engine) => {
  const app = testApp(engine);
  const lines: string[] = [];
  const log = createLogger('warn', {
    write: (line: string) => lines.push(line),
  } as unknown as NodeJS.WritableStream);
  const ctx = (): AppContext => ({ ...app.ctx(), log });
  const deliveries = () => listDeliveries(engine.store().db);
  /** Passes at the test clock's time, never jittered, until nothing is claimed. */
  const pass = (handlers: DeliveryHandlers) => processDueDeliveries(ctx(), handlers, { random: () => 0 });

  it('hands each delivery to the handler of its event; an event without one is ignored', async () => {
    const handed: Delivery[] = [];
    const advisory = await arrives(ctx());
    const unknown = await arrives(ctx(), 'star');
    const tricky = await arrives(ctx(), 'constructor');
    const tally = await pass({
      repository_advisory: async (_, delivery) => {
        handed.push(delivery);
        return 'done';
      },
    });
    expect(tally).toEqual({ claimed: 3, done: 1, ignored: 2, retrying: 0, failed: 0 });
    expect(handed).toEqual([
      {
        guid: advisory,
        event: 'repository_advisory',
        action: 'reported',
        installationId: 7,
        payload: expect.objectContaining({ repository_advisory: expect.any(Object) }),
      },
    ]);
    const status = Object.fromEntries((await deliveries()).map((d) => [d.guid, [d.status, d.attempts]]));
    expect(status).toEqual({
      [advisory]: ['done', 1],
      [unknown]: ['ignored', 1],
      [tricky]: ['ignored', 1],
    });
    expect(await pass({})).toMatchObject({ claimed: 0 });
  });

  it('a handler that throws is retried with backoff and fails after its fifth attempt, with a cause free of payload text', async () => {
    const guid = await arrives(ctx());
    let calls = 0;
    const handlers: DeliveryHandlers = {
      repository_advisory: async (_, delivery) => {
        calls++;
        const advisory = (delivery.payload as { repository_advisory: { summary: string } })
          .repository_advisory;
        throw new TypeError(`cannot mirror "${advisory.summary}"`);
      },
    };
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await pass(handlers)).toMatchObject({ claimed: 1, [attempt < 5 ? 'retrying' : 'failed']: 1 });
      const [delivery] = await deliveries();
      if (!delivery) throw new Error('the delivery is gone');
      if (attempt === 5) break;
      expect(delivery).toMatchObject({ status: 'pending', attempts: attempt });
      // Not before its time: a pass just before finds nothing due.
      const wait = delivery.nextAttemptAt.getTime() - app.clock.now().getTime();
      waits.push(wait);
      app.clock.advance(wait - 1);
      expect(await pass(handlers)).toMatchObject({ claimed: 0 });
      app.clock.advance(1);
    }
    expect(calls).toBe(5);
    // 15 s doubling, with the jitter at its least (half of each).
    expect(waits).toEqual([7_500, 15_000, 30_000, 60_000]);
    const [failed] = await deliveries();
    expect(failed).toMatchObject({
      guid,
      status: 'failed',
      attempts: 5,
      processedAt: app.clock.now(),
      lastError: 'TypeError in the repository_advisory handler (its stack is in the server log)',
    });
    expect(lines.join('')).toContain('webhook delivery failed for good');
    expect(lines.join('')).not.toContain(secretWords);
    app.clock.advance(3_600_000);
    expect(await pass(handlers)).toMatchObject({ claimed: 0 });
  });

  it("keeps a use-case's own words as the cause, and gives up at once on a failure no retry can fix", async () => {
    const conflict = await arrives(ctx());
    await pass({
      repository_advisory: async () => {
        throw new UseCaseError('conflict', 'PSRT-2026-0001 changed meanwhile; try again.');
      },
    });
    expect((await deliveries())[0]).toMatchObject({
      guid: conflict,
      status: 'pending',
      lastError: 'PSRT-2026-0001 changed meanwhile; try again.',
    });
    await engine.store().db.execute('truncate table webhook_deliveries');
    const hopeless = await arrives(ctx());
    await pass({
      repository_advisory: async () => {
        throw new PermanentEffectError('GHSA-2x3v-4w5c-6f7g is not in python/cpython');
      },
    });
    expect((await deliveries())[0]).toMatchObject({ guid: hopeless, status: 'failed', attempts: 1 });
  });

  it('a delivery whose processor died mid-way is taken over once its lease runs out, the lost run counted as an attempt', async () => {
    const guid = await arrives(ctx());
    const [held] = await claimDeliveries(engine.store().db, {
      limit: 1,
      now: app.clock.now(),
      workerId: 'died',
      leaseMs: 120_000,
      maxAttempts: 5,
    });
    expect(held?.guid).toBe(guid);
    const handlers: DeliveryHandlers = { repository_advisory: async () => 'done' };
    expect(await pass(handlers)).toMatchObject({ claimed: 0 });
    app.clock.advance(120_000);
    expect(await pass(handlers)).toMatchObject({ claimed: 1, done: 1 });
    expect((await deliveries())[0]).toMatchObject({
      status: 'done',
      attempts: 2,
      lastError: 'lease of died expired',
    });
    // The dead processor's late word changes nothing.
    expect(
      await finishDeliveries(engine.store().db, 'died', [{ guid, outcome: 'ignored' }], app.clock.now()),
    ).toEqual(new Set());
    expect((await deliveries())[0]).toMatchObject({ status: 'done' });
  });

  it('a delivery that kills its processor on every attempt ends failed, not looping', async () => {
    await arrives(ctx());
    for (let attempt = 1; attempt <= 5; attempt++) {
      await claimDeliveries(engine.store().db, {
        limit: 1,
        now: app.clock.now(),
        workerId: `victim-${attempt}`,
        leaseMs: 60_000,
        maxAttempts: 5,
      });
      app.clock.advance(60_000);
    }
    expect(await pass({ repository_advisory: async () => 'done' })).toMatchObject({ claimed: 0 });
    expect((await deliveries())[0]).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'lease of victim-5 expired on the last attempt',
    });
  });

  it('two processors of two psrt instances on one database handle each of 200 deliveries exactly once between them', async () => {
    const guids = new Set<string>();
    for (let n = 0; n < 200; n++) guids.add(await arrives(ctx()));
    const url = engine.databaseUrl();
    const other = url ? await openStore({ databaseUrl: url }) : engine.store();
    const handled: string[] = [];
    const handlers: DeliveryHandlers = {
      repository_advisory: async (_, delivery) => {
        handled.push(delivery.guid);
        // A GitHub call's worth of waiting, so the two interleave.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        return 'done';
      },
    };
    const realTime = { ...ctx(), now: () => new Date(Math.max(Date.now(), app.clock.now().getTime())) };
    const first = processDeliveries(realTime, handlers, { processorId: 'a', idleMs: 10 });
    const second = processDeliveries({ ...realTime, store: other }, handlers, {
      processorId: 'b',
      idleMs: 10,
    });
    try {
      const deadline = Date.now() + 60_000;
      while ((await deliveries()).some((d) => d.status !== 'done') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      if (other !== engine.store()) await other.close();
    }
    expect(handled).toHaveLength(200);
    expect(new Set(handled)).toEqual(guids);
    expect(first.totals().done + second.totals().done).toBe(200);
    if (url) {
      // Both took part (on PGlite the one connection serializes them, so one may take all).
      expect(first.totals().done).toBeGreaterThan(0);
      expect(second.totals().done).toBeGreaterThan(0);
    }
    expect((await deliveries()).every((d) => d.status === 'done' && d.attempts === 1)).toBe(true);
  }, 90_000);
});
