// What people see of the webhook deliveries GitHub sent and what they may do
// to them: list them (event, action, status, attempts, times, last error, never
// the payload) and drive a failed one again. Members only, as for effects.
import type { Principal } from '../../domain/report.ts';
import {
  appendAudit,
  type DeliveryRecord,
  type DeliveryStatus,
  type DeliverySummary,
  deliverySummary,
  listDeliveries,
  retryDelivery,
} from '../../store/index.ts';
import { authorize } from '../authorize.ts';
import { type AppContext, actorName } from '../context.ts';
import { UseCaseError } from '../errors.ts';

export async function listDeliveriesAs(
  ctx: AppContext,
  actor: Principal,
  filter: { status?: DeliveryStatus; latest?: number } = {},
): Promise<{ deliveries: DeliveryRecord[]; summary: DeliverySummary }> {
  authorize(actor, 'webhooks.manage');
  const [deliveries, summary] = await Promise.all([
    listDeliveries(ctx.store.db, filter),
    deliverySummary(ctx.store.db, ctx.now()),
  ]);
  return { deliveries, summary };
}

/**
 * Drives a failed delivery again, now, with a fresh set of attempts; a running
 * `psrt serve` picks it up within its idle interval. Audited, as a person's act.
 */
export async function retryDeliveryAs(
  ctx: AppContext,
  actor: Principal,
  guid: string,
): Promise<DeliveryRecord> {
  authorize(actor, 'webhooks.manage');
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const found = await retryDelivery(tx, guid, now);
    if (!found)
      throw new UseCaseError('not-found', `No webhook delivery ${guid}. List them with psrt webhooks list.`);
    const { delivery, retried } = found;
    if (!retried) {
      throw new UseCaseError(
        'conflict',
        `Webhook delivery ${guid} is ${delivery.status}, not failed: only a failed delivery is retried.`,
      );
    }
    await appendAudit(tx, {
      actor: actorName(actor),
      action: 'webhook.retry',
      subject: 'webhooks',
      at: now,
      change: { delivery: guid, event: delivery.event, action: delivery.action },
    });
    return delivery;
  });
}
