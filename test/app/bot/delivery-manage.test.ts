// What PSRT members see of GitHub's webhook deliveries and what they may do:
// list them without their payloads, and drive a failed one again (audited);
// nobody else sees them, since payloads carry advisory text.
import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { type DeliveryHandlers, processDueDeliveries } from '../../../src/app/bot/deliveries.ts';
import { receiveDelivery } from '../../../src/app/bot/delivery-intake.ts';
import { listDeliveriesAs, retryDeliveryAs } from '../../../src/app/bot/delivery-manage.ts';
import { listAudit } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { failsWith, testApp } from '../support.ts';

forEachEngine('webhook deliveries as members see them', (engine) => {
  const app = testApp(engine);
  beforeEach(() => app.importDevguideRoster());

  async function arrives(event = 'repository_advisory') {
    const guid = randomUUID();
    const payload =
      event === 'ping'
        ? { zen: 'Design for failure.', hook_id: 400000000 }
        : { action: 'reported', repository_advisory: { summary: 'EMBARGOED zipfile overflow' } };
    await receiveDelivery(app.ctx(), { guid, event, payload, body: JSON.stringify(payload) });
    return guid;
  }
  const failing: DeliveryHandlers = {
    repository_advisory: async () => {
      throw new Error('GitHub is down');
    },
  };

  /** A delivery whose five attempts all failed. */
  async function failedDelivery(): Promise<string> {
    const guid = await arrives();
    for (let attempt = 0; attempt < 5; attempt++) {
      await processDueDeliveries(app.ctx(), failing);
      app.clock.advance(3_600_000);
    }
    return guid;
  }

  it('a member lists deliveries with their event, action, status, attempts and times, never their payloads', async () => {
    const pending = await arrives();
    app.clock.advance(1_000);
    const ping = await arrives('ping');
    const listed = await listDeliveriesAs(app.ctx(), await app.as('sethmlarson'));
    expect(listed.deliveries.map((d) => [d.guid, d.event, d.action, d.status])).toEqual([
      [pending, 'repository_advisory', 'reported', 'pending'],
      [ping, 'ping', null, 'done'],
    ]);
    expect(JSON.stringify(listed)).not.toContain('EMBARGOED');
    expect(listed.summary).toEqual({
      byStatus: { pending: 1, done: 1, ignored: 0, failed: 0 },
      inProgress: 0,
      oldestPendingSince: app.clock.start,
    });
  });

  it('--failed narrows the list to the deliveries whose processing failed, and --latest to the newest', async () => {
    const failed = await failedDelivery();
    await arrives();
    const seth = await app.as('sethmlarson');
    const only = await listDeliveriesAs(app.ctx(), seth, { status: 'failed' });
    expect(only.deliveries).toEqual([
      expect.objectContaining({ guid: failed, status: 'failed', attempts: 5, lastError: expect.any(String) }),
    ]);
    expect((await listDeliveriesAs(app.ctx(), seth, { latest: 1 })).deliveries).toHaveLength(1);
  });

  it('a failed delivery retried is pending again with a fresh set of attempts, processed, and the retry audited', async () => {
    const guid = await failedDelivery();
    const seth = await app.as('sethmlarson');
    const retried = await retryDeliveryAs(app.ctx(), seth, guid);
    expect(retried).toMatchObject({ guid, status: 'pending', attempts: 0, processedAt: null });
    const tally = await processDueDeliveries(app.ctx(), { repository_advisory: async () => 'done' });
    expect(tally).toMatchObject({ claimed: 1, done: 1 });
    const audit = await listAudit(engine.store().db, 'webhooks');
    expect(audit.map((e) => [e.actor, e.action, e.change])).toEqual([
      ['sethmlarson', 'webhook.retry', { delivery: guid, event: 'repository_advisory', action: 'reported' }],
    ]);
  });

  it('only a failed delivery is retried; an unknown GUID is not found', async () => {
    const seth = await app.as('sethmlarson');
    const pending = await arrives();
    const refused = await failsWith('conflict', retryDeliveryAs(app.ctx(), seth, pending));
    expect(refused.message).toBe(
      `Webhook delivery ${pending} is pending, not failed: only a failed delivery is retried.`,
    );
    await failsWith('not-found', retryDeliveryAs(app.ctx(), seth, randomUUID()));
  });

  it('someone who is not a PSRT member may neither list nor retry deliveries', async () => {
    const guid = await failedDelivery();
    const visitor = await app.as('octocat');
    await failsWith('forbidden', listDeliveriesAs(app.ctx(), visitor));
    await failsWith('forbidden', retryDeliveryAs(app.ctx(), visitor, guid));
  });
});
