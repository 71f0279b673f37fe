// What happens to an advisory: create, private report, and update with the state machine
// (§2.6). REST routes and the simulated web UI (control.ts) both come through here, so the
// rules are the same for both. CVE requests and private forks are in forks.ts.
import { parseCvss } from '../../src/domain/cvss.ts';
import { advisoryAccess, isAdvisoryManager, patReaches, requirePermission } from './access.ts';
import { type AdvisoryInput, checkLengths, parseAdvisoryBody } from './advisory-validation.ts';
import { actorOf, type Caller } from './auth.ts';
import type { SimContext } from './config.ts';
import { isKnownCweId } from './cwe.ts';
import { forkFor } from './forks.ts';
import {
  GitHubError,
  mustBeAdmin,
  notAccessibleByIntegration,
  notFound,
  requiresAuthentication,
  validationFailed,
} from './http.ts';
import type { Account, Advisory, AdvisoryState, CvssEntry, Repo, Severity } from './state.ts';

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

/** CVSS 3.0 vectors score like 3.1 for our purposes; the vector is kept as given. */
function scoreVector(vector: string): { version: 'v3' | 'v4'; entry: CvssEntry; severity: Severity | null } {
  const trimmed = vector.trim();
  const scored = parseCvss(trimmed.replace(/^CVSS:3\.0\//, 'CVSS:3.1/'));
  const severity = scored.severity === 'None' ? null : (scored.severity.toLowerCase() as Severity);
  return {
    version: scored.version === '4.0' ? 'v4' : 'v3',
    entry: { vector: trimmed, score: scored.score },
    severity,
  };
}

/** Rules the request schema cannot express: existing users and teams, CVE, CWE and CVSS syntax. */
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
  for (const login of input.collaborating_users ?? []) {
    const user = state.account(login);
    if (!user || user.type === 'Organization') {
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
      advisory.severity = scored.severity;
    }
  }
  if (input.collaborating_users !== undefined) {
    advisory.collaboratingUserIds = [
      ...new Set((input.collaborating_users ?? []).map((login) => state.account(login)?.id ?? 0)),
    ];
  }
  if (input.collaborating_teams !== undefined) {
    const owner = state.accountById(state.repoById(advisory.repoId).ownerId);
    advisory.collaboratingTeamIds = [
      ...new Set((input.collaborating_teams ?? []).map((slug) => state.team(owner.login, slug)?.id ?? 0)),
    ];
  }
}

function newAdvisory(ctx: SimContext, repo: Repo, author: Account, state: AdvisoryState): Advisory {
  const now = ctx.clock.now();
  return {
    seq: ctx.state.nextId('advisory'),
    ghsaId: ctx.state.newGhsaId(),
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
): Advisory {
  requirePermission(caller, 'repository_advisories', 'write');
  const by = actor(ctx, caller);
  const canManage =
    caller.kind === 'installation' ||
    (caller.kind === 'user' &&
      patReaches(caller, 'write') &&
      isAdvisoryManager(ctx.state, caller.user, repo));
  if (!canManage) throw mustBeAdmin();
  const input = parseAdvisoryBody(body, 'create');
  checkLengths(input);
  refusePrivate(ctx, repo);
  checkDomain(ctx, repo, input);
  const advisory = newAdvisory(ctx, repo, by, 'draft');
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
): Advisory {
  if (caller.kind === 'anonymous') throw requiresAuthentication();
  if (caller.kind !== 'user') throw notAccessibleByIntegration();
  // Disabled reporting answers like a missing repository (UNVERIFIED: 404 rather than 403/422).
  if (!repo.pvrEnabled) throw notFound();
  const input = parseAdvisoryBody(body, 'report');
  checkLengths(input);
  refusePrivate(ctx, repo);
  checkDomain(ctx, repo, input);
  const reporter = caller.user;
  const advisory = newAdvisory(ctx, repo, reporter, 'triage');
  applyFields(ctx, advisory, input, reporter);
  advisory.credits = [{ userId: reporter.id, type: 'finder', state: 'accepted' }];
  advisory.collaboratingUserIds = [reporter.id];
  ctx.state.advisories.set(advisory.ghsaId, advisory);
  if (input.start_private_fork) forkFor(ctx, advisory);
  ctx.webhooks.advisoryEvent('reported', advisory, reporter);
  return advisory;
}

function refuseIncompletePublish(ctx: SimContext, advisory: Advisory): void {
  if (!ctx.config.strictPublish) return;
  const missing: string[] = [];
  if (advisory.severity === null) missing.push('severity');
  if (advisory.vulnerabilities.length === 0 || advisory.vulnerabilities.some((v) => !v.package?.name)) {
    missing.push('vulnerabilities');
  }
  if (missing.length)
    throw validationFailed(missing.map((field) => ({ resource, field, code: 'missing_field' })));
}

export function updateAdvisory(
  ctx: SimContext,
  caller: Caller,
  advisory: Advisory,
  body: Record<string, unknown>,
): Advisory {
  requirePermission(caller, 'repository_advisories', 'write');
  const now = ctx.clock.now();
  const access = advisoryAccess(ctx.state, caller, advisory, now);
  if (!access.edit)
    throw caller.kind === 'anonymous' ? requiresAuthentication() : access.view ? mustBeAdmin() : notFound();
  const by = actor(ctx, caller);
  const repo = ctx.state.repoById(advisory.repoId);
  const input = parseAdvisoryBody(body, 'update');
  const vectorSet = advisory.cvssV3 !== null || advisory.cvssV4 !== null;
  if (input.severity !== undefined && vectorSet && input.cvss_vector_string !== null) {
    throw new GitHubError(422, 'Cannot update severity value when CVSS is set.');
  }
  const from = advisory.state;
  const to = input.state ?? from;
  if (to !== from && !transitions[from].includes(to)) {
    throw new GitHubError(422, `Invalid state transition from \`${from}\` to \`${to}\`.`);
  }
  checkLengths(input);
  // Collaborators edit; accepting a report and publishing need an admin (§2.5).
  const accepting = from === 'triage' && to === 'draft';
  if ((accepting || (to === 'published' && from !== 'published')) && !access.manage) throw mustBeAdmin();
  checkDomain(ctx, repo, input);
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
  // Every successful PATCH bumps updated_at, even a no-op one (UNVERIFIED, §7.3).
  advisory.updatedAt = now;
  if (to === 'published' && from !== 'published') ctx.webhooks.advisoryEvent('published', advisory, by);
  return advisory;
}
