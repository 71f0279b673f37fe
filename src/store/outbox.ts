// The outbox: effects (GitHub writes, CVE reservations, mail) enqueued in the
// same transaction as the state change, then claimed by workers with a lease,
// performed once per idempotency key, and retried with backoff until dead.

import { and, asc, count, eq, inArray, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Store } from './engine.ts';
import { jsonValue, outbox } from './schema.ts';

export type Effect = typeof outbox.$inferSelect;
export type EffectStatus = Effect['status'];

export interface NewEffect {
  /** Idempotency key: enqueueing the same key again does nothing; handlers pass it on to the service. */
  key: string;
  kind: string;
  reportId?: string | null;
  payload: unknown;
  /** Failures before the effect is dead (default 8). */
  maxAttempts?: number;
}

const defaultMaxAttempts = 8;
const defaultLeaseMs = 5 * 60_000;

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
  limit: number;
  now: Date;
  workerId: string;
  /** How long the claim holds before another worker may take the effect over (default 5 min). */
  leaseMs?: number;
  /** Claim only these kinds (the ones this worker can perform). */
  kinds?: readonly string[];
}

/**
 * Claims due effects for one worker. `FOR UPDATE SKIP LOCKED` lets workers
 * claim side by side without waiting or overlapping. An effect whose lease
 * ran out (its worker crashed) is claimed again and that counts as a failed
 * attempt, so an effect that kills its worker ends up dead, not looping.
 */
export async function claimEffects(db: Db, options: ClaimOptions): Promise<Effect[]> {
  const { now, workerId } = options;
  const claimedUntil = new Date(now.getTime() + (options.leaseMs ?? defaultLeaseMs));
  const ofKinds = options.kinds ? inArray(outbox.kind, [...options.kinds]) : undefined;
  const leaseExpired = and(eq(outbox.status, 'claimed'), lte(outbox.claimedUntil, now));
  return db.transaction(async (tx) => {
    const exhausted = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(leaseExpired, sql`${outbox.attempts} + 1 >= ${outbox.maxAttempts}`, ofKinds))
      .for('update', { skipLocked: true });
    await tx
      .update(outbox)
      .set({
        status: 'dead',
        attempts: sql`${outbox.attempts} + 1`,
        lastError: sql`'lease of ' || ${outbox.claimedBy} || ' expired on the last attempt'`,
        claimedBy: null,
        claimedUntil: null,
      })
      .where(inArray(outbox.id, exhausted));

    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(or(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)), leaseExpired), ofKinds),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const reclaimed = sql`${outbox.status} = 'claimed'`;
    const claimed = await tx
      .update(outbox)
      .set({
        status: 'claimed',
        claimedBy: workerId,
        claimedUntil,
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

/** Records success. False if the effect was no longer claimed (another worker finished it first). */
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

/** Records a failure: pending again from `nextAttemptAt`, or dead after its last attempt. */
export async function failEffect(
  db: Db,
  id: number,
  error: unknown,
  nextAttemptAt: Date,
): Promise<EffectStatus | null> {
  const attempts = sql`${outbox.attempts} + 1`;
  const [row] = await db
    .update(outbox)
    .set({
      attempts,
      status: sql`case when ${attempts} >= ${outbox.maxAttempts} then 'dead' else 'pending' end`,
      nextAttemptAt,
      lastError: error instanceof Error ? error.message : String(error),
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'claimed')))
    .returning({ status: outbox.status });
  return row?.status ?? null;
}

export async function listEffects(db: Db, filter: { status?: EffectStatus; reportId?: string } = {}) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        filter.status ? eq(outbox.status, filter.status) : undefined,
        filter.reportId ? eq(outbox.reportId, filter.reportId) : undefined,
      ),
    )
    .orderBy(asc(outbox.id));
}

/** Delay before the next try after `attempts` failures: base, 2×base, 4×base, … capped. */
export const exponentialBackoff =
  ({ baseMs = 30_000, maxMs = 6 * 3_600_000 }: { baseMs?: number; maxMs?: number } = {}) =>
  (attempts: number): number =>
    Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));

export type EffectHandler = (effect: Effect) => Promise<unknown>;

export interface RunEffectsOptions {
  now: Date;
  backoff?: (attempts: number) => number;
  workerId?: string;
  limit?: number;
  leaseMs?: number;
}

export interface RunEffectsReport {
  done: number;
  retrying: number;
  dead: number;
  /** Due effects of kinds no handler performs: left pending for a worker that knows them. */
  unknownKinds: { kind: string; pending: number }[];
}

/** One step of the worker loop: claim due effects, perform each, record the outcome. */
export async function runEffects(
  store: Store,
  handlers: Readonly<Record<string, EffectHandler>>,
  options: RunEffectsOptions,
): Promise<RunEffectsReport> {
  const { now } = options;
  const backoff = options.backoff ?? exponentialBackoff();
  const kinds = Object.keys(handlers);
  const report: RunEffectsReport = { done: 0, retrying: 0, dead: 0, unknownKinds: [] };
  const effects = await claimEffects(store.db, {
    limit: options.limit ?? 20,
    now,
    workerId: options.workerId ?? `worker-${process.pid}`,
    leaseMs: options.leaseMs,
    kinds,
  });
  for (const effect of effects) {
    let result: unknown;
    try {
      result = await (handlers[effect.kind] as EffectHandler)(effect);
    } catch (error) {
      const retryAt = new Date(now.getTime() + backoff(effect.attempts + 1));
      const status = await failEffect(store.db, effect.id, error, retryAt);
      if (status === 'dead') report.dead++;
      else if (status === 'pending') report.retrying++;
      continue;
    }
    // Outside the try: a failure to record success must not count as a failed attempt.
    if (await completeEffect(store.db, effect.id, result, now)) report.done++;
  }
  const unknown = await store.db
    .select({ kind: outbox.kind, pending: count() })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), kinds.length > 0 ? notInArray(outbox.kind, kinds) : undefined))
    .groupBy(outbox.kind)
    .orderBy(asc(outbox.kind));
  report.unknownKinds = unknown;
  return report;
}
