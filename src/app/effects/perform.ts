// Performing one claimed effect: through its performer (performers.ts), then
// recording the outcome: done, with its audit event and whatever the effect
// changed, in one transaction; or a failure to retry with backoff, until the
// last attempt leaves it visibly failed.
import { parseEffect } from '../../domain/effects.ts';
import { failEffect, type StoredEffect, startEffect } from '../../store/index.ts';
import { loggableError, safeErrorMessage } from '../errors.ts';
import { performerOf } from './performers.ts';
import { type BackoffPolicy, defaultBackoff, EffectError, isPermanent, nextAttemptAt } from './retry.ts';
import type { RunContext } from './run-context.ts';
import { ServiceMissing } from './services.ts';

/** The message stored and shown for a failure: ids and causes, never report text. */
function effectErrorMessage(error: unknown): string {
  if (error instanceof EffectError || error instanceof ServiceMissing) return error.message;
  if (error instanceof Error && ['GitHubError', 'CnaError'].includes(error.name)) return error.message;
  if (error instanceof Error && safeErrorMessage(error).startsWith('database error:'))
    return safeErrorMessage(error);
  const name = error instanceof Error ? error.name : typeof error;
  return `${name} while performing the effect (details in the server log)`;
}

export type Outcome = 'done' | 'retrying' | 'failed';

export async function performOne(
  run: RunContext,
  stored: StoredEffect,
  options: { backoff?: BackoffPolicy; random?: () => number },
): Promise<Outcome> {
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
    const recorded = await run.recordDone(stored, performed);
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
  options: { backoff?: BackoffPolicy; random?: () => number },
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
