// The one place that decides access: repository roles (owner, org base permission, teams,
// collaborators), App installation coverage and permissions, and who may see, edit or manage
// an advisory. Anything a caller may not see is reported as 404, never 403 (§7.4).
import type { SimCore } from './config.ts';
import {
  type Ctx,
  GitHubError,
  mustBeAdmin,
  notAccessibleByIntegration,
  notFound,
  requiresAuthentication,
} from './http.ts';
import type { Account, Advisory, Caller, Installation, Repo, RepoRole, SimState, Team } from './state.ts';
import { key } from './state.ts';

const rank: Record<RepoRole, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
const higher = (a: RepoRole | null, b: RepoRole | null): RepoRole | null =>
  a === null ? b : b === null ? a : rank[a] >= rank[b] ? a : b;
export const atLeast = (role: RepoRole | null, wanted: RepoRole): boolean =>
  role !== null && rank[role] >= rank[wanted];

export function isOrgOwner(state: SimState, user: Account, orgId: number): boolean {
  return state.orgOf(orgId)?.members.get(key(user.login)) === 'admin';
}

export function isOrgMember(state: SimState, user: Account, orgId: number): boolean {
  return state.orgOf(orgId)?.members.has(key(user.login)) ?? false;
}

/** Teams the user belongs to directly or through a child team. */
export function teamsOf(state: SimState, user: Account, orgId: number): Team[] {
  const direct = [...state.teams.values()].filter((t) => t.orgId === orgId && t.members.has(key(user.login)));
  return [...new Set(direct.flatMap((t) => state.teamAncestry(t)))];
}

export function isSecurityManager(state: SimState, user: Account, orgId: number): boolean {
  const org = state.orgOf(orgId);
  if (!org) return false;
  if (org.securityManagers.has(key(user.login))) return true;
  return teamsOf(state, user, orgId).some((t) => org.securityManagerTeams.has(t.slug));
}

export function isAdvisoryCollaborator(state: SimState, user: Account, advisory: Advisory): boolean {
  if (advisory.collaboratingUserIds.includes(user.id)) return true;
  return advisory.collaboratingTeamIds.some((id) => {
    const team = state.teams.get(id);
    return team !== undefined && state.teamMembers(team).has(key(user.login));
  });
}

/** The highest role a user holds on a repository, across every source GitHub counts (§3.3). */
export function userRepoRole(state: SimState, user: Account, repo: Repo): RepoRole | null {
  if (repo.advisoryGhsa !== null && repo.parentId !== null) {
    // A temporary private fork: parent admins and the advisory's collaborators, nobody else.
    const parentRole = userRepoRole(state, user, state.repoById(repo.parentId));
    if (parentRole === 'admin') return 'admin';
    const advisory = state.advisories.get(repo.advisoryGhsa);
    return advisory && isAdvisoryCollaborator(state, user, advisory) ? 'write' : null;
  }
  if (repo.ownerId === user.id) return 'admin';
  let role: RepoRole | null = repo.collaborators.get(key(user.login)) ?? null;
  const org = state.orgOf(repo.ownerId);
  if (org) {
    const membership = org.members.get(key(user.login));
    if (membership === 'admin') return 'admin';
    if (membership && org.basePermission !== 'none') role = higher(role, org.basePermission);
    for (const team of teamsOf(state, user, repo.ownerId))
      role = higher(role, team.repos.get(repo.id) ?? null);
    // Security managers can read every repository of the organization.
    if (isSecurityManager(state, user, repo.ownerId)) role = higher(role, 'read');
  }
  return role;
}

/** Whether a classic token's scopes reach advisories (`repo` or the fine-grained scope names). */
export const patReaches = (caller: Caller, scope: 'read' | 'write'): boolean =>
  caller.kind === 'user' &&
  (caller.scopes.includes('repo') ||
    caller.scopes.includes('repository_advisories:write') ||
    (scope === 'read' && caller.scopes.includes('repository_advisories:read')));

export function installationCovers(state: SimState, caller: Caller, repo: Repo): boolean {
  if (caller.kind !== 'installation') return false;
  return (
    coveredBy(state, caller.installation, repo) && (caller.grant.repoIds?.has(rootOf(state, repo).id) ?? true)
  );
}

function rootOf(state: SimState, repo: Repo): Repo {
  return repo.advisoryGhsa !== null && repo.parentId !== null ? state.repoById(repo.parentId) : repo;
}

/** Whether an installation reaches the repository; temporary forks follow their parent. */
export function coveredBy(state: SimState, installation: Installation, repo: Repo): boolean {
  const root = rootOf(state, repo);
  return (
    root.ownerId === installation.accountId &&
    (installation.selection === 'all' || installation.repoIds.has(root.id))
  );
}

