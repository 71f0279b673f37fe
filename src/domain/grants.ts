// Collaborator access to one report, decided like every other change: who may
// be granted, for how long, and what GitHub must follow (the person added to
// or taken off the GHSA). Pure: ids and time come in as arguments.

import { grantExpiry, isGrantActive } from './clocks.ts';
import type { Effect } from './effects.ts';
import { Conflict, DomainError, NothingThere } from './errors.ts';
import { nulProblem } from './fields.ts';
import { githubLoginPattern } from './identifiers.ts';
import type { Grant, Report } from './report.ts';
import { sameLogin } from './roster.ts';

export interface GrantRequest {
  /** The new grant's id (the caller's random id). */
  id: string;
  login: string;
  reason: string;
  /** Explicit expiry; by default access lasts until 14 days after the report is finished. */
  expiresAt?: Date | null;
  /** How the grantor is written in the audit log. */
  grantedBy: string;
}

export interface GrantChange {
  report: Report;
  added: Grant[];
  revoked: Grant[];
  effects: Effect[];
  /** What the audit event records. */
  audit: Record<string, unknown>;
}

/** The GitHub side of a grant: add the person to the GHSA, or take them off it. */
function collaboratorEffects(change: 'add' | 'remove', grant: Grant, report: Report): Effect[] {
  if (report.ghsaId === null) return [];
  return [
    {
      kind: change === 'add' ? 'ghsa.add-collaborator' : 'ghsa.remove-collaborator',
      key: `ghsa.${change}-collaborator:${grant.id}`,
      reportId: report.id,
      repository: report.repository,
      ghsaId: report.ghsaId,
      login: grant.login,
    },
  ];
}

/** Grants `request.login` access to the report, or says why not. */
export function grantAccess(
  report: Report,
  grants: readonly Grant[],
  request: GrantRequest,
  now: Date,
): GrantChange {
  if (!githubLoginPattern.test(request.login))
    throw new DomainError(`"${request.login}" is not a GitHub login.`);
  if (request.reason.trim() === '')
    throw new DomainError('A grant needs a reason (why this person needs access).');
  const [nul] = nulProblem('The reason', request.reason);
  if (nul) throw new DomainError(`${nul}.`);
  if (request.expiresAt && request.expiresAt.getTime() <= now.getTime())
    throw new DomainError('The expiry must be in the future.');
  if (grants.some((grant) => sameLogin(grant.login, request.login) && isGrantActive(grant, report, now)))
    throw new Conflict(`${request.login} already has access to ${report.id}.`);
  const draft: Grant = {
    id: request.id,
    reportId: report.id,
    login: request.login,
    grantedBy: request.grantedBy,
    reason: request.reason.trim(),
    grantedAt: now,
    expiresAt: request.expiresAt ?? null,
    revokedAt: null,
    revokedBy: null,
  };
  // On a finished report the default "14 days after finishing" is already a date.
  const grant: Grant = { ...draft, expiresAt: grantExpiry(draft, report) };
  return {
    report,
    added: [grant],
    revoked: [],
    effects: collaboratorEffects('add', grant, report),
    audit: { grant: grant.id, login: grant.login, reason: grant.reason, expiresAt: grant.expiresAt },
  };
}

/**
 * Revokes every active grant of `login` (by hand), or only those that ran out
 * (`expired`: a newer grant for the same person stays).
 */
export function revokeAccess(
  report: Report,
  grants: readonly Grant[],
  login: string,
  by: string,
  why: 'revoked' | 'expired',
  now: Date,
): GrantChange {
  const ending = grants.filter(
    (grant) =>
      sameLogin(grant.login, login) &&
      grant.revokedAt === null &&
      (why === 'revoked' || !isGrantActive(grant, report, now)),
  );
  if (ending.length === 0) throw new NothingThere(`${login} has no access to ${report.id} to revoke.`);
  const revoked = ending.map((grant) => ({ ...grant, revokedAt: now, revokedBy: by }));
  return {
    report,
    added: [],
    revoked,
    effects: revoked.flatMap((grant) => collaboratorEffects('remove', grant, report)),
    audit: { grants: revoked.map((grant) => grant.id), login: revoked[0]?.login ?? login },
  };
}
