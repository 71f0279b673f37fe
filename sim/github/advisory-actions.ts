// What happens to an advisory: create, private report, and update with the state machine
// (§2.6). REST routes and the simulated web UI (control.ts) both come through here, so the
// rules are the same for both. CVE requests and private forks are in forks.ts.
import {
  advisoryAccess,
  installationCovers,
  isAdvisoryManager,
  patReaches,
  refusal,
  requirePermission,
} from './access.ts';
import { type AdvisoryInput, checkLengths, parseAdvisoryBody } from './advisory-validation.ts';
import { actorOf } from './auth.ts';
import type { SimContext } from './context.ts';
import { scoreVector } from './cvss.ts';
import { isKnownCweId } from './cwe.ts';
import { forkFor } from './forks.ts';
import {
  GitHubError,
  notAccessibleByIntegration,
  notFound,
  requiresAuthentication,
  validationFailed,
} from './http.ts';
import type { Account, Advisory, AdvisoryState, Caller, Repo } from './state.ts';

const resource = 'RepositoryAdvisory';

const transitions: Record<AdvisoryState, AdvisoryState[]> = {
  triage: ['draft', 'closed'],
  draft: ['closed', 'published'],
  closed: ['draft'],
  published: [],
  withdrawn: [],
};

function actor(ctx: SimContext, caller: Caller): Account {
  const account = actorOf(ctx.state, caller);
  if (!account) throw caller.kind === 'anonymous' ? requiresAuthentication() : notAccessibleByIntegration();
  return account;
}

/** Where the change comes from: REST, or a person clicking in the simulated web UI. */
export type Via = 'api' | 'ui';

const isCollaboratorUser = (account: Account | undefined): account is Account =>
  account !== undefined && account.type !== 'Organization';

/**
 * Rules the request schema cannot express: existing users and teams, CVE, CWE and CVSS syntax.
 * Unknown collaborators are a 422 unless configured to be dropped (UNVERIFIED, §2.5).
 */
function checkDomain(ctx: SimContext, repo: Repo, input: AdvisoryInput): void {
  const { state } = ctx;
  if (input.summary !== undefined && input.summary.trim() === '') {
    throw validationFailed([{ resource, field: 'summary', code: 'missing_field' }]);
  }
  if (input.cve_id != null && !/^CVE-\d{4}-\d{4,}$/.test(input.cve_id)) {
    throw validationFailed([{ resource, field: 'cve_id', code: 'invalid', value: input.cve_id }]);
  }
  if (input.cvss_vector_string != null) {
    try {
      scoreVector(input.cvss_vector_string);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'invalid CVSS vector';
      throw validationFailed([{ resource, field: 'cvss_vector_string', code: 'invalid', message }]);
    }
  }
  for (const id of input.cwe_ids ?? []) {
    if (!isKnownCweId(id))
      throw validationFailed([{ resource, field: 'cwe_ids', code: 'invalid', value: id }]);
  }
  for (const credit of input.credits ?? []) {
    if (!state.account(credit.login)) {
      throw validationFailed([{ resource, field: 'credits', code: 'invalid', value: credit.login }]);
    }
  }
  if (ctx.config.unknownCollaborators === 'ignore') return;
  for (const login of input.collaborating_users ?? []) {
    if (!isCollaboratorUser(state.account(login))) {
      throw validationFailed([{ resource, field: 'collaborating_users', code: 'invalid', value: login }]);
    }
  }
  const owner = state.accountById(repo.ownerId);
  for (const slug of input.collaborating_teams ?? []) {
    if (!state.team(owner.login, slug)) {
      throw validationFailed([{ resource, field: 'collaborating_teams', code: 'invalid', value: slug }]);
    }
  }
}

