// A backport as CPython makes them: miss-islington (or a core developer with cherry_picker)
// cherry-picks a merged pull request onto a maintenance branch from a branch of its own, and
// opens `[3.12] <the original title> (GH-<number>)` against that branch with the original's
// labels; then it is merged (squash: one commit on the branch). Control-only (`sim.control`),
// through the same rules and webhooks as a person pushing, opening and merging.
import type { SimContext } from './context.ts';
import { GitHubError, notFound } from './http.ts';
import { mergePullRequest, openPullRequest } from './pull-actions.ts';
import { pushCommit } from './pushes.ts';
import type { Account, Caller, Pull, Repo } from './state.ts';

export interface BackportInput {
  /** The merged pull request to backport, by number. */
  number: number;
  /** The maintenance branch, e.g. `3.12`. */
  branch: string;
  /** Merge it at once (squash), as a core developer does once CI passes; default false (left open). */
  merge?: boolean;
}

export function backportPullRequest(
  ctx: SimContext,
  user: Account,
  caller: Caller,
  repo: Repo,
  input: BackportInput,
): Pull {
  const original = repo.pulls.find((p) => p.number === Number(input.number));
  if (!original) throw notFound();
  const sha = original.mergeCommitSha;
  const merged = sha === null ? undefined : repo.commits.get(sha);
  if (!original.merged || !sha || !merged) {
    throw new GitHubError(
      422,
      `Pull request #${original.number} is not merged: only a merged one is backported.`,
    );
  }
  if (!repo.heads.has(input.branch)) {
    throw new GitHubError(422, `There is no branch ${input.branch} to backport to.`);
  }
  // The files the original changed, as its merge commit left them.
  const files = Object.fromEntries(
    original.files.map((f) => [
      f.filename,
      f.status === 'removed' ? null : (merged.tree.get(f.filename) ?? null),
    ]),
  );
  const title = `[${input.branch}] ${original.title.replace(/\s*\(#\d+\)$/, '')} (GH-${original.number})`;
  const cherryPicked = `(cherry picked from commit ${sha})`;
  const head = `backport-${sha.slice(0, 7)}-${input.branch}`;
  pushCommit(ctx, user, repo, {
    branch: head,
    from: input.branch,
    message: `${title}\n\n${cherryPicked}`,
    files,
  });
  const author = ctx.state.accountById(original.userId);
  const pull = openPullRequest(ctx, user, repo, {
    title,
    body: `${cherryPicked}\n\nCo-authored-by: ${author.name ?? author.login} <${author.email ?? `${author.id}+${author.login}@users.noreply.github.com`}>`,
    head,
    base: input.branch,
    labels: repo.issues.find((i) => i.pullId === original.id)?.labels ?? [],
  });
  if (input.merge) mergePullRequest(ctx, caller, repo, pull, { merge_method: 'squash' });
  return pull;
}
