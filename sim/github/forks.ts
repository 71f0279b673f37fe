// What an advisory's admins ask GitHub for besides edits: a CVE from GitHub's CNA (§2.8,
// accepted now, answered later, no webhook) and the temporary private fork (§2.9).
import { advisoryAccess, refusal, requirePermission } from './access.ts';
import type { SimContext } from './context.ts';
import { validationFailed } from './http.ts';
import type { Advisory, Caller, Repo } from './state.ts';

function requireManage(ctx: SimContext, caller: Caller, advisory: Advisory): void {
  requirePermission(caller, 'repository_advisories', 'write');
  const access = advisoryAccess(ctx.state, caller, advisory, ctx.clock.now());
  if (!access.manage) throw refusal(caller, access.view);
}

/** `POST …/cve`: accepted now, answered by GitHub's CNA after `cveDelayMs`, with no webhook. */
export function requestCve(ctx: SimContext, caller: Caller, advisory: Advisory): void {
  requireManage(ctx, caller, advisory);
  const repo = ctx.state.repoById(advisory.repoId);
  if (repo.private) throw validationFailed([], 'CVE requests are only available for public repositories.');
  if (advisory.state !== 'draft' && advisory.state !== 'published') {
    throw validationFailed(
      [],
      `A CVE cannot be requested for an advisory in the \`${advisory.state}\` state.`,
    );
  }
  if (advisory.cveId) throw validationFailed([], 'This advisory already has a CVE ID.');
  if (advisory.cveRequestDueAt)
    throw validationFailed([], 'A CVE has already been requested for this advisory.');
  advisory.cveRequestDueAt = new Date(ctx.clock.now().getTime() + ctx.config.cveDelayMs);
}

/** Fills `cve_id` on every request whose time has come; run lazily before each API request. */
export function settleCveRequests(ctx: SimContext): void {
  const now = ctx.clock.now();
  for (const advisory of ctx.state.advisories.values()) {
    const due = advisory.cveRequestDueAt;
    if (!due || due.getTime() > now.getTime()) continue;
    advisory.cveRequestDueAt = null;
    if (advisory.cveId) continue;
    advisory.cveId = `CVE-${due.getUTCFullYear()}-${ctx.state.nextId('cve')}`;
    advisory.updatedAt = due;
  }
}

/** Fills a pending CVE request now (the CNA was quick), or assigns the given id. */
export function assignCve(ctx: SimContext, advisory: Advisory, cveId?: string): void {
  const now = ctx.clock.now();
  advisory.cveRequestDueAt = null;
  advisory.cveId = cveId ?? `CVE-${now.getUTCFullYear()}-${ctx.state.nextId('cve')}`;
  advisory.updatedAt = now;
}

export function forkFor(ctx: SimContext, advisory: Advisory): Repo {
  const { state } = ctx;
  const parent = state.repoById(advisory.repoId);
  const now = ctx.clock.now();
  const fork: Repo = {
    id: state.nextId('repo'),
    ownerId: parent.ownerId,
    name: `${parent.name}-${advisory.ghsaId.toLowerCase()}`,
    private: true,
    description: parent.description,
    defaultBranch: parent.defaultBranch,
    branches: new Map([...parent.branches].map(([ref, files]) => [ref, new Map(files)])),
    collaborators: new Map(),
    pvrEnabled: false,
    fork: true,
    parentId: parent.id,
    advisoryGhsa: advisory.ghsaId,
    readyAt: new Date(now.getTime() + ctx.config.forkDelayMs),
    pulls: [],
    issues: [],
    issueComments: [],
    // A fork shares its parent's history.
    commits: new Map(parent.commits),
    heads: new Map(parent.heads),
    tags: new Map(parent.tags),
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
  };
  state.repos.set(fork.id, fork);
  advisory.privateForkId = fork.id;
  advisory.updatedAt = now;
  return fork;
}

/**
 * `POST …/forks`. A second request is refused, or answered with the fork that exists, as
 * GitHub's ordinary fork endpoint does (`secondPrivateFork`, UNVERIFIED §2.9).
 */
export function createPrivateFork(ctx: SimContext, caller: Caller, advisory: Advisory): Repo {
  requireManage(ctx, caller, advisory);
  if (advisory.privateForkId !== null) {
    const existing = ctx.state.repos.get(advisory.privateForkId);
    if (existing && ctx.config.secondPrivateFork === 'existing') return existing;
    throw validationFailed([], 'A temporary private fork already exists for this advisory.');
  }
  if (advisory.state !== 'draft' && advisory.state !== 'triage') {
    throw validationFailed(
      [],
      `A temporary private fork cannot be created for a \`${advisory.state}\` advisory.`,
    );
  }
  return forkFor(ctx, advisory);
}
