// The outbox: effects (GitHub writes, CVE reservations, mail) enqueued in the
// same transaction as the state change, then claimed by runners with a lease,
// performed once per idempotency key, and retried with backoff until failed.
// The runner itself is src/app/effects/runner.ts.

import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lte,
  min,
  notExists,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { MINUTE_MS } from '../domain/time.ts';
import type { Db } from './engine.ts';
import { jsonValue, outbox, reports } from './schema.ts';

/** An effect as the outbox holds it: the domain's effect in `payload`, with its delivery state. */
export type StoredEffect = typeof outbox.$inferSelect;
export type EffectStatus = StoredEffect['status'];

export interface NewEffect {
  /** Idempotency key: enqueueing the same key again does nothing; handlers pass it on to the service. */
  key: string;
  kind: string;
  reportId?: string | null;
  payload: unknown;
  /** Attempts before the effect is failed for good (default 8). */
  maxAttempts?: number;
}

const defaultMaxAttempts = 8;
const defaultLeaseMs = 5 * MINUTE_MS;

/** Enqueues effects due at `at`; returns how many were new (the rest were already enqueued). */
export async function enqueueEffects(tx: Db, effects: readonly NewEffect[], at: Date): Promise<number> {
  if (effects.length === 0) return 0;
  const inserted = await tx
    .insert(outbox)
    .values(
      effects.map((effect) => ({
        key: effect.key,
        kind: effect.kind,
        reportId: effect.reportId ?? null,
        payload: jsonValue(effect.payload),
        maxAttempts: effect.maxAttempts ?? defaultMaxAttempts,
        nextAttemptAt: at,
        createdAt: at,
      })),
    )
    .onConflictDoNothing({ target: outbox.key })
    .returning({ id: outbox.id });
  return inserted.length;
}

export interface ClaimOptions {
  /** At most this many effects. */
  limit: number;
  /** With `oneWorkerPerReport`: effects of at most this many reports (default `limit`). */
  reports?: number;
  now: Date;
  workerId: string;
  /** How long the claim holds before another worker may take the effect over (default 5 min). */
  leaseMs?: number;
  /** Claim only these kinds (the ones this worker can perform). */
  kinds?: readonly string[];
  /**
   * Take a report's effects only when no other worker holds one of them (the
   * runner does: GitHub takes a GHSA's collaborators and credits as whole
   * lists, so two workers adding two people at once would each write the
   * list without the other's).
   */
  oneWorkerPerReport?: boolean;
}

/**
 * Claims due effects for one worker. `FOR UPDATE SKIP LOCKED` lets workers
 * claim side by side without waiting or overlapping. An effect whose lease
 * ran out (its runner crashed) is claimed again and that counts as a failed
 * attempt, so an effect that kills its runner ends up failed, not looping.
 */
export async function claimEffects(db: Db, options: ClaimOptions): Promise<StoredEffect[]> {
  const { now, workerId } = options;
  const claimedUntil = new Date(now.getTime() + (options.leaseMs ?? defaultLeaseMs));
  const ofKinds = options.kinds ? inArray(outbox.kind, [...options.kinds]) : undefined;
  const leaseExpired = and(eq(outbox.status, 'claimed'), lte(outbox.claimedUntil, now));
  const claimable = and(
    or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), leaseExpired),
    ofKinds,
  );
  return db.transaction(async (tx) => {
    const exhausted = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          leaseExpired,
          isNotNull(outbox.startedAt),
          sql`${outbox.attempts} + 1 >= ${outbox.maxAttempts}`,
          ofKinds,
        ),
      )
      .for('update', { skipLocked: true });
    await tx
      .update(outbox)
      .set({
        status: 'failed',
        attempts: sql`${outbox.attempts} + 1`,
        lastError: sql`'lease of ' || ${outbox.claimedBy} || ' expired on the last attempt'`,
        claimedBy: null,
        claimedUntil: null,
      })
      .where(inArray(outbox.id, exhausted));

    const ours = options.oneWorkerPerReport
      ? await reportsOfOneWorker(tx, claimable, now, options.reports ?? options.limit)
      : undefined;
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(claimable, ours))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    // A lapsed claim counts as a failed attempt only if its runner had begun performing it.
    const reclaimed = sql`${outbox.status} = 'claimed' and ${outbox.startedAt} is not null`;
    const claimed = await tx
      .update(outbox)
      .set({
        status: 'claimed',
        claimedBy: workerId,
        claimedUntil,
        startedAt: null,
        attempts: sql`case when ${reclaimed} then ${outbox.attempts} + 1 else ${outbox.attempts} end`,
        lastError: sql`case when ${reclaimed} then 'lease of ' || ${outbox.claimedBy} || ' expired' else ${outbox.lastError} end`,
      })
      .where(
        inArray(
          outbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
    return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
  });
}

/**
 * Which effects this worker may take, report by report. It locks the rows of
 * the first `limit` reports with claimable effects that no live claim holds,
 * skipping those another worker is locking at the same moment; the next
 * statement sees every claim committed before those locks and leaves out a
 * report that one took meanwhile. Effects of no report are free to take.
 */
