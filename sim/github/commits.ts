// Commit routes: list a branch's (or a commit's) history with `sha`, `path`, `author`, `since`,
// `until` and pages, and read one commit with its stats and files. Commits are made by seeds,
// `putFile`, pushes and merges (git.ts). An App installed on the repository needs `contents` read.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { installationCovers, requirePermission, routeRepo } from './access.ts';
import type { SimContext } from './context.ts';
import { history, resolveCommit } from './git.ts';
import { type Ctx, GitHubError, invalidRequest, json, pageOf, type SimEnv, withLink } from './http.ts';
import { blobSha, encodePath } from './render-repos.ts';
import { renderUser, type Urls } from './render-user.ts';
import type { Commit } from './repo-state.ts';
import type { Repo, SimState } from './state.ts';
import { iso, key } from './state.ts';

const treeSha = (commit: Commit): string =>
  createHash('sha1')
    .update(JSON.stringify([...commit.tree.entries()].sort(([a], [b]) => a.localeCompare(b))))
    .digest('hex');

function gitPerson(state: SimState, commit: Commit) {
  const account = state.accountById(commit.authorId);
  return {
    name: account.name ?? account.login,
    email: account.email ?? `${account.id}+${account.login}@users.noreply.github.com`,
    date: iso(commit.date),
  };
}

/** `commit`; `full` adds `stats` and `files` (the single-commit view). */
export function renderCommit(
  state: SimState,
  repo: Repo,
  commit: Commit,
  urls: Urls,
  full: Commit['changes'] | null,
) {
  const name = state.fullName(repo);
  const api = `${urls.api}/repos/${name}`;
  const html = `${urls.html}/${name}`;
  const person = gitPerson(state, commit);
  const user = renderUser(state.accountById(commit.authorId), urls);
  const additions = commit.changes.reduce((n, c) => n + c.additions, 0);
  const deletions = commit.changes.reduce((n, c) => n + c.deletions, 0);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: Buffer.from(`04:Commit${repo.id}:${commit.sha}`).toString('base64'),
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: treeSha(commit), url: `${api}/git/trees/${treeSha(commit)}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        payload: null,
        signature: null,
        verified_at: null,
      },
    },
    author: user,
    committer: user,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
    ...(full
      ? {
          stats: { additions, deletions, total: additions + deletions },
          files: full.map((change) => {
            const path = encodePath(change.filename);
            return {
              sha: change.content === null ? null : blobSha(change.content),
              filename: change.filename,
              status: change.status,
              additions: change.additions,
              deletions: change.deletions,
              changes: change.additions + change.deletions,
              blob_url: `${html}/blob/${commit.sha}/${path}`,
              raw_url: `${html}/raw/${commit.sha}/${path}`,
              contents_url: `${api}/contents/${path}?ref=${commit.sha}`,
            };
          }),
        }
      : {}),
  };
}

function dateParam(url: URL, name: string): Date | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) {
    throw invalidRequest(`For 'properties/${name}', ${JSON.stringify(raw)} is not a valid date-time.`);
  }
  return at;
}

export function commitRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const repoOf = (c: Ctx) => {
    const repo = routeRepo(sim, c);
    const caller = c.get('caller');
    if (caller.kind === 'app' || installationCovers(sim.state, caller, repo)) {
      requirePermission(caller, 'contents', 'read');
    }
    return repo;
  };

  app.get('/repos/:owner/:repo/commits', (c) => {
    const repo = repoOf(c);
    if (repo.commits.size === 0) throw new GitHubError(409, 'Git Repository is empty.');
    const url = new URL(c.req.url);
    const q = url.searchParams;
    const ref = q.get('sha') || repo.defaultBranch;
    const start = resolveCommit(repo, ref);
    if (!start) throw new GitHubError(404, `No commit found for SHA: ${ref}`);
    const path = q.get('path')?.replace(/^\/+|\/+$/g, '');
    const author = q.get('author') ?? q.get('committer');
    const since = dateParam(url, 'since');
    const until = dateParam(url, 'until');
    const byAuthor = (commit: Commit) => {
      if (!author) return true;
      const account = sim.state.accountById(commit.authorId);
      return key(account.login) === key(author) || account.email?.toLowerCase() === author.toLowerCase();
    };
    const commits = history(repo, start)
      .filter(
        (commit) =>
          !path || commit.changes.some((k) => k.filename === path || k.filename.startsWith(`${path}/`)),
      )
      .filter(byAuthor)
      .filter((commit) => since === null || commit.date.getTime() >= since.getTime())
      .filter((commit) => until === null || commit.date.getTime() <= until.getTime());
    const page = pageOf(commits, url);
    withLink(c, page.link);
    return json(
      c,
      page.items.map((commit) => renderCommit(sim.state, repo, commit, c.get('urls'), null)),
    );
  });

  app.get('/repos/:owner/:repo/commits/:ref{.+}', (c) => {
    const repo = repoOf(c);
    const ref = c.req.param('ref');
    const commit = resolveCommit(repo, ref);
    if (!commit) throw new GitHubError(422, `No commit found for SHA: ${ref}`);
    // A commit of more than 300 files pages them (up to 3000), the commit repeated on each page.
    const files = commit.changes.slice(0, 3000);
    const paged = files.length > 300 ? pageOf(files, new URL(c.req.url)) : { items: files, link: null };
    withLink(c, paged.link);
    return json(c, renderCommit(sim.state, repo, commit, c.get('urls'), paged.items));
  });
}
