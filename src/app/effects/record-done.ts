// Recording effects done: each effect's changes, its `done` status and its
// audit event "effect done" in one transaction. Effects that finish while a
// recording transaction is open wait for it and are then recorded together,
// in one transaction with one turn at the audit log's lock: group commit, so
// a busy runner takes the lock once per batch, not once per effect.
import {
  appendAuditEvents,
  completeEffect,
  type Store,
  type StoredEffect,
  type Tx,
} from '../../store/index.ts';
import { actorName } from '../context.ts';
import { runnerPrincipal } from './principal.ts';
import type { Performed } from './run-context.ts';

/** Resolves true once recorded done; false if another runner had taken the effect over. */
export type RecordDone = (stored: StoredEffect, performed: Performed) => Promise<boolean>;

interface Waiting {
  stored: StoredEffect;
  performed: Performed;
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

/** Most effects recorded in one transaction. */
const maxBatch = 32;

export function createDoneRecorder(store: Store, now: () => Date): RecordDone {
  const waiting: Waiting[] = [];
  let flushing = false;

  const recordTogether = (batch: readonly Waiting[]) =>
    store.transaction(async (tx) => {
      const at = now();
      const recorded: boolean[] = [];
      for (const { stored, performed } of batch) recorded.push(await recordOne(tx, stored, performed, at));
      await appendAuditEvents(
        tx,
        batch
          .filter((_, i) => recorded[i])
          .map(({ stored, performed }) => ({
            actor: actorName(runnerPrincipal),
            action: 'effect.done',
            subject: stored.reportId ?? 'effects',
            at,
            change: {
              effect: stored.id,
              kind: stored.kind,
              key: stored.key,
              result: performed.result ?? null,
            },
          })),
      );
      return recorded;
    });

  const flush = async () => {
    flushing = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        const recorded = await recordTogether(batch);
        for (const [i, item] of batch.entries()) item.resolve(recorded[i] ?? false);
      } catch (error) {
        if (batch.length === 1) {
          batch[0]?.reject(error);
          continue;
        }
        // One effect's changes failed (and took the batch back): record each alone, so only it fails.
        for (const item of batch)
          await recordTogether([item]).then(([r]) => item.resolve(r ?? false), item.reject);
      }
    }
    flushing = false;
  };

  return (stored, performed) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ stored, performed, resolve, reject });
      if (!flushing) void flush();
    });
}

/** The effect's own changes and its status; false when the effect is no longer ours. */
async function recordOne(tx: Tx, stored: StoredEffect, performed: Performed, at: Date): Promise<boolean> {
  await performed.commit?.(tx);
  // Another runner took the effect over (our lease ran out): leave the outcome to it.
  return completeEffect(tx, stored.id, performed.result ?? null, at);
}
