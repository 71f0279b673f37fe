// Collaborator access to one report: granted with a reason and an expiry,
// revoked by hand or when it expires. GitHub follows through the outbox.
import { randomUUID } from 'node:crypto';
import { grantExpiry, isGrantActive } from '../domain/clocks.ts';
import type { Effect } from '../domain/effects.ts';
import { githubLoginPattern } from '../domain/identifiers.ts';
import type { Grant, Principal, Report } from '../domain/report.ts';
import { appendAudit, enqueueEffects, insertGrant, listGrants, revokeGrant } from '../store/index.ts';
import { type AppContext, actorName } from './context.ts';
import { UseCaseError } from './errors.ts';
import { asUseCaseError, loadVisibleReport, requireAllowed, toOutbox } from './report-change.ts';

/** The GitHub side of a grant: add the person to the GHSA, or take them off it. */
function collaboratorEffect(
  change: 'add' | 'remove',
  grant: Grant,
  report: Report & { ghsaId: string },
): Effect {
  return {
    kind: change === 'add' ? 'ghsa.add-collaborator' : 'ghsa.remove-collaborator',
    key: `ghsa.${change}-collaborator:${grant.id}`,
    reportId: report.id,
    repository: report.repository,
    ghsaId: report.ghsaId,
    login: grant.login,
  };
}

export interface NewGrant {
  login: string;
  reason: string;
  /** Explicit expiry; by default access lasts until 14 days after the report is finished. */
  expiresAt?: Date | null;
}

export async function grantAccess(ctx: AppContext, actor: Principal, reportId: string, input: NewGrant) {
  const now = ctx.now();
  if (!githubLoginPattern.test(input.login))
    throw new UseCaseError('invalid', `"${input.login}" is not a GitHub login.`);
  if (input.reason.trim() === '')
    throw new UseCaseError('invalid', 'A grant needs a reason (why this person needs access).');
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new UseCaseError('invalid', 'The expiry must be in the future.');
  }
  try {
    return await ctx.store.transaction(async (tx) => {
      const { report, access } = await loadVisibleReport(tx, actor, reportId, now);
      requireAllowed(actor, 'report.grant', report, access);
      const existing = (await listGrants(tx, reportId)).find(
        (grant) =>
          grant.login.toLowerCase() === input.login.toLowerCase() && isGrantActive(grant, report, now),
      );
      if (existing) throw new UseCaseError('conflict', `${input.login} already has access to ${reportId}.`);
      const draft: Grant = {
        id: randomUUID(),
        reportId,
        login: input.login,
        grantedBy: actorName(actor),
        reason: input.reason.trim(),
        grantedAt: now,
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
        revokedBy: null,
      };
      // On a finished report the default "14 days after finishing" is already a date.
      const grant: Grant = { ...draft, expiresAt: grantExpiry(draft, report) };
      await insertGrant(tx, grant);
      await appendAudit(tx, {
        actor: actorName(actor),
        action: 'grant.create',
        subject: reportId,
        at: now,
        change: { grant: grant.id, login: grant.login, reason: grant.reason, expiresAt: grant.expiresAt },
      });
      if (report.ghsaId) {
        await enqueueEffects(
          tx,
          toOutbox([collaboratorEffect('add', grant, { ...report, ghsaId: report.ghsaId })]),
          now,
        );
      }
      return grant;
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}

/** Revokes every active grant of `login` on the report (by hand, or by the scheduler when expired). */
export async function revokeAccess(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  login: string,
  why: 'revoked' | 'expired' = 'revoked',
): Promise<Grant[]> {
  const now = ctx.now();
  try {
    return await ctx.store.transaction(async (tx) => {
      const { report, access } = await loadVisibleReport(tx, actor, reportId, now);
      requireAllowed(actor, 'report.grant', report, access);
      // Expiry removes only the grants that ran out; a newer grant for the same person stays.
      const grants = (await listGrants(tx, reportId)).filter(
        (grant) =>
          grant.login.toLowerCase() === login.toLowerCase() &&
          grant.revokedAt === null &&
          (why === 'revoked' || !isGrantActive(grant, report, now)),
      );
      if (grants.length === 0)
        throw new UseCaseError('not-found', `${login} has no access to ${reportId} to revoke.`);
      for (const grant of grants) {
        await revokeGrant(tx, grant.id, actorName(actor), now);
        await appendAudit(tx, {
          actor: actorName(actor),
          action: why === 'expired' ? 'grant.expire' : 'grant.revoke',
          subject: reportId,
          at: now,
          change: { grant: grant.id, login: grant.login },
        });
        if (report.ghsaId) {
          const advisory = { ...report, ghsaId: report.ghsaId };
          await enqueueEffects(tx, toOutbox([collaboratorEffect('remove', grant, advisory)]), now);
        }
      }
      return grants.map((grant) => ({ ...grant, revokedAt: now, revokedBy: actorName(actor) }));
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}
