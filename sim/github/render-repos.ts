// Repository-side shapes: `simple-repository`, `repository`/`full-repository` (one rendering
// carries the required keys of both, and of `repository-webhooks`) and contents. Pulls are in
// render-pulls.ts.
import { createHash } from 'node:crypto';
import { nodeId, renderUser, type Urls } from './render-user.ts';
import { issueView } from './repo-state.ts';
import type { Caller, Repo, RepoRole, SimState } from './state.ts';
import { iso } from './state.ts';

export function renderSimpleRepo(state: SimState, repo: Repo, urls: Urls) {
  const full = state.fullName(repo);
  const u = `${urls.api}/repos/${full}`;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    owner: renderUser(state.accountById(repo.ownerId), urls),
    private: repo.private,
    html_url: `${urls.html}/${full}`,
    description: repo.description,
    fork: repo.fork,
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    hooks_url: `${u}/hooks`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
  };
}

const permissionsFor = (role: RepoRole | null) => ({
  admin: role === 'admin',
  maintain: role === 'admin' || role === 'maintain',
  push: role === 'admin' || role === 'maintain' || role === 'write',
  triage: role !== null && role !== 'read',
  pull: role !== null,
});

/** `repository` and `full-repository` at once; `role` adds the caller's `permissions`. */
export function renderRepository(
  state: SimState,
  repo: Repo,
  urls: Urls,
  options: { role?: RepoRole | null; withParent?: boolean } = {},
): Record<string, unknown> {
  const full = state.fullName(repo);
  const owner = state.accountById(repo.ownerId);
  const forks = [...state.repos.values()].filter(
    (r) => r.parentId === repo.id && r.advisoryGhsa === null,
  ).length;
  // GitHub counts open issues and open pull requests together.
  const openIssues = repo.issues.filter((i) => issueView(repo, i).state === 'open').length;
  const parent = repo.parentId === null ? undefined : state.repos.get(repo.parentId);
  return {
    ...renderSimpleRepo(state, repo, urls),
    clone_url: `${urls.html}/${full}.git`,
    git_url: `git://${new URL(urls.html).host}/${full}.git`,
    ssh_url: `git@${new URL(urls.html).host}:${full}.git`,
    svn_url: `${urls.html}/${full}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: forks,
    forks,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size:
      [...(repo.branches.get(repo.defaultBranch)?.values() ?? [])].reduce((n, f) => n + f.length, 0) >> 10,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: iso(repo.pushedAt),
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.updatedAt),
    ...(options.role !== undefined ? { permissions: permissionsFor(options.role) } : {}),
    allow_forking: !repo.private,
    web_commit_signoff_required: false,
    license: null,
    network_count: forks,
    subscribers_count: 0,
    ...(owner.type === 'Organization' ? { organization: renderUser(owner, urls) } : {}),
    ...(parent && options.withParent
      ? {
          parent: renderRepository(state, parent, urls),
          source: renderRepository(state, parent, urls),
        }
      : {}),
  };
}

export const roleFor = (caller: Caller, role: RepoRole | null): RepoRole | null | undefined =>
  caller.kind === 'anonymous' ? undefined : role;

export const blobSha = (content: string): string =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(content)}\0${content}`)
    .digest('hex');

export const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

function contentLinks(
  state: SimState,
  repo: Repo,
  path: string,
  ref: string,
  sha: string,
  kind: 'file' | 'dir',
  urls: Urls,
) {
  const full = state.fullName(repo);
  const url = `${urls.api}/repos/${full}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
  const git_url = `${urls.api}/repos/${full}/git/${kind === 'file' ? 'blobs' : 'trees'}/${sha}`;
  const html_url = `${urls.html}/${full}/${kind === 'file' ? 'blob' : 'tree'}/${encodeURIComponent(ref)}/${encodePath(path)}`;
  return { url, git_url, html_url, _links: { self: url, git: git_url, html: html_url } };
}

/** `content-file`, with the base64 wrapped at 60 characters like GitHub does. */
export function renderContentFile(
  state: SimState,
  repo: Repo,
  path: string,
  ref: string,
  content: string,
  urls: Urls,
) {
  const sha = blobSha(content);
  const b64 = Buffer.from(content, 'utf8').toString('base64');
  const wrapped = (b64.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join('');
  const links = contentLinks(state, repo, path, ref, sha, 'file', urls);
  return {
    type: 'file' as const,
    encoding: 'base64',
    size: Buffer.byteLength(content),
    name: path.split('/').pop() ?? path,
    path,
    content: wrapped,
    sha,
    url: links.url,
    git_url: links.git_url,
    html_url: links.html_url,
    download_url: `https://raw.githubusercontent.com/${state.fullName(repo)}/${encodeURIComponent(ref)}/${encodePath(path)}`,
    _links: links._links,
  };
}

/** `content-directory`: the direct children of `dir` in `files`. */
export function renderContentDirectory(
  state: SimState,
  repo: Repo,
  dir: string,
  ref: string,
  files: Map<string, string>,
  urls: Urls,
) {
  const prefix = dir === '' ? '' : `${dir}/`;
  const children = new Map<string, 'file' | 'dir'>();
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const [head, ...rest] = path.slice(prefix.length).split('/');
    if (head) children.set(head, rest.length ? 'dir' : (children.get(head) ?? 'file'));
  }
  return [...children.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type]) => {
      const path = `${prefix}${name}`;
      const content = files.get(path) ?? '';
      const sha = type === 'file' ? blobSha(content) : blobSha(`tree:${path}`);
      const links = contentLinks(state, repo, path, ref, sha, type, urls);
      return {
        type,
        size: type === 'file' ? Buffer.byteLength(content) : 0,
        name,
        path,
        sha,
        ...links,
        download_url:
          type === 'file'
            ? `https://raw.githubusercontent.com/${state.fullName(repo)}/${encodeURIComponent(ref)}/${encodePath(path)}`
            : null,
      };
    });
}
