// `GET /repos/{o}/{r}/compare/{base}...{head}`: how two commits (branches, tags or shas) relate,
// as `git log base..head` and `git diff base...head` would say: `ahead` (head has commits base
// lacks), `behind` (head is in base's history), `identical` or `diverged`, the merge base, the
// commits only head has, oldest first, and the files changed since the merge base. Without
// `per_page`/`page` the newest 250 commits are listed; with them, pages with `Link` (the files
// only on the first). Refs of the same repository only (`owner:ref` of another is 404).
import type { Hono } from 'hono';
import { installationCovers, requirePermission, routeRepo } from './access.ts';
import { renderCommit } from './commits.ts';
import type { SimContext } from './context.ts';
import { history, resolveCommit, treeDiff } from './git.ts';
import { GitHubError, json, notFound, pageOf, type SimEnv, withLink } from './http.ts';
import { blobSha, encodePath } from './render-repos.ts';
import type { Commit } from './repo-state.ts';
import type { Repo } from './state.ts';
import { key } from './state.ts';

export interface Comparison {
  base: Commit;
  head: Commit;
  mergeBase: Commit;
  status: 'ahead' | 'behind' | 'identical' | 'diverged';
  /** Commits reachable from head and not from base, oldest first. */
  ahead: Commit[];
  behindBy: number;
}

export function compareCommits(repo: Repo, base: Commit, head: Commit): Comparison | null {
  const baseHistory = history(repo, base);
  const headHistory = history(repo, head);
  const inBase = new Set(baseHistory.map((commit) => commit.sha));
  const inHead = new Set(headHistory.map((commit) => commit.sha));
  // The newest commit both histories share (git merge-base, for the histories the simulator makes).
  const mergeBase = headHistory.find((commit) => inBase.has(commit.sha));
  if (!mergeBase) return null;
  const ahead = headHistory.filter((commit) => !inBase.has(commit.sha)).reverse();
  const behindBy = baseHistory.filter((commit) => !inHead.has(commit.sha)).length;
  const status =
    ahead.length === 0 && behindBy === 0
      ? 'identical'
      : behindBy === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged';
  return { base, head, mergeBase, status, ahead, behindBy };
}

function renderFiles(comparison: Comparison, html: string, api: string) {
  return treeDiff(comparison.mergeBase.tree, comparison.head.tree)
    .slice(0, 300)
    .map((change) => {
      const path = encodePath(change.filename);
      const sha = comparison.head.sha;
      return {
        sha: change.content === null ? null : blobSha(change.content),
        filename: change.filename,
        status: change.status,
        additions: change.additions,
        deletions: change.deletions,
        changes: change.additions + change.deletions,
        blob_url: `${html}/blob/${sha}/${path}`,
        raw_url: `${html}/raw/${sha}/${path}`,
        contents_url: `${api}/contents/${path}?ref=${sha}`,
      };
    });
}

export function compareRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  app.get('/repos/:owner/:repo/compare/:basehead{.+}', (c) => {
    const repo = routeRepo(sim, c);
    const caller = c.get('caller');
    if (caller.kind === 'app' || installationCovers(sim.state, caller, repo)) {
      requirePermission(caller, 'contents', 'read');
    }
    const basehead = c.req.param('basehead');
    const [baseRef, headRef, ...rest] = basehead.split('...');
    if (baseRef === undefined || headRef === undefined || rest.length > 0) throw notFound();
    const owner = sim.state.accountById(repo.ownerId).login;
    const local = (ref: string) => {
      const colon = ref.indexOf(':');
      if (colon === -1) return ref;
      // `owner:ref` names a ref of a repository in the network; only this one is simulated.
      if (key(ref.slice(0, colon)) !== key(owner)) throw notFound();
      return ref.slice(colon + 1);
    };
    const base = resolveCommit(repo, local(baseRef));
    const head = resolveCommit(repo, local(headRef));
    if (!base || !head) throw notFound();
    const comparison = compareCommits(repo, base, head);
    if (!comparison) throw new GitHubError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
    const url = new URL(c.req.url);
    const urls = c.get('urls');
    const full = sim.state.fullName(repo);
    const api = `${urls.api}/repos/${full}`;
    const html = `${urls.html}/${full}`;
    const paged = url.searchParams.has('per_page') || url.searchParams.has('page');
    const window = paged
      ? pageOf(comparison.ahead, url)
      : { items: comparison.ahead.slice(-250), link: null };
    withLink(c, window.link);
    const firstPage = !paged || (Number(url.searchParams.get('page') ?? '1') || 1) === 1;
    const render = (commit: Commit) => renderCommit(sim.state, repo, commit, urls, null);
    return json(c, {
      url: `${api}/compare/${basehead}`,
      html_url: `${html}/compare/${basehead}`,
      permalink_url: `${html}/compare/${owner}:${base.sha.slice(0, 7)}...${owner}:${head.sha.slice(0, 7)}`,
      diff_url: `${html}/compare/${basehead}.diff`,
      patch_url: `${html}/compare/${basehead}.patch`,
      base_commit: render(base),
      merge_base_commit: render(comparison.mergeBase),
      status: comparison.status,
      ahead_by: comparison.ahead.length,
      behind_by: comparison.behindBy,
      total_commits: comparison.ahead.length,
      commits: window.items.map(render),
      files: firstPage ? renderFiles(comparison, html, api) : [],
    });
  });
}
