// Model objects → the exact JSON shapes of GitHub's OpenAPI description: every required key
// present, null where the schema allows it, nothing extra where additionalProperties is false.
// Repository, contents and pull shapes live in render-repos.ts; URLs, node ids and users in render-user.ts.
import { cweName } from './cwe.ts';
import { renderSimpleRepo } from './render-repos.ts';
import { nodeId, renderUser, type Urls } from './render-user.ts';
import type { Account, Advisory, AdvisoryComment, App, Installation, SimState, Team } from './state.ts';
import { iso, isoOrNull } from './state.ts';

/** `public-user` (additionalProperties: false) for GET /users/{username}. */
export function renderPublicUser(state: SimState, a: Account, urls: Urls) {
  const publicRepos = [...state.repos.values()].filter((r) => r.ownerId === a.id && !r.private).length;
  return {
    ...renderUser(a, urls),
    name: a.name,
    company: null,
    blog: '',
    location: null,
    email: a.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: iso(a.createdAt),
    updated_at: iso(a.createdAt),
  };
}

/**
 * `private-user` for GET /user: the signed-in person's own account, with what only they see.
 * The simulator has no plans or gists: a free plan, nothing private beyond their repositories.
 */
export function renderPrivateUser(state: SimState, a: Account, urls: Urls) {
  const privateRepos = [...state.repos.values()].filter((r) => r.ownerId === a.id && r.private).length;
  return {
    ...renderPublicUser(state, a, urls),
    user_view_type: 'private',
    notification_email: a.email,
    private_gists: 0,
    total_private_repos: privateRepos,
    owned_private_repos: privateRepos,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976_562_499, collaborators: 0, private_repos: 10_000 },
  };
}

function teamCore(state: SimState, team: Team, urls: Urls) {
  const org = state.accountById(team.orgId);
  const url = `${urls.api}/organizations/${org.id}/team/${team.id}`;
  return {
    id: team.id,
    node_id: nodeId('Team', team.id),
    url,
    html_url: `${urls.html}/orgs/${org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization' as const,
    organization_id: org.id,
  };
}

export function renderTeam(state: SimState, team: Team, urls: Urls) {
  const parent = team.parentId === null ? undefined : state.teams.get(team.parentId);
  return { ...teamCore(state, team, urls), parent: parent ? teamCore(state, parent, urls) : null };
}

export function renderOrganizationFull(state: SimState, org: Account, urls: Urls) {
  const u = `${urls.api}/orgs/${org.login}`;
  const publicRepos = [...state.repos.values()].filter((r) => r.ownerId === org.id && !r.private).length;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: state.orgOf(org.id)?.description ?? null,
    name: org.name ?? org.login,
    html_url: `${urls.html}/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: iso(org.createdAt),
    updated_at: iso(org.createdAt),
    archived_at: null,
  };
}

export function renderTeamFull(state: SimState, team: Team, urls: Urls) {
  return {
    ...renderTeam(state, team, urls),
    members_count: state.teamMembers(team).size,
    repos_count: team.repos.size,
    created_at: iso(team.createdAt),
    updated_at: iso(team.updatedAt),
    organization: renderOrganizationFull(state, state.accountById(team.orgId), urls),
  };
}

/** `organization-simple-webhooks`, for webhook payloads. */
export function renderOrganizationSimple(state: SimState, org: Account, urls: Urls) {
  const full = renderOrganizationFull(state, org, urls);
  const { login, id, node_id, url, repos_url, events_url, hooks_url, issues_url, members_url } = full;
  return {
    login,
    id,
    node_id,
    url,
    repos_url,
    events_url,
    hooks_url,
    issues_url,
    members_url,
    public_members_url: full.public_members_url,
    avatar_url: full.avatar_url,
    description: full.description,
  };
}