/** Applies checked fields; arrays replace whole lists and null clears (§2.5). */
function applyFields(ctx: SimContext, advisory: Advisory, input: AdvisoryInput, by: Account): void {
  const { state } = ctx;
  if (input.summary !== undefined) advisory.summary = input.summary;
  if (input.description !== undefined) advisory.description = input.description;
  if (input.cve_id !== undefined) advisory.cveId = input.cve_id;
  if (input.vulnerabilities !== undefined) advisory.vulnerabilities = input.vulnerabilities ?? [];
  if (input.cwe_ids !== undefined) advisory.cweIds = [...new Set(input.cwe_ids ?? [])];
  if (input.credits !== undefined) {
    const before = advisory.credits;
    advisory.credits = (input.credits ?? []).map(({ login, type }) => {
      const userId = state.account(login)?.id ?? 0;
      const kept = before.find((c) => c.userId === userId && c.type === type);
      // A credit waits for the credited person to accept it, unless they gave it themselves.
      return { userId, type, state: kept?.state ?? (userId === by.id ? 'accepted' : 'pending') };
    });
  }
  if (input.severity !== undefined) advisory.severity = input.severity;
  if (input.cvss_vector_string !== undefined) {
    if (input.cvss_vector_string === null) {
      advisory.cvssV3 = null;
      advisory.cvssV4 = null;
    } else {
      const scored = scoreVector(input.cvss_vector_string);
      if (scored.version === 'v4') advisory.cvssV4 = scored.entry;
      else advisory.cvssV3 = scored.entry;
      // With a vector set, the severity is the score's band (UNVERIFIED but consistent with the UI).
      if (ctx.config.severityFromVector) advisory.severity = scored.severity;
    }
  }
  // checkDomain refused unknown logins and slugs already, unless they are to be dropped.
  if (input.collaborating_users !== undefined) {
    const users = (input.collaborating_users ?? []).map((login) => state.account(login));
    advisory.collaboratingUserIds = [...new Set(users.filter(isCollaboratorUser).map((u) => u.id))];
  }
  if (input.collaborating_teams !== undefined) {
    const owner = state.accountById(state.repoById(advisory.repoId).ownerId);
    const teams = (input.collaborating_teams ?? []).map((slug) => state.team(owner.login, slug));
    advisory.collaboratingTeamIds = [...new Set(teams.flatMap((t) => (t ? [t.id] : [])))];
  }
}

/** A GHSA id to restore (the sandbox's database outlives its simulator), or a new one. */
function ghsaIdFor(ctx: SimContext, restored: string | undefined): string {
  if (restored === undefined) return ctx.state.newGhsaId();
  if (!/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(restored))
    throw new Error(`"${restored}" is not a GHSA id`);
  if (ctx.state.advisories.has(restored)) throw new Error(`${restored} already exists`);
  return restored;
}

function newAdvisory(
  ctx: SimContext,
  repo: Repo,
  author: Account,
  state: AdvisoryState,
  ghsaId?: string,
): Advisory {
  const now = ctx.clock.now();
  return {
    seq: ctx.state.nextId('advisory'),
    ghsaId: ghsaIdFor(ctx, ghsaId),
    repoId: repo.id,
    cveId: null,
    summary: '',
    description: null,
    severity: null,
    cvssV3: null,
    cvssV4: null,
    authorId: author.id,
    publisherId: null,
    state,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    closedAt: null,
    withdrawnAt: null,
    submission: state === 'triage' ? { accepted: false } : null,
    vulnerabilities: [],
    cweIds: [],
    credits: [],
    collaboratingUserIds: [],
    collaboratingTeamIds: [],
    privateForkId: null,
    cveRequestDueAt: null,
  };
}

function refusePrivate(ctx: SimContext, repo: Repo): void {
  if (repo.private && !ctx.config.privateRepoAdvisories) {
    throw validationFailed([], 'Security advisories are not available for private repositories.');
  }
}

export function createAdvisory(
  ctx: SimContext,
  caller: Caller,
  repo: Repo,
  body: Record<string, unknown>,
  ghsaId?: string,
): Advisory {
  requirePermission(caller, 'repository_advisories', 'write');
  const by = actor(ctx, caller);
  // An App only where it is installed; a person only as admin or security manager (§2.3).
  const canManage =
    (caller.kind === 'installation' && installationCovers(ctx.state, caller, repo)) ||
    (caller.kind === 'user' &&
      patReaches(caller, 'write') &&
      isAdvisoryManager(ctx.state, caller.user, repo));
  if (!canManage) throw refusal(caller, true);
  const input = parseAdvisoryBody(body, 'create');
  checkLengths(input);
  refusePrivate(ctx, repo);
  checkDomain(ctx, repo, input);
  const advisory = newAdvisory(ctx, repo, by, 'draft', ghsaId);
  applyFields(ctx, advisory, input, by);
  ctx.state.advisories.set(advisory.ghsaId, advisory);
  if (input.start_private_fork) forkFor(ctx, advisory);
  return advisory;
}

