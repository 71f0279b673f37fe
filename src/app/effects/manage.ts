// What people see of the effect runner and what they may do to it: list
// effects (with their status, attempts and last error), and drive a failed
// one again. Members only: an effect's payload carries report text.
import type { Principal } from '../../domain/report.ts';
import {
  appendAudit,
  type EffectStatus,
  listEffects,
  outboxSummary,
  retryEffect,
  type StoredEffect,
} from '../../store/index.ts';
import { authorize } from '../authorize.ts';
import { type AppContext, actorName } from '../context.ts';
import { UseCaseError } from '../errors.ts';

/** An effect as people see it: what, for which report, and how it went. */
export interface EffectView {
  id: number;
  kind: string;
  reportId: string | null;
  status: EffectStatus;
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  completedAt: Date | null;
  lastError: string | null;
  result: unknown;
}

export const effectView = (effect: StoredEffect): EffectView => ({
  id: effect.id,
  kind: effect.kind,
  reportId: effect.reportId,
  status: effect.status,
  attempts: effect.attempts,
  maxAttempts: effect.maxAttempts,
  createdAt: effect.createdAt,
  nextAttemptAt: effect.nextAttemptAt,
  completedAt: effect.completedAt,
  lastError: effect.lastError,
  result: effect.result,
});

/** Only PSRT members see effects or drive the runner by hand. */
export function requireEffectsAccess(actor: Principal): void {
  authorize(actor, 'effects.manage');
}

export async function listEffectsAs(
  ctx: AppContext,
  actor: Principal,
  filter: { status?: EffectStatus; reportId?: string; latest?: number } = {},
) {
  requireEffectsAccess(actor);
  const [effects, summary] = await Promise.all([
    listEffects(ctx.store.db, filter),
    outboxSummary(ctx.store.db),
  ]);
  return { effects: effects.map(effectView), summary };
}

/** Drives a failed effect again, now, with a fresh set of attempts. */
export async function retryEffectAs(ctx: AppContext, actor: Principal, id: number): Promise<EffectView> {
  requireEffectsAccess(actor);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const found = await retryEffect(tx, id, now);
    if (!found) throw new UseCaseError('not-found', `No effect ${id}. List them with their ids.`);
    const { effect, retried } = found;
    if (!retried) {
      throw new UseCaseError(
        'conflict',
        `Effect ${id} is ${effect.status}, not failed: only a failed effect is retried.`,
      );
    }
    await appendAudit(tx, {
      actor: actorName(actor),
      action: 'effect.retry',
      subject: effect.reportId ?? 'effects',
      at: now,
      change: { effect: id, kind: effect.kind, key: effect.key },
    });
    return effectView(effect);
  });
}