async function reportsOfOneWorker(
  tx: Db,
  claimable: SQL | undefined,
  now: Date,
  limit: number,
): Promise<SQL | undefined> {
  const held = alias(outbox, 'held');
  const heldElsewhere = notExists(
    tx
      .select({ id: held.id })
      .from(held)
      .where(and(eq(held.reportId, outbox.reportId), eq(held.status, 'claimed'), gt(held.claimedUntil, now))),
  );
  const waiting = tx
    .select({ reportId: outbox.reportId, due: min(outbox.nextAttemptAt).as('due') })
    .from(outbox)
    .where(and(claimable, isNotNull(outbox.reportId), heldElsewhere))
    .groupBy(outbox.reportId)
    .as('waiting');
  const locked = await tx
    .select({ id: reports.id })
    .from(reports)
    .innerJoin(waiting, eq(waiting.reportId, reports.id))
    .orderBy(asc(waiting.due), asc(reports.id))
    .limit(limit)
    .for('no key update', { of: reports, skipLocked: true });
  const ids = locked.map((row) => row.id);
  return or(
    isNull(outbox.reportId),
    ids.length === 0 ? sql`false` : and(inArray(outbox.reportId, ids), heldElsewhere),
  );
}

/**
 * Records success, inside the transaction that records what the effect
 * changed. False if the effect was no longer claimed (another runner took it
 * over after this one's lease ran out, and may have finished it).
 */
/** Marks a claimed effect as begun: from now on, a claim that lapses counts as an attempt. */
export async function startEffect(db: Db, id: number, at: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ startedAt: at })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'claimed')));
}

/**
 * Notes in a claimed effect's `result` a step a retry must not repeat and cannot check at the
 * service (the mail server accepted the message): a retry reads it from the effect (decision 9).
 */
export async function noteEffectProgress(
  db: Db,
  id: number,
  progress: Record<string, unknown>,
): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ result: progress })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'claimed')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export async function completeEffect(db: Db, id: number, result: unknown, at?: Date): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({
      status: 'done',
      result: result === undefined ? null : result,
      completedAt: at ?? sql`now()`,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'claimed')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Records a failure: pending again from `nextAttemptAt`, or failed after its
 * last attempt. `error` is stored and shown: callers pass a message that
 * names ids and causes only, never report text.
 */
export async function failEffect(
  db: Db,
  id: number,
  error: string,
  nextAttemptAt: Date,
  options: { final?: boolean } = {},
): Promise<EffectStatus | null> {
  const attempts = sql`${outbox.attempts} + 1`;
  const giveUp = options.final ? sql`true` : sql`${attempts} >= ${outbox.maxAttempts}`;
  const [row] = await db
    .update(outbox)
    .set({
      attempts,
      status: sql`case when ${giveUp} then 'failed' else 'pending' end`,
      nextAttemptAt,
      lastError: error,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'claimed')))
    .returning({ status: outbox.status });
  return row?.status ?? null;
}

/** Gives a claimed effect back untried (a runner shutting down), due at once for the next runner. */
export async function releaseEffect(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', claimedBy: null, claimedUntil: null, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'claimed')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Drives a failed effect again: pending now, with a fresh set of attempts.
 * Null when there is no such effect; `retried` false when it was not failed.
 */
export async function retryEffect(
  db: Db,
  id: number,
  now: Date,
): Promise<{ effect: StoredEffect; retried: boolean } | null> {
  const [retried] = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  if (retried) return { effect: retried, retried: true };
  const [found] = await db.select().from(outbox).where(eq(outbox.id, id));
  return found ? { effect: found, retried: false } : null;
}

export interface EffectFilter {
  status?: EffectStatus;
  reportId?: string;
  /** Newest first, at most this many (default: all, oldest first). */
  latest?: number;
}

export async function listEffects(db: Db, filter: EffectFilter = {}): Promise<StoredEffect[]> {
  const where = and(
    filter.status ? eq(outbox.status, filter.status) : undefined,
    filter.reportId ? eq(outbox.reportId, filter.reportId) : undefined,
  );
  if (filter.latest !== undefined) {
    const rows = await db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(filter.latest);
    return rows.reverse();
  }
  return db.select().from(outbox).where(where).orderBy(asc(outbox.id));
}

export interface OutboxSummary {
  byStatus: Record<EffectStatus, number>;
  /** When the oldest pending effect became due, or null when none waits. */
  oldestPendingSince: Date | null;
}

/** Counts by status and the oldest due effect, for `psrt effects list` and health checks. */
export async function outboxSummary(db: Db): Promise<OutboxSummary> {
  const counts = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  const [oldest] = await db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(eq(outbox.status, 'pending'));
  const byStatus = { pending: 0, claimed: 0, done: 0, failed: 0 };
  for (const row of counts) byStatus[row.status] = row.n;
  return { byStatus, oldestPendingSince: oldest?.at ?? null };
}
