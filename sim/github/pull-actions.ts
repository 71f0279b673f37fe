// Opening a pull request from a branch (the web UI's "Create pull request") and merging one
// ("Merge pull request", or `PUT …/pulls/{n}/merge`), in ordinary repositories and temporary
// private forks alike. A merge commits the pull request's files onto its base branch, closes it
// as merged by whoever merged it, and the App hears `pull_request` closed (merged) and `push`.
import type { Hono } from 'hono';
import { atLeast, installationCovers, installationPermission, routeRepo, userRepoRole } from './access.ts';
import { actorOf } from './auth.ts';
import type { SimContext } from './context.ts';
import { commitOnBranch, resolveCommit, treeDiff } from './git.ts';
import {
  GitHubError,
  invalidRequest,
  json,
  notAccessibleByIntegration,
  notFound,
  readJson,
  requiresAuthentication,
  type SimEnv,
  validationFailed,
} from './http.ts';
import { mustHavePush } from './issue-actions.ts';
import { announcePush } from './pushes.ts';
import { pullRequestEvent } from './repo-events.ts';
import { nextIssueNumber, pullIssue } from './repo-state.ts';
import type { Account, Caller, Pull, Repo } from './state.ts';

export interface OpenPullInput {
  title: string;
  body?: string;
  /** A branch of the same repository (a temporary private fork's fix branch, say). */
  head: string;
  /** Default: the repository's default branch. */
  base?: string;
  draft?: boolean;
  /** Labels set while opening it; kept only from someone who can triage, as in the web UI. */
  labels?: string[];
}

export function openPullRequest(ctx: SimContext, user: Account, repo: Repo, input: OpenPullInput): Pull {
  const invalid = (field: string, value: string) =>
    validationFailed([{ resource: 'PullRequest', field, code: 'invalid', value }]);
  const base = input.base ?? repo.defaultBranch;
  const headSha = repo.heads.get(input.head);
  const baseSha = repo.heads.get(base);
  if (typeof input.title !== 'string' || input.title.trim() === '') {
    throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
  }
  if (!headSha) throw invalid('head', input.head);
  if (!baseSha) throw invalid('base', base);
  const owner = ctx.state.accountById(repo.ownerId).login;
  const custom = (message: string) =>
    validationFailed([{ resource: 'PullRequest', code: 'custom', message }]);
  if (headSha === baseSha) throw custom(`No commits between ${base} and ${input.head}`);
  if (
    repo.pulls.some(
      (p) =>
        p.state === 'open' && p.head.repoId === repo.id && p.head.ref === input.head && p.base.ref === base,
    )
  ) {
    throw custom(`A pull request already exists for ${owner}:${input.head}.`);
  }
  const files = treeDiff(repo.branches.get(base) ?? new Map(), repo.branches.get(input.head) ?? new Map());
  const now = ctx.clock.now();
  const pull: Pull = {
    id: ctx.state.nextId('pull'),
    number: nextIssueNumber(repo),
    title: input.title,
    body: input.body ?? null,
    userId: user.id,
    state: 'open',
    draft: input.draft ?? false,
    merged: false,
    head: { ref: input.head, sha: headSha, repoId: repo.id },
    base: { ref: base, sha: baseSha },
    files: files.map(({ content: _content, ...file }) => file),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    mergedAt: null,
    mergedById: null,
    mergeCommitSha: null,
  };
  repo.pulls.push(pull);
  const issue = pullIssue(ctx.state.nextId('issue'), pull);
  if (input.labels && atLeast(userRepoRole(ctx.state, user, repo), 'triage')) {
    issue.labels = [...new Set(input.labels)];
  }
  repo.issues.push(issue);
  pullRequestEvent(ctx, 'opened', repo, pull, user);
  return pull;
}

