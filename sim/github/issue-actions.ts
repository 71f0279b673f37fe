// Opening, editing and commenting on issues, a pull request's issue included: GitHub's rules,
// shared by REST (issues.ts) and the simulated web UI (control-activity.ts), with the webhooks
// they send. Anyone signed in who sees the repository opens and comments; the author edits and
// closes their own; triage and above edit any and set labels and assignees (dropped silently
// otherwise); an App needs `issues` write (`pull_requests` also does on a pull request's issue).
import { atLeast, installationCovers, installationPermission, userRepoRole } from './access.ts';
import { actorOf } from './auth.ts';
import { commentBody } from './comments.ts';
import type { SimContext } from './context.ts';
import {
  GitHubError,
  invalidRequest,
  notAccessibleByIntegration,
  requiresAuthentication,
  validationFailed,
} from './http.ts';
import { type IssueChanges, issueCommentEvent, issuesEvent, pullRequestEvent } from './repo-events.ts';
import { type Issue, type IssueComment, issueView, nextIssueNumber } from './repo-state.ts';
import type { Account, Caller, Repo } from './state.ts';

export const mustHavePush = (): GitHubError => new GitHubError(403, 'Must have push access to repository');

/** The account acting; refuses callers that cannot write issues at all. */
function writer(ctx: SimContext, caller: Caller, repo: Repo, issue?: Issue): Account {
  if (caller.kind === 'anonymous') throw requiresAuthentication();
  if (caller.kind === 'installation') {
    const held = (name: string) => installationPermission(caller, name) === 'write';
    const allowed = held('issues') || (issue?.pullId != null && held('pull_requests'));
    if (!installationCovers(ctx.state, caller, repo) || !allowed) throw notAccessibleByIntegration();
  }
  const actor = actorOf(ctx.state, caller);
  if (!actor) throw notAccessibleByIntegration();
  return actor;
}

/** Triage or above (an App with the permission counts): may edit any issue, labels and assignees. */
function triages(ctx: SimContext, caller: Caller, repo: Repo): boolean {
  if (caller.kind === 'installation') return true;
  return caller.kind === 'user' && atLeast(userRepoRole(ctx.state, caller.user, repo), 'triage');
}

const typeError = (field: string, value: unknown, expected: string) =>
  invalidRequest(`For 'properties/${field}', ${JSON.stringify(value)} is not ${expected}.`);

function optionalString(
  body: Record<string, unknown>,
  field: string,
  nullable: boolean,
): string | null | undefined {
  const value = body[field];
  if (value === undefined || (value === null && nullable)) return value as null | undefined;
  if (typeof value !== 'string') throw typeError(field, value, nullable ? 'a string or null' : 'a string');
  return value;
}

function titleOf(body: Record<string, unknown>, required: boolean): string | undefined {
  const title = body.title;
  if (title === undefined || (title === null && !required)) {
    if (required) throw invalidRequest(`"title" wasn't supplied.`);
    return undefined;
  }
  if (typeof title !== 'string' && !Number.isInteger(title))
    throw typeError('title', title, 'a string or an integer');
  if (String(title).trim() === '')
    throw validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
  return String(title);
}

/** Labels and assignees, applied only for someone who triages (GitHub drops them silently otherwise). */
function applyTriageFields(
  ctx: SimContext,
  issue: Issue,
  body: Record<string, unknown>,
  allowed: boolean,
): void {
  if (body.milestone !== undefined && body.milestone !== null) {
    // The simulator has no milestones, so every one named is unknown.
    throw validationFailed([
      { resource: 'Issue', field: 'milestone', code: 'invalid', value: String(body.milestone) },
    ]);
  }
  const list = (field: string): unknown[] | undefined => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw typeError(field, value, 'an array');
    return value;
  };
  const labels = list('labels')?.map((l) =>
    typeof l === 'object' && l !== null ? (l as { name?: unknown }).name : l,
  );
  if (labels?.some((l) => typeof l !== 'string'))
    throw typeError('labels', body.labels, 'a list of label names');
  const single = body.assignee === undefined ? undefined : body.assignee === null ? [] : [body.assignee];
  const logins =
    list('assignees')?.map((a) =>
      typeof a === 'object' && a !== null ? (a as { login?: unknown }).login : a,
    ) ?? single;
  const assignees = logins?.map((login) => {
    const account = typeof login === 'string' ? ctx.state.account(login) : undefined;
    if (account?.type !== 'User') {
      throw validationFailed([
        { resource: 'Issue', field: 'assignees', code: 'invalid', value: String(login) },
      ]);
    }
    return account.id;
  });
  if (!allowed) return;
  if (labels) issue.labels = [...new Set(labels as string[])];
  if (assignees) issue.assigneeIds = [...new Set(assignees)];
}

