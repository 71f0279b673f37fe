// The parts of a repository's model besides files and pulls: issues (a pull request is also an
// issue: they share one number sequence), issue comments (on issues and pull requests alike) and
// the commit history that pushes and merges grow. Plain data; the rules are in issue-actions.ts,
// git.ts, pushes.ts and pull-actions.ts.
import type { Pull, Repo } from './state.ts';

export interface Issue {
  /** The issue id; a pull request's issue has one of its own, besides the pull's id. */
  id: number;
  number: number;
  /** A plain issue's own fields; for a pull request's issue they are the pull's. */
  title: string;
  body: string | null;
  userId: number;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  labels: string[];
  assigneeIds: number[];
  closedAt: Date | null;
  closedById: number | null;
  /** Set when this is a pull request's issue: the pull's `id`. */
  pullId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface IssueComment {
  id: number;
  /** The issue (or pull request) it is on, by number. */
  number: number;
  authorId: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A file a commit added, changed or removed (`content` null), with its line counts. */
export interface CommitChange {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  additions: number;
  deletions: number;
  content: string | null;
}

export interface Commit {
  sha: string;
  parents: string[];
  message: string;
  /** Who pushed it (the author and committer GitHub shows). */
  authorId: number;
  date: Date;
  /** The whole tree after this commit, path → content. */
  tree: Map<string, string>;
  changes: CommitChange[];
}

/** Issues and pull requests count up together, as on GitHub. */
export function nextIssueNumber(repo: Repo): number {
  return Math.max(0, ...repo.issues.map((i) => i.number), ...repo.pulls.map((p) => p.number)) + 1;
}

/** The issue half of a pull request: its own id, the pull's number; what it shows is the pull's (issueView). */
export function pullIssue(id: number, pull: Pull): Issue {
  return {
    id,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    userId: pull.userId,
    state: pull.state,
    stateReason: null,
    labels: [],
    assigneeIds: [],
    closedAt: pull.closedAt,
    closedById: null,
    pullId: pull.id,
    createdAt: pull.createdAt,
    updatedAt: pull.updatedAt,
  };
}

export function issueByNumber(repo: Repo, number: number | string): Issue | undefined {
  return repo.issues.find((i) => String(i.number) === String(number));
}

/** What an issue shows: its own fields, or its pull request's for a pull request's issue. */
export function issueView(repo: Repo, issue: Issue) {
  const pull = issue.pullId === null ? undefined : repo.pulls.find((p) => p.id === issue.pullId);
  if (!pull) return { ...issue, pull };
  const updatedAt = new Date(Math.max(pull.updatedAt.getTime(), issue.updatedAt.getTime()));
  return {
    ...issue,
    title: pull.title,
    body: pull.body,
    userId: pull.userId,
    state: pull.state,
    closedAt: pull.closedAt,
    closedById: pull.mergedById ?? issue.closedById,
    updatedAt,
    pull,
  };
}

export type IssueView = ReturnType<typeof issueView>;
