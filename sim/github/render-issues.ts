// Issue shapes: `issue` (REST, and the `issue` of issues and issue_comment webhooks, whose
// required keys it also carries), `issue-comment` (likewise) and `issue-search-result-item`.
import { renderLabel } from './render-labels.ts';
import { authorAssociation } from './render-pulls.ts';
import { nodeId, renderUser, type Urls } from './render-user.ts';
import { type Issue, type IssueComment, issueView } from './repo-state.ts';
import type { Repo, SimState } from './state.ts';
import { iso, isoOrNull } from './state.ts';

/** Nobody reacts in the simulator, but webhook payloads require the roll-up. */
function reactions(url: string) {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

export function renderIssue(state: SimState, repo: Repo, issue: Issue, urls: Urls) {
  const view = issueView(repo, issue);
  const full = state.fullName(repo);
  const url = `${urls.api}/repos/${full}/issues/${issue.number}`;
  const html = `${urls.html}/${full}/${view.pull ? 'pull' : 'issues'}/${issue.number}`;
  const assignees = issue.assigneeIds.map((id) => renderUser(state.accountById(id), urls));
  const comments = repo.issueComments.filter((k) => k.number === issue.number).length;
  return {
    id: issue.id,
    node_id: nodeId(view.pull ? 'PullRequest' : 'Issue', issue.id),
    url,
    repository_url: `${urls.api}/repos/${full}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    number: issue.number,
    state: view.state,
    state_reason: view.pull ? null : issue.stateReason,
    title: view.title,
    body: view.body,
    user: renderUser(state.accountById(view.userId), urls),
    labels: issue.labels.map((name) => renderLabel(state, repo, name, urls)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    ...(view.pull
      ? {
          pull_request: {
            url: `${urls.api}/repos/${full}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: isoOrNull(view.pull.mergedAt),
          },
          draft: view.pull.draft,
        }
      : {}),
    closed_at: isoOrNull(view.closedAt),
    created_at: iso(issue.createdAt),
    updated_at: iso(view.updatedAt),
    closed_by: view.closedById === null ? null : renderUser(state.accountById(view.closedById), urls),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    author_association: authorAssociation(state, repo, view.userId),
    reactions: reactions(url),
  };
}

export function renderIssueComment(state: SimState, repo: Repo, comment: IssueComment, urls: Urls) {
  const full = state.fullName(repo);
  const issue = repo.issues.find((i) => i.number === comment.number);
  const kind = issue?.pullId === null ? 'issues' : 'pull';
  const url = `${urls.api}/repos/${full}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url,
    html_url: `${urls.html}/${full}/${kind}/${comment.number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(state.accountById(comment.authorId), urls),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    issue_url: `${urls.api}/repos/${full}/issues/${comment.number}`,
    author_association: authorAssociation(state, repo, comment.authorId),
    performed_via_github_app: null,
    reactions: reactions(url),
  };
}

/**
 * `issue-search-result-item`: the issue with a relevance score (the simulator does not rank).
 * The description types `body` as a string that cannot be null, so an issue without one has none.
 */
export function renderSearchItem(state: SimState, repo: Repo, issue: Issue, urls: Urls) {
  const { body, ...rest } = renderIssue(state, repo, issue, urls);
  return { ...rest, ...(body === null ? {} : { body }), score: 1 };
}