export function openIssue(ctx: SimContext, caller: Caller, repo: Repo, body: Record<string, unknown>): Issue {
  const author = writer(ctx, caller, repo);
  const title = titleOf(body, true) ?? '';
  const text = optionalString(body, 'body', false);
  const now = ctx.clock.now();
  const issue: Issue = {
    id: ctx.state.nextId('issue'),
    number: nextIssueNumber(repo),
    title,
    body: text ?? null,
    userId: author.id,
    state: 'open',
    stateReason: null,
    labels: [],
    assigneeIds: [],
    closedAt: null,
    closedById: null,
    pullId: null,
    createdAt: now,
    updatedAt: now,
  };
  applyTriageFields(ctx, issue, body, triages(ctx, caller, repo));
  repo.issues.push(issue);
  issuesEvent(ctx, 'opened', repo, issue, author);
  return issue;
}

const stateReasons = ['completed', 'not_planned', 'duplicate', 'reopened'] as const;

export function updateIssue(
  ctx: SimContext,
  caller: Caller,
  repo: Repo,
  issue: Issue,
  body: Record<string, unknown>,
): Issue {
  const actor = writer(ctx, caller, repo, issue);
  const view = issueView(repo, issue);
  const triager = triages(ctx, caller, repo);
  if (!triager && view.userId !== actor.id) throw mustHavePush();
  const title = titleOf(body, false);
  const text = optionalString(body, 'body', true);
  const state = body.state;
  if (state !== undefined && state !== 'open' && state !== 'closed')
    throw typeError('state', state, 'one of open, closed');
  const reason = body.state_reason;
  if (reason !== undefined && reason !== null && !stateReasons.includes(reason as never)) {
    throw typeError('state_reason', reason, `one of ${stateReasons.join(', ')}`);
  }
  const pull = view.pull;
  if (pull?.merged && state === 'open') {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        field: 'state',
        message: 'state cannot be changed. The pull request cannot be reopened because it has been merged.',
      },
    ]);
  }
  applyTriageFields(ctx, issue, body, triager);
  const now = ctx.clock.now();
  const changes: IssueChanges = {};
  if (title !== undefined && title !== view.title) changes.title = { from: view.title };
  if (text !== undefined && (text ?? '') !== (view.body ?? '')) changes.body = { from: view.body ?? '' };
  const target = pull ?? issue;
  if (title !== undefined) target.title = title;
  if (text !== undefined) target.body = text;
  const moved = state !== undefined && state !== view.state;
  if (moved) {
    target.state = state;
    target.closedAt = state === 'closed' ? now : null;
    issue.closedById = state === 'closed' ? actor.id : null;
    issue.stateReason = state === 'closed' ? ((reason as Issue['stateReason']) ?? 'completed') : 'reopened';
  }
  issue.updatedAt = now;
  if (pull) pull.updatedAt = now;
  const edited = changes.title !== undefined || changes.body !== undefined;
  if (pull) {
    if (edited) pullRequestEvent(ctx, 'edited', repo, pull, actor, { changes });
    if (moved) pullRequestEvent(ctx, state === 'closed' ? 'closed' : 'reopened', repo, pull, actor);
  } else {
    if (edited) issuesEvent(ctx, 'edited', repo, issue, actor, changes);
    if (moved) issuesEvent(ctx, state === 'closed' ? 'closed' : 'reopened', repo, issue, actor);
  }
  return issue;
}

export function addIssueComment(
  ctx: SimContext,
  caller: Caller,
  repo: Repo,
  issue: Issue,
  body: Record<string, unknown>,
): IssueComment {
  const author = writer(ctx, caller, repo, issue);
  const now = ctx.clock.now();
  const comment: IssueComment = {
    id: ctx.state.nextId('issueComment'),
    number: issue.number,
    authorId: author.id,
    body: commentBody(body),
    createdAt: now,
    updatedAt: now,
  };
  repo.issueComments.push(comment);
  // A new comment moves the issue's updated_at, as on GitHub.
  issue.updatedAt = now;
  issueCommentEvent(ctx, repo, issue, comment, author);
  return comment;
}
