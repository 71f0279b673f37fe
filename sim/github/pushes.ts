// Someone pushes a commit (the web UI's "commit changes", or `git push`): the branch moves, open
// pull requests from that branch get the commit (`pull_request` synchronize) and the App hears
// `push`. Only people who can write to the repository push; in a temporary private fork that is
// the parent's admins and the advisory's collaborators (access.ts).
import { atLeast, userRepoRole } from './access.ts';
import type { SimContext } from './context.ts';
import { commitOnBranch } from './git.ts';
import { GitHubError } from './http.ts';
import { pullRequestEvent, pushEvent } from './repo-events.ts';
import type { Commit, CommitChange } from './repo-state.ts';
import type { Account, PullFile, Repo } from './state.ts';

export function refusePush(ctx: SimContext, user: Account, repo: Repo): void {
  if (!atLeast(userRepoRole(ctx.state, user, repo), 'write')) {
    throw new GitHubError(403, `Permission to ${ctx.state.fullName(repo)}.git denied to ${user.login}.`);
  }
}

/** A pull request's files after its head gained `changes`: counts add up, a file added then removed goes. */
function addToFiles(files: PullFile[], changes: CommitChange[]): PullFile[] {
  const out = files.map((f) => ({ ...f }));
  for (const change of changes) {
    const at = out.findIndex((f) => f.filename === change.filename);
    const existing = out[at];
    if (!existing) {
      out.push({
        filename: change.filename,
        status: change.status,
        additions: change.additions,
        deletions: change.deletions,
      });
    } else if (change.status === 'removed' && existing.status === 'added') {
      out.splice(at, 1);
    } else {
      existing.additions += change.additions;
      existing.deletions += change.deletions;
      existing.status =
        change.status === 'removed' ? 'removed' : existing.status === 'added' ? 'added' : 'modified';
    }
  }
  return out;
}

/** The commit is on `branch` already: moves the open pull requests whose head it is, and tells the App. */
export function announcePush(
  ctx: SimContext,
  repo: Repo,
  branch: string,
  before: string | null,
  commit: Commit,
  sender: Account,
): void {
  pushEvent(ctx, repo, branch, before, [commit], sender);
  const now = ctx.clock.now();
  for (const base of ctx.state.repos.values()) {
    for (const pull of base.pulls) {
      if (pull.state !== 'open' || pull.head.repoId !== repo.id || pull.head.ref !== branch) continue;
      const previous = pull.head.sha;
      pull.head.sha = commit.sha;
      pull.files = addToFiles(pull.files, commit.changes);
      pull.updatedAt = now;
      pullRequestEvent(ctx, 'synchronize', base, pull, sender, { before: previous, after: commit.sha });
    }
  }
}

export interface PushInput {
  /** Default: the repository's default branch; a new branch starts from it, or from `from`. */
  branch?: string;
  /** Where a new branch starts: an existing branch (`git switch -c fix 3.12`). Ignored for an existing branch. */
  from?: string;
  message: string;
  /** Path → new content, or null to delete it. */
  files?: Record<string, string | null>;
}

export function pushCommit(ctx: SimContext, user: Account, repo: Repo, input: PushInput): Commit {
  refusePush(ctx, user, repo);
  if (typeof input.message !== 'string' || input.message.trim() === '') {
    throw new GitHubError(422, 'A commit needs a message.');
  }
  for (const [path, content] of Object.entries(input.files ?? {})) {
    if (content !== null && typeof content !== 'string') {
      throw new GitHubError(422, `The content of ${path} must be text, or null to delete the file.`);
    }
  }
  const branch = input.branch ?? repo.defaultBranch;
  if (input.from !== undefined && !repo.heads.has(input.from)) {
    throw new GitHubError(422, `There is no branch ${input.from} to start ${branch} from.`);
  }
  const before = repo.heads.get(branch) ?? null;
  const commit = commitOnBranch(ctx, repo, branch, {
    authorId: user.id,
    message: input.message,
    files: input.files ?? {},
    ...(input.from === undefined ? {} : { from: input.from }),
  });
  announcePush(ctx, repo, branch, before, commit, user);
  return commit;
}
