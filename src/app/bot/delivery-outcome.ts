// Handling one claimed delivery and recording how it went: the handler's
// outcome, in groups with others finishing at the same time; or a failure,
// retried with backoff until the last attempt, stored and logged with a cause
// that never quotes the payload.
import { failDelivery, finishDeliveries, type StoredDelivery } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import { type BackoffPolicy, EffectError, isPermanent, nextAttemptAt } from '../effects/retry.ts';
import { loggableError, safeErrorMessage, UseCaseError } from '../errors.ts';
import type { DeliveryHandler } from './deliveries.ts';

/** What became of a claimed delivery; null when another processor had taken it over. */
export type Outcome = 'done' | 'ignored' | 'retrying' | 'failed';

export interface RetryPolicy {
  processorId: string;
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: (() => number) | undefined;
}

/**
 * The stored and shown cause of a handler's failure. Use-case, effect, GitHub,
 * CVE Services and database errors say ids and causes only; any other error's
 * message may quote the payload, so only its kind is kept.
 */
export function deliveryErrorMessage(event: string, error: unknown): string {
  if (error instanceof UseCaseError || error instanceof EffectError) return error.message;
  if (error instanceof Error && ['GitHubError', 'CnaError'].includes(error.name)) return error.message;
  if (error instanceof Error && safeErrorMessage(error).startsWith('database error')) {
    return safeErrorMessage(error);
  }
  const kind = error instanceof Error ? error.name : typeof error;
  return `${kind} in the ${event} handler (its stack is in the server log)`;
}

export type Finish = (guid: string, outcome: 'done' | 'ignored') => Promise<boolean>;

/**
 * Records outcomes in groups: those finishing while a write is under way
 * share the next one, so a burst of deliveries costs a few commits, not one
 * each. Resolves false for a delivery that was no longer this processor's.
 */
export function groupedFinish(ctx: AppContext, processorId: string): Finish {
  let waiting: { guid: string; outcome: 'done' | 'ignored'; settle: (recorded: boolean | Error) => void }[] =
    [];
  let writing = false;
  const write = async () => {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        const recorded = await finishDeliveries(ctx.store.db, processorId, group, ctx.now());
        for (const entry of group) entry.settle(recorded.has(entry.guid));
      } catch (error) {
        for (const entry of group) entry.settle(error instanceof Error ? error : new Error(String(error)));
      }
    }
    writing = false;
  };
  return (guid, outcome) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ guid, outcome, settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      if (!writing) void write();
    });
}

/** Runs `handler` (none: the event is of no concern to psrt) on the delivery and records the outcome. */
export async function handleDelivery(
  ctx: AppContext,
  handler: DeliveryHandler | undefined,
  stored: StoredDelivery,
  policy: RetryPolicy,
  finish: Finish,
): Promise<Outcome | null> {
  const { guid, event } = stored;
  try {
    const outcome = handler
      ? await handler(ctx, {
          guid,
          event,
          action: stored.action,
          payload: stored.payload,
          installationId: stored.installationId,
        })
      : 'ignored';
    // Null: the lease lapsed and another processor took the delivery over; it records the outcome.
    return (await finish(guid, outcome)) ? outcome : null;
  } catch (error) {
    const now = ctx.now();
    const attempts = stored.attempts + 1;
    const retryAt = nextAttemptAt(error, attempts, now, policy.backoff, policy.random);
    const message = deliveryErrorMessage(event, error);
    const status = await failDelivery(ctx.store.db, guid, policy.processorId, {
      error: message,
      nextAttemptAt: retryAt,
      final: attempts >= policy.maxAttempts || isPermanent(error),
      at: now,
    });
    ctx.log.warn(
      {
        delivery: guid,
        event,
        attempts,
        status,
        retryAt: status === 'pending' ? retryAt.toISOString() : undefined,
        err: { ...loggableError(error), message },
      },
      status === 'failed' ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry',
    );
    return status === 'failed' ? 'failed' : status === 'pending' ? 'retrying' : null;
  }
}
