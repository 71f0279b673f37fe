// The repository events an App hears about besides advisories: `issues`, `issue_comment`,
// `pull_request` and `push`, shaped as @octokit/openapi-webhooks describes them, each sent only
// to the App installed on the repository and subscribed to the event (webhooks.ts, appEvent).
import { payloadUrls, type SimCore } from './config.ts';
import type { SimContext } from './context.ts';
import { renderOrganizationSimple } from './render.ts';
import { renderIssue, renderIssueComment } from './render-issues.ts';
import { renderPullFull } from './render-pulls.ts';
import { renderRepository } from './render-repos.ts';
import { renderUser } from './render-user.ts';
import type { Commit, Issue, IssueComment } from './repo-state.ts';
import type { Account, Pull, Repo } from './state.ts';
import { iso } from './state.ts';

/** `repository`, `organization` (for an organization's repository) and `sender`. */
function envelope(ctx: SimCore, repo: Repo, sender: Account) {
  const urls = payloadUrls(ctx);
  const owner = ctx.state.accountById(repo.ownerId);
  return {
    repository: renderRepository(ctx.state, repo, urls),
    ...(owner.type === 'Organization'
      ? { organization: renderOrganizationSimple(ctx.state, owner, urls) }
      : {}),
    sender: renderUser(sender, urls),
  };
}

export type IssueChanges = { title?: { from: string }; body?: { from: string } };

export function issuesEvent(
  ctx: SimContext,
  action: 'opened' | 'edited' | 'closed' | 'reopened',
  repo: Repo,
  issue: Issue,
  sender: Account,
  changes: IssueChanges = {},
): void {
  ctx.webhooks.appEvent('issues', action, repo, ['issues'], () => ({
    action,
    issue: renderIssue(ctx.state, repo, issue, payloadUrls(ctx)),
    ...(action === 'edited' ? { changes } : {}),
    ...envelope(ctx, repo, sender),
  }));
}

export function issueCommentEvent(
  ctx: SimContext,
  repo: Repo,
  issue: Issue,
  comment: IssueComment,
  sender: Account,
): void {
  // A comment on a pull request reaches an App with either permission.
  const permissions = issue.pullId === null ? ['issues'] : ['issues', 'pull_requests'];
  ctx.webhooks.appEvent('issue_comment', 'created', repo, permissions, () => ({
    action: 'created',
    issue: renderIssue(ctx.state, repo, issue, payloadUrls(ctx)),
    comment: renderIssueComment(ctx.state, repo, comment, payloadUrls(ctx)),
    ...envelope(ctx, repo, sender),
  }));
}

export function pullRequestEvent(
  ctx: SimContext,
  action: 'opened' | 'edited' | 'closed' | 'reopened' | 'synchronize',
  repo: Repo,
  pull: Pull,
  sender: Account,
  /** `before` and `after` for synchronize, `changes` for edited. */
  extra: { before: string; after: string } | { changes: IssueChanges } | Record<string, never> = {},
): void {
  ctx.webhooks.appEvent('pull_request', action, repo, ['pull_requests'], () => {
    const rendered = renderPullFull(ctx.state, repo, pull, payloadUrls(ctx));
    // The head and base repositories of a webhook's pull request carry no `organization` object.
    const side = ({ repo: { organization: _org, ...bare }, ...rest }: typeof rendered.head) => ({
      ...rest,
      repo: bare,
    });
    return {
      action,
      number: pull.number,
      ...extra,
      pull_request: { ...rendered, head: side(rendered.head), base: side(rendered.base) },
      ...envelope(ctx, repo, sender),
    };
  });
}

const ZERO_SHA = '0000000000000000000000000000000000000000';

function gitPerson(account: Account) {
  return {
    name: account.name ?? account.login,
    email: account.email ?? `${account.id}+${account.login}@users.noreply.github.com`,
    username: account.login,
  };
}

function pushedCommit(ctx: SimCore, repo: Repo, commit: Commit) {
  const person = gitPerson(ctx.state.accountById(commit.authorId));
  const files = (status: string) => commit.changes.filter((c) => c.status === status).map((c) => c.filename);
  return {
    id: commit.sha,
    tree_id: commit.sha,
    distinct: true,
    message: commit.message,
    timestamp: iso(commit.date),
    url: `${payloadUrls(ctx).html}/${ctx.state.fullName(repo)}/commit/${commit.sha}`,
    author: person,
    committer: person,
    added: files('added'),
    removed: files('removed'),
    modified: files('modified'),
  };
}

/** `push`: the branch moved from `before` (null: it is new) to its newest commit, `commits` oldest first. */
export function pushEvent(
  ctx: SimContext,
  repo: Repo,
  branch: string,
  before: string | null,
  commits: Commit[],
  sender: Account,
): void {
  const last = commits[commits.length - 1];
  if (!last) return;
  ctx.webhooks.appEvent('push', null, repo, ['contents'], () => {
    const base = envelope(ctx, repo, sender);
    const html = `${payloadUrls(ctx).html}/${ctx.state.fullName(repo)}`;
    const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
    return {
      ref: `refs/heads/${branch}`,
      before: before ?? ZERO_SHA,
      after: last.sha,
      // Push payloads give the repository's times in epoch seconds and its organization by login.
      repository: {
        ...base.repository,
        created_at: seconds(repo.createdAt),
        pushed_at: seconds(repo.pushedAt),
        master_branch: repo.defaultBranch,
        stargazers: 0,
        ...(base.organization ? { organization: base.organization.login } : {}),
      },
      pusher: { name: sender.login, email: gitPerson(sender).email },
      ...(base.organization ? { organization: base.organization } : {}),
      sender: base.sender,
      created: before === null,
      deleted: false,
      forced: false,
      base_ref: null,
      compare:
        before === null
          ? `${html}/compare/${branch}`
          : `${html}/compare/${before.slice(0, 12)}...${last.sha.slice(0, 12)}`,
      commits: commits.map((commit) => pushedCommit(ctx, repo, commit)),
      head_commit: pushedCommit(ctx, repo, last),
    };
  });
}
