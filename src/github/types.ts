// The GitHub shapes psrt reads and writes, named after GitHub's own OpenAPI
// description (`@octokit/openapi-types`) so they are never restated by hand.
// The one exception is the advisory comment: a 2026 preview with no schema yet.
import type { components } from '@octokit/openapi-types';

type Schemas = components['schemas'];

export type RepositoryAdvisory = Schemas['repository-advisory'];
/** An entry of the GitHub Advisory Database (`GET /advisories/{ghsa_id}`). */
export type GlobalAdvisory = Schemas['global-advisory'];
export type RepositoryAdvisoryUpdate = Schemas['repository-advisory-update'];
export type RepositoryAdvisoryCreate = Schemas['repository-advisory-create'];
export type RepositoryAdvisoryState = RepositoryAdvisory['state'];
export type CreditType = Schemas['security-advisory-credit-types'];
export type Installation = Schemas['installation'];
/** `GET /app`: the App itself, as its JWT shows it (name, owner, permissions and events asked for). */
export type Integration = NonNullable<Schemas['integration']>;
export type Repository = Schemas['repository'];
export type FullRepository = Schemas['full-repository'];
export type SimpleUser = Schemas['simple-user'];
/** `GET /users/{username}`: the public profile (or the private one, for the caller itself). */
export type GitHubUser = Schemas['public-user'] | Schemas['private-user'];
export type TeamMembership = Schemas['team-membership'];
export type CollaboratorPermission = Schemas['repository-collaborator-permission'];
export type PullRequestSimple = Schemas['pull-request-simple'];
export type PullRequest = Schemas['pull-request'];
export type ShortBranch = Schemas['short-branch'];
export type Tag = Schemas['tag'];
export type Comparison = Schemas['commit-comparison'];
export type Issue = Schemas['issue'];
export type IssueSearchResult = Schemas['issue-search-result-item'];
export type Commit = Schemas['commit'];
export type DiffEntry = Schemas['diff-entry'];
export type RateLimitOverview = Schemas['rate-limit-overview'];

/**
 * A comment on a repository advisory (REST public preview since 2026-10-02).
 * GitHub publishes no schema for it yet; these are the fields observed in
 * live responses. Anything else GitHub sends is kept but untyped. Its author
 * has been seen as "author" and is guessed to be `user` (like issue comments);
 * the client reads either into `author`.
 */
export interface AdvisoryComment {
  id: number;
  body: string;
  author: SimpleUser | null;
  created_at: string;
  updated_at: string;
  html_url?: string;
  url?: string;
  [field: string]: unknown;
}

/** Which advisories a list call returns; absent means every state. */
export interface AdvisoryListOptions {
  state?: 'triage' | 'draft' | 'published' | 'closed';
}

export interface PullRequestListOptions {
  state?: 'open' | 'closed' | 'all';
  /** `user:ref` */
  head?: string;
  base?: string;
  sort?: 'created' | 'updated' | 'popularity' | 'long-running';
  direction?: 'asc' | 'desc';
}

/** A problem GitHub finds in a CODEOWNERS file, with its line, column and a display message. */
export type CodeownersError = Schemas['codeowners-errors']['errors'][number];

/** A CODEOWNERS file as GitHub would use it: the first of its three locations that exists. */
export interface CodeownersFile {
  path: '.github/CODEOWNERS' | 'CODEOWNERS' | 'docs/CODEOWNERS';
  content: string;
}