export function canSeeRepo(state: SimState, caller: Caller, repo: Repo, now: Date): boolean {
  if (repo.readyAt.getTime() > now.getTime()) return false;
  if (!repo.private) return true;
  if (caller.kind === 'user')
    return patReaches(caller, 'read') && userRepoRole(state, caller.user, repo) !== null;
  return installationCovers(state, caller, repo);
}

export function findRepo(state: SimState, caller: Caller, owner: string, name: string, now: Date): Repo {
  const repo = state.repo(owner, name);
  if (!repo || !canSeeRepo(state, caller, repo, now)) throw notFound();
  return repo;
}

/** The repository of a `/repos/:owner/:repo/…` route, as its caller may see it (404 otherwise). */
export function routeRepo(sim: SimCore, c: Ctx): Repo {
  return findRepo(
    sim.state,
    c.get('caller'),
    c.req.param('owner') ?? '',
    c.req.param('repo') ?? '',
    sim.clock.now(),
  );
}

export function installationPermission(caller: Caller, name: string): 'read' | 'write' | null {
  if (caller.kind !== 'installation') return null;
  const level = caller.grant.permissions[name];
  return level === 'read' ? 'read' : level === 'write' || level === 'admin' ? 'write' : null;
}

/** Installations without the needed permission get GitHub's 403; everyone else passes. */
export function requirePermission(caller: Caller, name: string, level: 'read' | 'write'): void {
  if (caller.kind === 'app') throw notAccessibleByIntegration();
  if (caller.kind !== 'installation') return;
  const held = installationPermission(caller, name);
  if (held === null || (level === 'write' && held !== 'write')) throw notAccessibleByIntegration();
}

export interface AdvisoryAccess {
  view: boolean;
  edit: boolean;
  /** Publish, accept a report, request a CVE, create the private fork. */
  manage: boolean;
}

const isPublic = (advisory: Advisory): boolean =>
  advisory.state === 'published' || advisory.state === 'withdrawn';

export function isAdvisoryManager(state: SimState, user: Account, repo: Repo): boolean {
  return userRepoRole(state, user, repo) === 'admin' || isSecurityManager(state, user, repo.ownerId);
}

export function advisoryAccess(
  state: SimState,
  caller: Caller,
  advisory: Advisory,
  now: Date,
): AdvisoryAccess {
  const repo = state.repoById(advisory.repoId);
  const openly = isPublic(advisory) && canSeeRepo(state, caller, repo, now);
  if (caller.kind === 'user') {
    const manager = isAdvisoryManager(state, caller.user, repo);
    const involved = manager || isAdvisoryCollaborator(state, caller.user, advisory);
    return {
      view: openly || (patReaches(caller, 'read') && involved),
      edit: patReaches(caller, 'write') && involved,
      manage: patReaches(caller, 'write') && manager,
    };
  }
  if (caller.kind === 'installation' && installationCovers(state, caller, repo)) {
    const level = installationPermission(caller, 'repository_advisories');
    return { view: openly || level !== null, edit: level === 'write', manage: level === 'write' };
  }
  return { view: openly, edit: false, manage: false };
}

/**
 * GitHub's answer when the caller may not do something to an advisory: 401 without credentials,
 * 404 if they cannot even see it, else 403 (an App's own wording for installations).
 */
export function refusal(caller: Caller, canView: boolean): GitHubError {
  if (caller.kind === 'anonymous') return requiresAuthentication();
  if (!canView) return notFound();
  return caller.kind === 'user' ? mustBeAdmin() : notAccessibleByIntegration();
}

/** The advisory, or the same 404 a non-existent one gives, so embargoes do not leak. */
export function findAdvisory(
  state: SimState,
  caller: Caller,
  repo: Repo,
  ghsaId: string,
  now: Date,
): Advisory {
  const advisory = state.advisory(repo, ghsaId);
  if (!advisory || !advisoryAccess(state, caller, advisory, now).view) throw notFound();
  return advisory;
}

export function canSeeTeam(state: SimState, caller: Caller, team: Team): boolean {
  if (caller.kind === 'installation') {
    return caller.installation.accountId === team.orgId && installationPermission(caller, 'members') !== null;
  }
  if (caller.kind !== 'user') return false;
  if (!isOrgMember(state, caller.user, team.orgId)) return false;
  if (team.privacy === 'closed' || isOrgOwner(state, caller.user, team.orgId)) return true;
  return teamsOf(state, caller.user, team.orgId).includes(team);
}

export function requireSignedIn(caller: Caller): void {
  if (caller.kind === 'anonymous') throw new GitHubError(401, 'Requires authentication');
}
