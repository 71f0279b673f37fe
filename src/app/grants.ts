// Collaborator access to one report: granted with a reason and an expiry,
// revoked by hand or when it expires. Decided in domain/grants and saved
// through the one change path; GitHub follows through the outbox.
import { randomUUID } from 'node:crypto';
import { type GrantRequest, grantAccess as grantRule, revokeAccess as revokeRule } from '../domain/grants.ts';
import type { Grant, Principal } from '../domain/report.ts';
import { listGrants } from '../store/index.ts';
import { type AppContext, actorName } from './context.ts';
import { decideChange } from './report-change.ts';

export type NewGrant = Omit<GrantRequest, 'id' | 'grantedBy'>;

export async function grantAccess(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  input: NewGrant,
): Promise<Grant> {
  const request: GrantRequest = { ...input, id: randomUUID(), grantedBy: actorName(actor) };
  const decision = await decideChange(
    ctx,
    actor,
    reportId,
    'report.grant',
    'grant.create',
    async (report, now, tx) => grantRule(report, await listGrants(tx, reportId), request, now),
  );
  return decision.added?.[0] as Grant;
}

/** Revokes every active grant of `login` on the report (by hand, or by the scheduler when expired). */
export async function revokeAccess(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  login: string,
  why: 'revoked' | 'expired' = 'revoked',
): Promise<Grant[]> {
  const action = why === 'expired' ? 'grant.expire' : 'grant.revoke';
  const decision = await decideChange(ctx, actor, reportId, 'report.grant', action, async (report, now, tx) =>
    revokeRule(report, await listGrants(tx, reportId), login, actorName(actor), why, now),
  );
  return decision.revoked ?? [];
}
