// The effect runner: claims due effects (FOR UPDATE SKIP LOCKED, so several
// runners on one PostgreSQL never take the same row, nor a report another
// runner is working on), performs each through the table in performers.ts,
// and records the outcome: done, with its audit event and whatever the effect
// changed, in one transaction; or a failure to retry with backoff, until the
// last attempt leaves it visibly failed.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../config/logger.ts';
import { parseEffect } from '../../domain/effects.ts';
import {
  appendAudit,
  claimEffects,
  completeEffect,
  failEffect,
  releaseEffect,
  type Store,
  type StoredEffect,
  startEffect,
} from '../../store/index.ts';
import { actorName } from '../context.ts';
import { loggableError, safeErrorMessage } from '../errors.ts';
import { performableKinds, performerOf } from './performers.ts';
import { runnerPrincipal } from './principal.ts';
import { type BackoffPolicy, defaultBackoff, EffectError, isPermanent, nextAttemptAt } from './retry.ts';
import { createRunContext, type RunContext } from './run-context.ts';
import { type EffectServices, ServiceMissing } from './services.ts';

export interface RunnerDeps {
  store: Store;
  now: () => Date;
  log: Logger;
  services: EffectServices;
}

export interface RunnerOptions {
  /** Names this runner in claims and logs (default: a random id). */
  runnerId?: string;
  /** Effects claimed per pass (default 8: a pass lasts as long as its slowest effect, so keep it short). */
  batch?: number;
  /** Reports whose effects run side by side; one report's effects run in order (default 8). */
  concurrency?: number;
  /** How long a claim holds before another runner may take the effect over (default 2 min). */
  leaseMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Named steps; the crash tests kill the process at one of them. */
  checkpoint?: (step: string) => Promise<void> | void;
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

/** The message stored and shown for a failure: ids and causes, never report text. */
export function effectErrorMessage(error: unknown): string {
  if (error instanceof EffectError || error instanceof ServiceMissing) return error.message;
  if (error instanceof Error && ['GitHubError', 'CnaError'].includes(error.name)) return error.message;
  if (error instanceof Error && safeErrorMessage(error).startsWith('database error:'))
    return safeErrorMessage(error);
  const name = error instanceof Error ? error.name : typeof error;
  return `${name} while performing the effect (details in the server log)`;
}

/** One pass: claim what is due and perform it. `stopping` makes the rest of the batch go back untried. */
export async function runDueEffects(
  deps: RunnerDeps,
  options: RunnerOptions = {},
  stopping: () => boolean = () => false,
): Promise<PassReport> {
  const report = emptyPass();
  const run = createRunContext({ ...deps, checkpoint: options.checkpoint });
  const kinds = performableKinds(deps.services);
  if (kinds.length === 0) return report;
  const claimed = await claimEffects(deps.store.db, {
    limit: options.batch ?? 8,
    now: deps.now(),
    workerId: options.runnerId ?? `runner-${process.pid}`,
    leaseMs: options.leaseMs ?? 120_000,
    kinds,
    // One report's effects in order, by one runner at a time, whichever instance it runs in.
    oneWorkerPerReport: true,
  });
  report.claimed = claimed.length;
  if (claimed.length === 0) return report;
  await run.checkpoint('runner:claimed');

  // One queue per report keeps its effects in order; reports proceed side by side.
  const queues = new Map<string, StoredEffect[]>();
  for (const effect of claimed) {
    const queue = effect.reportId ?? `effect:${effect.id}`;
    queues.set(queue, [...(queues.get(queue) ?? []), effect]);
  }
  const pending = [...queues.values()];
  const worker = async () => {
    for (let queue = pending.shift(); queue; queue = pending.shift()) {
      for (const effect of queue) {
        if (stopping()) {
          if (await releaseEffect(deps.store.db, effect.id, deps.now())) report.released++;
          continue;
        }
        const outcome = await performOne(run, effect, options);
        report[outcome]++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return report;
}

type Outcome = 'done' | 'retrying' | 'failed';

async function performOne(run: RunContext, stored: StoredEffect, options: RunnerOptions): Promise<Outcome> {
  const parsed = parseEffect(stored.payload);
  const performer = parsed.ok ? performerOf(parsed.effect.kind) : undefined;
  if (!parsed.ok || !performer) {
    const problem = parsed.ok ? `no performer for ${stored.kind}` : parsed.problem;
    await failEffect(run.store.db, stored.id, problem, run.now(), { final: true });
    return 'failed';
  }
  const effect = parsed.effect;
  try {
    await startEffect(run.store.db, stored.id, run.now());
    const performed = await performer(effect, run, stored);
    await run.checkpoint('runner:performed');
    const recorded = await run.store.transaction(async (tx) => {
      const at = run.now();
      await performed.commit?.(tx);
      // Another runner took the effect over (our lease ran out): leave the outcome to it.
      if (!(await completeEffect(tx, stored.id, performed.result ?? null, at))) return false;
      await appendAudit(tx, {
        actor: actorName(runnerPrincipal),
        action: 'effect.done',
        subject: stored.reportId ?? 'effects',
        at,
        change: { effect: stored.id, kind: stored.kind, key: stored.key, result: performed.result ?? null },
      });
      return true;
    });
    await run.checkpoint('runner:committed');
    return recorded ? 'done' : 'retrying';
  } catch (error) {
    return recordFailure(run, stored, error, options);
  }
}

async function recordFailure(
  run: RunContext,
  stored: StoredEffect,
  error: unknown,
  options: RunnerOptions,
): Promise<Outcome> {
  const now = run.now();
  const final = isPermanent(error);
  const retryAt = nextAttemptAt(
    error,
    stored.attempts + 1,
    now,
    options.backoff ?? defaultBackoff,
    options.random,
  );
  const message = effectErrorMessage(error);
  const status = await failEffect(run.store.db, stored.id, message, retryAt, { final });
  run.log.warn(
    {
      effect: stored.id,
      kind: stored.kind,
      report: stored.reportId,
      attempts: stored.attempts + 1,
      status,
      retryAt: status === 'pending' ? retryAt.toISOString() : undefined,
      err: loggableError(error),
    },
    status === 'failed' ? 'effect failed for good' : 'effect failed; will retry',
  );
  return status === 'failed' ? 'failed' : 'retrying';
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
  /** When the runner last finished a pass (for readiness checks). */
  lastPassAt(): Date | null;
  /** Stops claiming, gives back what it had not started, and waits for what it had (at most `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Runs passes until stopped: at once while there is work, every `idleMs` when there is none. */
export function startEffectRunner(
  deps: RunnerDeps,
  options: RunnerOptions & { idleMs?: number } = {},
): EffectRunner {
  const runnerId = options.runnerId ?? `runner-${process.pid}-${randomUUID().slice(0, 8)}`;
  const idleMs = options.idleMs ?? 250;
  let stopping = false;
  let lastPassAt: Date | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      try {
        const pass = await runDueEffects(deps, { ...options, runnerId }, () => stopping);
        lastPassAt = deps.now();
        failures = 0;
        if (pass.claimed === 0) await pause(idleMs);
      } catch (error) {
        // The database is unreachable or similar: say so, and back off up to half a minute.
        failures++;
        deps.log.error({ err: loggableError(error), runner: runnerId }, 'effect runner pass failed');
        await pause(Math.min(30_000, idleMs * 2 ** failures));
      }
    }
  })();

  return {
    lastPassAt: () => lastPassAt,
    async stop(graceMs = Number.POSITIVE_INFINITY) {
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        if (Number.isFinite(graceMs)) timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([loop, grace]);
      clearTimeout(timer);
    },
  };
}