function merger(ctx: SimContext, caller: Caller, repo: Repo): Account {
  if (caller.kind === 'anonymous') throw requiresAuthentication();
  if (caller.kind === 'installation') {
    const writes = installationPermission(caller, 'contents') === 'write';
    if (!installationCovers(ctx.state, caller, repo) || !writes) throw notAccessibleByIntegration();
  } else if (caller.kind !== 'user') {
    throw notAccessibleByIntegration();
  } else if (!atLeast(userRepoRole(ctx.state, caller.user, repo), 'write')) {
    throw mustHavePush();
  }
  const actor = actorOf(ctx.state, caller);
  if (!actor) throw notAccessibleByIntegration();
  return actor;
}

const mergeMethods = ['merge', 'squash', 'rebase'] as const;

export function mergePullRequest(
  ctx: SimContext,
  caller: Caller,
  repo: Repo,
  pull: Pull,
  body: Record<string, unknown>,
): { sha: string; merged: boolean; message: string } {
  const actor = merger(ctx, caller, repo);
  for (const field of ['commit_title', 'commit_message', 'sha']) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      throw invalidRequest(`For 'properties/${field}', ${JSON.stringify(body[field])} is not a string.`);
    }
  }
  const method = body.merge_method ?? 'merge';
  if (!mergeMethods.includes(method as never)) {
    throw invalidRequest(
      `For 'properties/merge_method', ${JSON.stringify(method)} is not one of merge, squash, rebase.`,
    );
  }
  if (pull.state !== 'open') throw new GitHubError(405, 'Pull Request is not mergeable');
  if (pull.draft) throw new GitHubError(405, 'Pull Request is still a draft');
  if (body.sha !== undefined && body.sha !== pull.head.sha) {
    throw new GitHubError(409, 'Head branch was modified. Review and try the merge again.');
  }
  const headRepo = ctx.state.repoById(pull.head.repoId);
  const headTree =
    resolveCommit(headRepo, pull.head.sha)?.tree ?? headRepo.branches.get(pull.head.ref) ?? new Map();
  const files = Object.fromEntries(
    pull.files.flatMap((f): [string, string | null][] => {
      if (f.status === 'removed') return [[f.filename, null]];
      const content = headTree.get(f.filename);
      return content === undefined ? [] : [[f.filename, content]];
    }),
  );
  const headOwner = ctx.state.accountById(headRepo.ownerId).login;
  const squash = method !== 'merge';
  const title =
    (body.commit_title as string | undefined) ??
    (squash
      ? `${pull.title} (#${pull.number})`
      : `Merge pull request #${pull.number} from ${headOwner}/${pull.head.ref}`);
  const detail = (body.commit_message as string | undefined) ?? (squash ? '' : pull.title);
  const before = repo.heads.get(pull.base.ref) ?? null;
  const commit = commitOnBranch(ctx, repo, pull.base.ref, {
    authorId: actor.id,
    message: detail ? `${title}\n\n${detail}` : title,
    files,
    mergeParents: !squash && repo.commits.has(pull.head.sha) ? [pull.head.sha] : [],
  });
  const now = ctx.clock.now();
  Object.assign(pull, {
    state: 'closed',
    merged: true,
    mergedAt: now,
    closedAt: now,
    updatedAt: now,
    mergedById: actor.id,
    mergeCommitSha: commit.sha,
  });
  pullRequestEvent(ctx, 'closed', repo, pull, actor);
  announcePush(ctx, repo, pull.base.ref, before, commit, actor);
  return { sha: commit.sha, merged: true, message: 'Pull Request successfully merged' };
}

export function mergeRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  app.put('/repos/:owner/:repo/pulls/:number{[0-9]+}/merge', (c) => {
    const repo = routeRepo(sim, c);
    const pull = repo.pulls.find((p) => String(p.number) === c.req.param('number'));
    if (!pull) throw notFound();
    const body = readJson(c) ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw invalidRequest(`For 'links/0/schema', ${JSON.stringify(body)} is not an object.`);
    }
    return json(c, mergePullRequest(sim, c.get('caller'), repo, pull, body as Record<string, unknown>));
  });
}