export function renderInstallation(state: SimState, inst: Installation, urls: Urls) {
  const app = state.apps.get(inst.appId);
  const account = state.accountById(inst.accountId);
  const settings =
    account.type === 'Organization'
      ? `organizations/${account.login}/settings/installations`
      : 'settings/installations';
  return {
    id: inst.id,
    client_id: app?.clientId,
    account: renderUser(account, urls),
    repository_selection: inst.selection,
    access_tokens_url: `${urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.html}/${settings}/${inst.id}`,
    app_id: inst.appId,
    app_slug: app?.slug ?? '',
    target_id: account.id,
    target_type: account.type,
    permissions: inst.permissions,
    events: inst.events,
    created_at: iso(inst.createdAt),
    updated_at: iso(inst.updatedAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export function renderIntegration(state: SimState, app: App, urls: Urls) {
  return {
    id: app.id,
    slug: app.slug,
    client_id: app.clientId,
    node_id: nodeId('Integration', app.id),
    owner: renderUser(state.accountById(app.ownerId), urls),
    name: app.name,
    description: app.description,
    external_url: app.homepageUrl ?? `${urls.html}/apps/${app.slug}`,
    html_url: `${urls.html}/apps/${app.slug}`,
    created_at: iso(app.createdAt),
    updated_at: iso(app.createdAt),
    permissions: app.permissions,
    events: app.events,
    installations_count: [...state.installations.values()].filter((i) => i.appId === app.id).length,
  };
}

export function advisoryUrls(state: SimState, advisory: Advisory, urls: Urls) {
  const repo = state.repoById(advisory.repoId);
  const full = state.fullName(repo);
  return {
    url: `${urls.api}/repos/${full}/security-advisories/${advisory.ghsaId}`,
    html_url: `${urls.html}/${full}/security/advisories/${advisory.ghsaId}`,
  };
}

const cvssOf = (entry: { vector: string; score: number } | null) =>
  entry ? { vector_string: entry.vector, score: entry.score } : null;

/**
 * `repository-advisory`: the 26 required keys. Lists are rendered as arrays (empty, not null).
 * The deprecated `cvss` mirrors the v3 vector and disappears in API version 2026-03-10. With
 * `commentCount` (REST answers, knob `advisoryCommentCount`), the comments preview's `comments`:
 * how many comments GitHub shows through REST, confidential ones left out (§2.11).
 */
export function renderAdvisory(
  state: SimState,
  a: Advisory,
  urls: Urls,
  apiVersion: string,
  options: { commentCount?: boolean } = {},
) {
  const user = (id: number | null) => (id === null ? null : renderUser(state.accountById(id), urls));
  const identifiers: { type: 'GHSA' | 'CVE'; value: string }[] = [{ type: 'GHSA', value: a.ghsaId }];
  if (a.cveId) identifiers.push({ type: 'CVE', value: a.cveId });
  const fork = a.privateForkId === null ? null : state.repos.get(a.privateForkId);
  const rendered = {
    ghsa_id: a.ghsaId,
    cve_id: a.cveId,
    ...advisoryUrls(state, a, urls),
    summary: a.summary,
    description: a.description,
    severity: a.severity,
    author: user(a.authorId),
    publisher: user(a.publisherId),
    identifiers,
    state: a.state,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
    published_at: isoOrNull(a.publishedAt),
    closed_at: isoOrNull(a.closedAt),
    withdrawn_at: isoOrNull(a.withdrawnAt),
    submission: a.submission ? { accepted: a.submission.accepted } : null,
    vulnerabilities: a.vulnerabilities.map((v) => ({
      package: v.package ? { ecosystem: v.package.ecosystem, name: v.package.name } : null,
      vulnerable_version_range: v.vulnerable_version_range,
      patched_versions: v.patched_versions,
      vulnerable_functions: v.vulnerable_functions,
    })),
    cvss: cvssOf(a.cvssV3),
    cvss_severities: { cvss_v3: cvssOf(a.cvssV3), cvss_v4: cvssOf(a.cvssV4) },
    cwes: a.cweIds.map((id) => ({ cwe_id: id, name: cweName(id) })),
    cwe_ids: [...a.cweIds],
    credits: a.credits.map((c) => ({ login: state.accountById(c.userId).login, type: c.type })),
    credits_detailed: a.credits.map((c) => ({
      user: renderUser(state.accountById(c.userId), urls),
      type: c.type,
      state: c.state,
    })),
    collaborating_users: a.collaboratingUserIds.map((id) => renderUser(state.accountById(id), urls)),
    collaborating_teams: a.collaboratingTeamIds.flatMap((id) => {
      const team = state.teams.get(id);
      return team ? [renderTeam(state, team, urls)] : [];
    }),
    private_fork: fork ? renderSimpleRepo(state, fork, urls) : null,
    ...(options.commentCount
      ? { comments: state.comments.filter((k) => k.ghsaId === a.ghsaId && !k.confidential).length }
      : {}),
  };
  if (apiVersion >= '2026-03-10') {
    const { cvss: _removed, ...withoutCvss } = rendered;
    return withoutCvss;
  }
  return rendered;
}

/**
 * An advisory comment (REST preview, not in the OpenAPI description yet): shaped like an
 * issue comment, which is what the preview's observed responses resemble, or (`minimal`) only
 * the id, author, body and times that were observed (UNVERIFIED, §2.11).
 */
export function renderComment(
  state: SimState,
  comment: AdvisoryComment,
  advisory: Advisory,
  urls: Urls,
  shape: 'issue-comment' | 'minimal',
) {
  const author = renderUser(state.accountById(comment.authorId), urls);
  const times = { created_at: iso(comment.createdAt), updated_at: iso(comment.updatedAt) };
  // What was observed, keys as the spec writes them: id, author, body, created_at, updated_at.
  if (shape === 'minimal') return { id: comment.id, author, body: comment.body, ...times };
  const { url, html_url } = advisoryUrls(state, advisory, urls);
  return {
    id: comment.id,
    body: comment.body,
    user: author,
    ...times,
    node_id: nodeId('RepositoryAdvisoryComment', comment.id),
    url: `${url}/comments/${comment.id}`,
    html_url: `${html_url}#advisory-comment-${comment.id}`,
  };
}
