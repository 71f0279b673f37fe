// GitHub's webhook deliveries: recorded once per GUID when they arrive, then
// claimed by processors with a lease (FOR UPDATE SKIP LOCKED, so processors
// sharing one PostgreSQL never take the same delivery), retried with backoff
// until done, ignored or failed. The processor is src/app/bot/deliveries.ts.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, min, or, sql } from 'drizzle-orm';
import type { Db } from './engine.ts';
import { jsonValue, webhookDeliveries } from './schema.ts';

export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)['status'];

/** A delivery as processors get it: everything, the payload included. */
export type StoredDelivery = typeof webhookDeliveries.$inferSelect;

/** A delivery as people see it: what, when and how it went, never the payload. */
export type DeliveryRecord = Omit<StoredDelivery, 'payload' | 'claimedBy' | 'claimedUntil'>;

export interface NewDelivery {
  guid: string;
  event: string;
  action: string | null;
  installationId: number | null;
  payload: unknown;
  receivedAt: Date;
  /** `done` for what needs no processing (a `ping`); default `pending`. */
  status?: 'pending' | 'done';
}

/** Records a delivery; false when its GUID was recorded before (a redelivery), which is left as it was. */
export async function insertDelivery(db: Db, delivery: NewDelivery): Promise<boolean> {
  const done = delivery.status === 'done';
  const inserted = await db
    .insert(webhookDeliveries)
    .values({
      guid: delivery.guid,
      event: delivery.event,
      action: delivery.action,
      installationId: delivery.installationId,
      payload: jsonValue(delivery.payload),
      receivedAt: delivery.receivedAt,
      status: done ? 'done' : 'pending',
      nextAttemptAt: delivery.receivedAt,
      processedAt: done ? delivery.receivedAt : null,
    })
    .onConflictDoNothing({ target: webhookDeliveries.guid })
    .returning({ guid: webhookDeliveries.guid });
  return inserted.length > 0;
}

export interface DeliveryClaim {
  limit: number;
  now: Date;
  workerId: string;
  leaseMs: number;
  /** A claim whose lease ran out counts as an attempt; at this many the delivery is failed instead. */
  maxAttempts: number;
}

const pending = eq(webhookDeliveries.status, 'pending');

/**
 * Claims due deliveries, oldest first, in one statement (`FOR UPDATE SKIP
 * LOCKED`: processors claiming at the same moment take different ones). A
 * delivery whose lease ran out (its processor died mid-way) is claimed again,
 * and that counts as an attempt; at the last attempt it is failed instead, so
 * a delivery that kills its processor ends up failed, not looping.
 */
export async function claimDeliveries(db: Db, claim: DeliveryClaim): Promise<StoredDelivery[]> {
  const { now, workerId } = claim;
  const d = webhookDeliveries;
  const due = db
    .select({ guid: d.guid })
    .from(d)
    .where(and(pending, lte(d.nextAttemptAt, now), or(isNull(d.claimedUntil), lte(d.claimedUntil, now))))
    .orderBy(asc(d.receivedAt), asc(d.guid))
    .limit(claim.limit)
    .for('update', { skipLocked: true });
  const lapsed = sql`${d.claimedUntil} is not null`;
  const exhausted = sql`${lapsed} and ${d.attempts} + 1 >= ${claim.maxAttempts}`;
  const rows = await db
    .update(d)
    .set({
      status: sql`case when ${exhausted} then 'failed' else 'pending' end`,
      claimedBy: sql`case when ${exhausted} then null else ${workerId} end`,
      claimedUntil: sql`case when ${exhausted} then null else ${new Date(now.getTime() + claim.leaseMs)}::timestamptz end`,
      processedAt: sql`case when ${exhausted} then ${now}::timestamptz else ${d.processedAt} end`,
      attempts: sql`case when ${lapsed} then ${d.attempts} + 1 else ${d.attempts} end`,
      lastError: sql`case when ${exhausted} then 'lease of ' || ${d.claimedBy} || ' expired on the last attempt'
        when ${lapsed} then 'lease of ' || ${d.claimedBy} || ' expired' else ${d.lastError} end`,
    })
    .where(inArray(d.guid, due))
    .returning();
  return rows
    .filter((row) => row.status === 'pending')
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.guid < b.guid ? -1 : 1));
}

/** Held by this worker, its lease not lapsed into another's hands. */
const heldBy = (guids: string[], workerId: string) =>
  and(inArray(webhookDeliveries.guid, guids), pending, eq(webhookDeliveries.claimedBy, workerId));