export function reportVulnerability(
  ctx: SimContext,
  caller: Caller,
  repo: Repo,
  body: Record<string, unknown>,
  ghsaId?: string,
): Advisory {
  if (caller.kind === 'anonymous') throw requiresAuthentication();
  if (caller.kind !== 'user') throw notAccessibleByIntegration();
  // Disabled reporting answers like a missing repository, or 403 (UNVERIFIED which, §2.7).
  if (!repo.pvrEnabled) {
    throw ctx.config.pvrDisabledStatus === 403
      ? new GitHubError(403, 'Private vulnerability reporting is not enabled for this repository.')
      : notFound();
  }
  const input = parseAdvisoryBody(body, 'report');
  checkLengths(input);
  refusePrivate(ctx, repo);
  checkDomain(ctx, repo, input);
  const reporter = caller.user;
  const advisory = newAdvisory(ctx, repo, reporter, 'triage', ghsaId);
  applyFields(ctx, advisory, input, reporter);
  advisory.credits = [{ userId: reporter.id, type: 'finder', state: 'accepted' }];
  advisory.collaboratingUserIds = [reporter.id];
  ctx.state.advisories.set(advisory.ghsaId, advisory);
  if (input.start_private_fork) forkFor(ctx, advisory);
  ctx.webhooks.advisoryEvent('reported', advisory, reporter);
  return advisory;
}

/** Publishing needs a description, a severity or vector, and named packages (UNVERIFIED, §2.6). */
function refuseIncompletePublish(ctx: SimContext, advisory: Advisory): void {
  if (!ctx.config.strictPublish) return;
  const missing: string[] = [];
  if (!advisory.description?.trim()) missing.push('description');
  if (advisory.severity === null && advisory.cvssV3 === null && advisory.cvssV4 === null) {
    missing.push('severity');
  }
  if (advisory.vulnerabilities.length === 0 || advisory.vulnerabilities.some((v) => !v.package?.name)) {
    missing.push('vulnerabilities');
  }
  if (missing.length)
    throw validationFailed(missing.map((field) => ({ resource, field, code: 'missing_field' })));
}

/** Whether REST may make this move, or only the web UI (accept, reopen: UNVERIFIED, §2.6). */
function allowedVia(ctx: SimContext, via: Via, from: AdvisoryState, to: AdvisoryState): boolean {
  if (!transitions[from].includes(to)) return false;
  if (via === 'ui' || to !== 'draft') return true;
  return from === 'triage' ? ctx.config.acceptReportViaApi : ctx.config.reopenViaApi;
}

/** Everything a PATCH can change, to tell a no-op PATCH from a real one (§7.3). */
const contentOf = (advisory: Advisory): string => JSON.stringify({ ...advisory, updatedAt: null });

export function updateAdvisory(
  ctx: SimContext,
  caller: Caller,
  advisory: Advisory,
  body: Record<string, unknown>,
  via: Via = 'api',
): Advisory {
  requirePermission(caller, 'repository_advisories', 'write');
  const now = ctx.clock.now();
  const access = advisoryAccess(ctx.state, caller, advisory, now);
  if (!access.edit) throw refusal(caller, access.view);
  const by = actor(ctx, caller);
  const repo = ctx.state.repoById(advisory.repoId);
  const input = parseAdvisoryBody(body, 'update');
  // "Cannot update severity value when CVSS is set" looks at the stored vector; whether clearing
  // it in the same PATCH already counts is UNVERIFIED (§2.5).
  const vectorSet = advisory.cvssV3 !== null || advisory.cvssV4 !== null;
  const clearedNow =
    input.cvss_vector_string === null && ctx.config.severityAfterClearingVector === 'same-patch';
  if (input.severity !== undefined && vectorSet && !clearedNow) {
    throw new GitHubError(422, 'Cannot update severity value when CVSS is set.');
  }
  const from = advisory.state;
  const to = input.state ?? from;
  if (to !== from && !allowedVia(ctx, via, from, to)) {
    throw new GitHubError(422, `Invalid state transition from \`${from}\` to \`${to}\`.`);
  }
  checkLengths(input);
  // Collaborators edit; accepting a report and publishing need an admin (§2.5).
  const accepting = from === 'triage' && to === 'draft';
  if ((accepting || (to === 'published' && from !== 'published')) && !access.manage) {
    throw refusal(caller, true);
  }
  checkDomain(ctx, repo, input);
  const before = contentOf(advisory);
  applyFields(ctx, advisory, input, by);
  if (to !== from) {
    if (to === 'published') refuseIncompletePublish(ctx, advisory);
    advisory.state = to;
    if (to === 'closed') advisory.closedAt = now;
    if (to === 'draft') {
      advisory.closedAt = null;
      if (advisory.submission) advisory.submission = { accepted: true };
    }
    if (to === 'published') {
      advisory.publishedAt = now;
      advisory.publisherId = by.id;
    }
  }
  // Every successful PATCH bumps updated_at, even a no-op one, unless configured (UNVERIFIED, §7.3).
  if (ctx.config.noOpPatchBumpsUpdatedAt || contentOf(advisory) !== before) advisory.updatedAt = now;
  if (to === 'published' && from !== 'published') ctx.webhooks.advisoryEvent('published', advisory, by);
  return advisory;
}
