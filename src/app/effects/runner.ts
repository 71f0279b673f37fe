// The effect runner: claims due effects (FOR UPDATE SKIP LOCKED, so several
// runners on one PostgreSQL never take the same row, nor a report another
// runner is working on) and performs them (perform.ts), one report's effects
// in order and reports side by side.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../config/logger.ts';
import { claimEffects, releaseEffect, type Store, type StoredEffect } from '../../store/index.ts';
import { startClaimLoop } from '../claim-loop.ts';
import { performOne } from './perform.ts';
import { performableKinds } from './performers.ts';
import type { BackoffPolicy } from './retry.ts';
import { createRunContext, type RunContext } from './run-context.ts';
import type { EffectServices } from './services.ts';

export interface RunnerDeps {
  store: Store;
  now: () => Date;
  log: Logger;
  services: EffectServices;
}

export interface RunnerOptions {
  /** Names this runner in claims and logs (default: a random id). */
  runnerId?: string;
  /** Effects claimed at once (default 16). */
  batch?: number;
  /**
   * Reports whose effects run side by side (default 8); one report's effects
   * run in order. Effects of no report (mail to a list) each count as one.
   */
  concurrency?: number;
  /** How long a claim holds before another runner may take the effect over (default 2 min). */
  leaseMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Named steps; the crash tests kill the process at one of them. */
  checkpoint?: (step: string) => Promise<void> | void;
  /** Called at each turn of the runner's loop that went well (src/app/heartbeats). */
  heartbeat?: () => void;
}

export interface PassReport {
  claimed: number;
  done: number;
  retrying: number;
  failed: number;
  /** Claimed but given back untried because the runner is stopping. */
  released: number;
}

const emptyPass = (): PassReport => ({ claimed: 0, done: 0, retrying: 0, failed: 0, released: 0 });
const defaults = { batch: 16, concurrency: 8, leaseMs: 120_000 };

/**
 * Claims what is due, from at most `reports` reports, grouped into one queue
 * per report (in order) and one per effect of no report.
 */
async function claimQueues(
  run: RunContext,
  options: RunnerOptions & { runnerId: string },
  reports: number,
): Promise<StoredEffect[][]> {
  const kinds = performableKinds(run.services);
  if (kinds.length === 0) return [];
  const claimed = await claimEffects(run.store.db, {
    limit: options.batch ?? defaults.batch,
    reports,
    now: run.now(),
    workerId: options.runnerId,
    leaseMs: options.leaseMs ?? defaults.leaseMs,
    kinds,
    // One report's effects in order, by one runner at a time, whichever instance it runs in.
    oneWorkerPerReport: true,
  });
  const queues = new Map<string, StoredEffect[]>();
  for (const effect of claimed) {
    const queue = effect.reportId ?? `effect:${effect.id}`;
    queues.set(queue, [...(queues.get(queue) ?? []), effect]);
  }
  return [...queues.values()];
}

/** Performs one queue's effects in order; once `stopping`, the rest go back untried. */
async function performQueue(
  run: RunContext,
  queue: readonly StoredEffect[],
  options: RunnerOptions,
  stopping: () => boolean,
  tally: PassReport,
): Promise<void> {
  for (const effect of queue) {
    if (stopping()) {
      if (await releaseEffect(run.store.db, effect.id, run.now())) tally.released++;
      continue;
    }
    tally[await performOne(run, effect, options)]++;
  }
}

/**
 * One pass: claim what is due (at most `batch`) and perform it, `concurrency`
 * reports at a time. For `psrt effects run --once`, the sandbox's replay and
 * the tests; `psrt serve` runs `startEffectRunner`, which claims continuously.
 */
export async function runDueEffects(
  deps: RunnerDeps,
  options: RunnerOptions = {},
  stopping: () => boolean = () => false,
): Promise<PassReport> {
  const tally = emptyPass();
  const run = createRunContext({ ...deps, checkpoint: options.checkpoint });
  const runnerId = options.runnerId ?? `runner-${process.pid}`;
  const batch = options.batch ?? defaults.batch;
  const pending = await claimQueues(run, { ...options, runnerId }, batch);
  tally.claimed = pending.reduce((n, queue) => n + queue.length, 0);
  if (tally.claimed === 0) return tally;
  await run.checkpoint('runner:claimed');
  const worker = async () => {
    for (let queue = pending.shift(); queue; queue = pending.shift()) {
      await performQueue(run, queue, options, stopping, tally);
    }
  };
  const concurrency = options.concurrency ?? defaults.concurrency;
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return tally;
}

/** Passes until nothing is due any more (follow-ups included, e.g. the CVE ID written to the GHSA). */
export async function performDueEffects(deps: RunnerDeps, options: RunnerOptions = {}): Promise<PassReport> {
  const total = emptyPass();
  for (
    let pass = await runDueEffects(deps, options);
    pass.claimed > 0;
    pass = await runDueEffects(deps, options)
  ) {
    for (const key of Object.keys(total) as (keyof PassReport)[]) total[key] += pass[key];
  }
  return total;
}

export interface EffectRunner {
  /** Effects were just enqueued: look now, not at the next idle tick. */
  nudge(): void;
  /** What the runner did since it started. */
  totals(): PassReport;
  /** Stops claiming, gives back what it had not started, and waits for what it had (at most `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Performs effects until stopped. It claims whenever a report's queue
 * finishes and a slot is free, not pass by pass, so an effect never waits
 * for a slow one of another report; with nothing due it looks again every
 * `idleMs` (or as soon as a queue finishes, since that may have queued a
 * follow-up such as the CVE ID written to the GHSA).
 */
export function startEffectRunner(
  deps: RunnerDeps,
  options: RunnerOptions & { idleMs?: number } = {},
): EffectRunner {
  const runnerId = options.runnerId ?? `runner-${process.pid}-${randomUUID().slice(0, 8)}`;
  const run = createRunContext({ ...deps, checkpoint: options.checkpoint });
  const tally = emptyPass();
  const loop = startClaimLoop<StoredEffect[]>({
    name: `effect runner ${runnerId}`,
    log: deps.log,
    concurrency: Math.max(1, options.concurrency ?? defaults.concurrency),
    idleMs: options.idleMs ?? 250,
    claim: async (free) => {
      const queues = await claimQueues(run, { ...options, runnerId }, free);
      for (const queue of queues) tally.claimed += queue.length;
      return queues;
    },
    perform: (queue, stopping) => performQueue(run, queue, options, stopping, tally),
    heartbeat: options.heartbeat,
  });
  return { nudge: loop.nudge, totals: () => ({ ...tally }), stop: (graceMs) => loop.stop(graceMs) };
}
