// The control surface's repository activity: people opening, editing and commenting on issues,
// pushing commits, opening, backporting and merging pull requests in the web UI (through the same
// rules and webhooks as REST), tagging releases, and the god view of every issue. Part of
// `sim.control` (control.ts).
import { findRepo } from './access.ts';
import { uiCaller } from './auth.ts';
import { type BackportInput, backportPullRequest } from './backports.ts';
import { renderCommit } from './commits.ts';
import { payloadUrls } from './config.ts';
import type { SimContext } from './context.ts';
import { GitHubError, notFound } from './http.ts';
import { addIssueComment, openIssue, updateIssue } from './issue-actions.ts';
import { mergePullRequest, type OpenPullInput, openPullRequest } from './pull-actions.ts';
import { type PushInput, pushCommit } from './pushes.ts';
import { addTag } from './refs.ts';
import { renderIssue, renderIssueComment } from './render-issues.ts';
import { renderPullFull } from './render-pulls.ts';
import { issueByNumber } from './repo-state.ts';
import type { Account } from './state.ts';

export type IssueJson = ReturnType<typeof renderIssue>;
export type IssueCommentJson = ReturnType<typeof renderIssueComment>;
export type CommitJson = ReturnType<typeof renderCommit>;
export type PullJson = ReturnType<typeof renderPullFull>;

export interface RepoRef {
  owner: string;
  repo: string;
}
export interface IssueRef extends RepoRef {
  number: number;
}
interface As {
  as: string;
}

export interface RepoActivityControl {
  /** A person opens an issue (`issues` opened). */
  openIssue(input: As & RepoRef & { title: string; body?: string; labels?: string[] }): IssueJson;
  /** A person edits an issue's title or body, or closes or reopens it (`issues` edited, closed, reopened). */
  editIssue(
    input: As &
      IssueRef & {
        changes: { title?: string; body?: string; state?: 'open' | 'closed'; state_reason?: string };
      },
  ): IssueJson;
  /** A person comments on an issue or pull request (`issue_comment` created). */
  commentOnIssue(input: As & IssueRef & { body: string }): IssueCommentJson;
  /** Someone who can write pushes a commit (`push`; `pull_request` synchronize for open pulls from the branch). */
  pushCommit(input: As & RepoRef & PushInput): CommitJson;
  /** A person opens a pull request from a branch of the same repository (`pull_request` opened). */
  openPullRequest(input: As & RepoRef & OpenPullInput): PullJson;
  /** "Merge pull request" (`pull_request` closed with merged, and `push` on the base branch). */
  mergePullRequest(input: As & IssueRef & { mergeMethod?: 'merge' | 'squash' | 'rebase' }): PullJson;
  /**
   * Backports merged pull request `number` to `branch` as miss-islington does: a branch from
   * `branch` with its files, a pull request `[3.12] <title> (GH-number)` with its labels, merged
   * (squash) when `merge` (`push`, `pull_request` opened, and closed when merged).
   */
  backportPullRequest(input: As & RepoRef & BackportInput): PullJson;
  /** A lightweight tag on a branch head, a tag or a commit (a release manager's push of a tag; no webhook). */
  addTag(input: RepoRef & { tag: string; ref: string }): { name: string; sha: string };
  /** Every issue of a repository, pull requests' included, oldest first (the god view). */
  issues(ref: RepoRef): IssueJson[];
  /** Every comment on an issue or pull request, oldest first. */
  issueComments(ref: IssueRef): IssueCommentJson[];
}

export function createActivityControl(sim: SimContext): RepoActivityControl {
  const urls = () => payloadUrls(sim);
  const person = (login: string): Account => {
    const user = sim.state.account(login);
    if (user?.type !== 'User') throw new GitHubError(404, `No user ${login}`);
    return user;
  };
  /** The repository as the person sees it: 404 if they cannot. */
  const seen = (as: string, ref: RepoRef) => {
    const user = person(as);
    return {
      user,
      caller: uiCaller(user),
      repo: findRepo(sim.state, uiCaller(user), ref.owner, ref.repo, sim.clock.now()),
    };
  };
  const anyRepo = (ref: RepoRef) => {
    const repo = sim.state.repo(ref.owner, ref.repo);
    if (!repo) throw new GitHubError(404, `No repository ${ref.owner}/${ref.repo}`);
    return repo;
  };
  const numbered = (repo: ReturnType<typeof anyRepo>, number: number) => {
    const issue = issueByNumber(repo, number);
    if (!issue) throw notFound();
    return issue;
  };

  return {
    openIssue: ({ as, title, body, labels, ...ref }) => {
      const { caller, repo } = seen(as, ref);
      const issue = openIssue(sim, caller, repo, {
        title,
        ...(body === undefined ? {} : { body }),
        ...(labels ? { labels } : {}),
      });
      return renderIssue(sim.state, repo, issue, urls());
    },
    editIssue: ({ as, number, changes, ...ref }) => {
      const { caller, repo } = seen(as, ref);
      const issue = numbered(repo, number);
      updateIssue(sim, caller, repo, issue, changes);
      return renderIssue(sim.state, repo, issue, urls());
    },
    commentOnIssue: ({ as, number, body, ...ref }) => {
      const { caller, repo } = seen(as, ref);
      const comment = addIssueComment(sim, caller, repo, numbered(repo, number), { body });
      return renderIssueComment(sim.state, repo, comment, urls());
    },
    pushCommit: ({ as, owner, repo: name, ...input }) => {
      const { user, repo } = seen(as, { owner, repo: name });
      const commit = pushCommit(sim, user, repo, input);
      return renderCommit(sim.state, repo, commit, urls(), commit.changes);
    },
    openPullRequest: ({ as, owner, repo: name, ...input }) => {
      const { user, repo } = seen(as, { owner, repo: name });
      return renderPullFull(sim.state, repo, openPullRequest(sim, user, repo, input), urls());
    },
    mergePullRequest: ({ as, number, mergeMethod, ...ref }) => {
      const { caller, repo } = seen(as, ref);
      const pull = repo.pulls.find((p) => p.number === Number(number));
      if (!pull) throw notFound();
      mergePullRequest(sim, caller, repo, pull, mergeMethod ? { merge_method: mergeMethod } : {});
      return renderPullFull(sim.state, repo, pull, urls());
    },
    backportPullRequest: ({ as, owner, repo: name, ...input }) => {
      const { user, caller, repo } = seen(as, { owner, repo: name });
      return renderPullFull(sim.state, repo, backportPullRequest(sim, user, caller, repo, input), urls());
    },
    addTag: ({ tag, ref, ...repoRef }) => addTag(anyRepo(repoRef), tag, ref),
    issues: (ref) => {
      const repo = anyRepo(ref);
      return [...repo.issues]
        .sort((a, b) => a.number - b.number)
        .map((i) => renderIssue(sim.state, repo, i, urls()));
    },
    issueComments: ({ number, ...ref }) => {
      const repo = anyRepo(ref);
      return repo.issueComments
        .filter((k) => k.number === Number(number))
        .map((k) => renderIssueComment(sim.state, repo, k, urls()));
    },
  };
}