/**
 * Records, in one statement, that handlers ran to the end (`done`) or had
 * nothing to do (`ignored`). Returns the GUIDs recorded: one missing was no
 * longer this worker's (its lease lapsed and another processor took it over).
 */
export async function finishDeliveries(
  db: Db,
  workerId: string,
  outcomes: readonly { guid: string; outcome: 'done' | 'ignored' }[],
  at: Date,
): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const done = outcomes.filter((o) => o.outcome === 'done').map((o) => o.guid);
  const rows = await db
    .update(webhookDeliveries)
    .set({
      status:
        done.length === 0
          ? 'ignored'
          : sql`case when ${inArray(webhookDeliveries.guid, done)} then 'done' else 'ignored' end`,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      processedAt: at,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(
      heldBy(
        outcomes.map((o) => o.guid),
        workerId,
      ),
    )
    .returning({ guid: webhookDeliveries.guid });
  return new Set(rows.map((row) => row.guid));
}

/**
 * Records a failed attempt: pending again from `nextAttemptAt`, or failed when
 * `final`. `error` is stored and shown: callers pass a message that names
 * causes only, never payload text. Null if the delivery was no longer this worker's.
 */
export async function failDelivery(
  db: Db,
  guid: string,
  workerId: string,
  failure: { error: string; nextAttemptAt: Date; final: boolean; at: Date },
): Promise<DeliveryStatus | null> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: failure.final ? 'failed' : 'pending',
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      nextAttemptAt: failure.nextAttemptAt,
      processedAt: failure.final ? failure.at : null,
      lastError: failure.error,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(heldBy([guid], workerId))
    .returning({ status: webhookDeliveries.status });
  return row?.status ?? null;
}

const recordColumns = {
  guid: webhookDeliveries.guid,
  event: webhookDeliveries.event,
  action: webhookDeliveries.action,
  installationId: webhookDeliveries.installationId,
  receivedAt: webhookDeliveries.receivedAt,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  processedAt: webhookDeliveries.processedAt,
  lastError: webhookDeliveries.lastError,
};

/**
 * Drives a failed delivery again: pending now, with a fresh set of attempts.
 * Null when there is no such delivery; `retried` false when it was not failed.
 */
export async function retryDelivery(
  db: Db,
  guid: string,
  now: Date,
): Promise<{ delivery: DeliveryRecord; retried: boolean } | null> {
  const [retried] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, processedAt: null })
    .where(and(eq(webhookDeliveries.guid, guid), eq(webhookDeliveries.status, 'failed')))
    .returning(recordColumns);
  if (retried) return { delivery: retried, retried: true };
  const [found] = await db
    .select(recordColumns)
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.guid, guid));
  return found ? { delivery: found, retried: false } : null;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  /** The newest this many (default: all), listed oldest first. */
  latest?: number;
}

/** Deliveries without their payloads, oldest first. */
export async function listDeliveries(db: Db, filter: DeliveryFilter = {}): Promise<DeliveryRecord[]> {
  const where = filter.status ? eq(webhookDeliveries.status, filter.status) : undefined;
  const query = db.select(recordColumns).from(webhookDeliveries).where(where);
  if (filter.latest === undefined)
    return query.orderBy(asc(webhookDeliveries.receivedAt), asc(webhookDeliveries.guid));
  const rows = await query
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.guid))
    .limit(filter.latest);
  return rows.reverse();
}

export interface DeliverySummary {
  byStatus: Record<DeliveryStatus, number>;
  /** Pending deliveries a processor holds right now. */
  inProgress: number;
  /** When the oldest pending delivery arrived, or null when none waits. */
  oldestPendingSince: Date | null;
}

/** Counts by status and the oldest waiting delivery, for `psrt webhooks list`. */
export async function deliverySummary(db: Db, now: Date): Promise<DeliverySummary> {
  const d = webhookDeliveries;
  const counts = await db.select({ status: d.status, n: count() }).from(d).groupBy(d.status);
  const [waiting] = await db
    .select({
      oldest: min(d.receivedAt),
      held: sql<number>`count(*) filter (where ${gt(d.claimedUntil, now)})`.mapWith(Number),
    })
    .from(d)
    .where(pending);
  const byStatus = { pending: 0, done: 0, ignored: 0, failed: 0 };
  for (const row of counts) byStatus[row.status] = row.n;
  return { byStatus, inProgress: waiting?.held ?? 0, oldestPendingSince: waiting?.oldest ?? null };
}
