// Pull request shapes: `pull-request-simple` for lists, `pull-request` for one, and
// `diff-entry` for its files.
import { createHash } from 'node:crypto';
import { renderLabel } from './render-labels.ts';
import { encodePath, renderRepository } from './render-repos.ts';
import { nodeId, renderUser, type Urls } from './render-user.ts';
import type { Pull, PullFile, Repo, SimState } from './state.ts';
import { iso, key } from './state.ts';

export function authorAssociation(state: SimState, repo: Repo, userId: number): string {
  const user = state.accountById(userId);
  if (repo.ownerId === userId) return 'OWNER';
  const org = state.orgOf(repo.ownerId);
  if (org?.members.has(key(user.login))) return 'MEMBER';
  if (repo.collaborators.has(key(user.login))) return 'COLLABORATOR';
  return 'NONE';
}

export const pseudoSha = (seed: string): string => createHash('sha1').update(seed).digest('hex');

export function renderPull(state: SimState, repo: Repo, pull: Pull, urls: Urls) {
  const full = state.fullName(repo);
  const u = `${urls.api}/repos/${full}`;
  const html = `${urls.html}/${full}/pull/${pull.number}`;
  const headRepo = state.repoById(pull.head.repoId);
  const headOwner = state.accountById(headRepo.ownerId);
  const baseOwner = state.accountById(repo.ownerId);
  const links = {
    self: `${u}/pulls/${pull.number}`,
    html,
    issue: `${u}/issues/${pull.number}`,
    comments: `${u}/issues/${pull.number}/comments`,
    review_comments: `${u}/pulls/${pull.number}/comments`,
    review_comment: `${u}/pulls/comments{/number}`,
    commits: `${u}/pulls/${pull.number}/commits`,
    statuses: `${u}/statuses/${pull.head.sha}`,
  };
  return {
    url: links.self,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: links.issue,
    commits_url: links.commits,
    review_comments_url: links.review_comments,
    review_comment_url: links.review_comment,
    comments_url: links.comments,
    statuses_url: links.statuses,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: renderUser(state.accountById(pull.userId), urls),
    body: pull.body,
    // A pull request's labels are its issue's.
    labels: (repo.issues.find((i) => i.pullId === pull.id)?.labels ?? []).map((name) =>
      renderLabel(state, repo, name, urls),
    ),
    milestone: null,
    active_lock_reason: null,
    created_at: iso(pull.createdAt),
    updated_at: iso(pull.updatedAt),
    closed_at: pull.closedAt ? iso(pull.closedAt) : null,
    merged_at: pull.mergedAt ? iso(pull.mergedAt) : null,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${headOwner.login}:${pull.head.ref}`,
      ref: pull.head.ref,
      repo: renderRepository(state, headRepo, urls),
      sha: pull.head.sha,
      user: renderUser(headOwner, urls),
    },
    base: {
      label: `${baseOwner.login}:${pull.base.ref}`,
      ref: pull.base.ref,
      repo: renderRepository(state, repo, urls),
      sha: pull.base.sha,
      user: renderUser(baseOwner, urls),
    },
    _links: Object.fromEntries(Object.entries(links).map(([name, href]) => [name, { href }])),
    author_association: authorAssociation(state, repo, pull.userId),
    auto_merge: null,
    draft: pull.draft,
  };
}

/** `pull-request` (GET one pull): the simple shape plus counts and merge state. */
export function renderPullFull(state: SimState, repo: Repo, pull: Pull, urls: Urls) {
  const additions = pull.files.reduce((n, f) => n + f.additions, 0);
  const deletions = pull.files.reduce((n, f) => n + f.deletions, 0);
  return {
    ...renderPull(state, repo, pull, urls),
    merged: pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: pull.mergedById === null ? null : renderUser(state.accountById(pull.mergedById), urls),
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions,
    deletions,
    changed_files: pull.files.length,
  };
}

export function renderDiffEntry(state: SimState, repo: Repo, pull: Pull, file: PullFile, urls: Urls) {
  const full = state.fullName(repo);
  const path = encodePath(file.filename);
  return {
    sha: file.status === 'removed' ? null : pseudoSha(`${pull.head.sha}:${file.filename}`),
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${urls.html}/${full}/blob/${pull.head.sha}/${path}`,
    raw_url: `${urls.html}/${full}/raw/${pull.head.sha}/${path}`,
    contents_url: `${urls.api}/repos/${full}/contents/${path}?ref=${pull.head.sha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
    ...(file.previous_filename !== undefined ? { previous_filename: file.previous_filename } : {}),
  };
}
