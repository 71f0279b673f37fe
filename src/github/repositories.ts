// The rest of what the PSRT bot reads as an installation: its repositories,
// team membership, repository permissions, CODEOWNERS and the fix pull
// requests in a private fork. "Not there" answers come back as null.
import type { Octokit } from 'octokit';
import { type Call, orNull } from './calls.ts';
import { listAll } from './pages.ts';
import type {
  CodeownersError,
  CodeownersFile,
  CollaboratorPermission,
  Commit,
  DiffEntry,
  Issue,
  IssueSearchResult,
  PullRequestListOptions,
  PullRequestSimple,
  RateLimitOverview,
  Repository,
  SimpleUser,
  TeamMembership,
} from './types.ts';

/** Where GitHub looks for CODEOWNERS, in the order it looks. */
export const codeownersPaths = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

const members = 'Organization members: Read (members: read)';
const membersWrite = 'Organization members: Read and write (members: write)';
const metadata = 'Repository metadata: Read (metadata: read)';
const contents = 'Repository contents: Read (contents: read)';
const pulls = 'Pull requests: Read (pull_requests: read)';
const issues = 'Issues: Read and write (issues: write)';
const administration = 'Administration: Read and write (administration: write)';

/** The file's text, whichever way the server answered the raw media type. */
function decodeFile(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (typeof data === 'object' && data !== null && 'content' in data && typeof data.content === 'string') {
    return Buffer.from(data.content, 'base64').toString('utf8');
  }
  return '';
}

export function repositoryOperations(octokit: Octokit, call: Call) {
  return {
    /** Repositories this installation may access (all pages). */
    listInstallationRepositories: () =>
      call({ name: 'listInstallationRepositories', permission: metadata }, async () => {
        return listAll<Repository>(octokit, 'GET /installation/repositories', { per_page: 100 });
      }),

    /** Members of a team, including members of its child teams (all pages). */
    getTeamMembers: (org: string, teamSlug: string) =>
      call({ name: 'getTeamMembers', subject: `${org}/${teamSlug}`, permission: members }, async () => {
        const route = 'GET /orgs/{org}/teams/{team_slug}/members';
        return listAll<SimpleUser>(octokit, route, { org, team_slug: teamSlug, per_page: 100 });
      }),

    /** The user's membership of the team, or null when they are not a member (GitHub's 404). */
    getTeamMembership: (org: string, teamSlug: string, login: string) =>
      call({ name: 'getTeamMembership', subject: `${org}/${teamSlug} ${login}`, permission: members }, () =>
        orNull(async () => {
          const route = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}';
          const { data } = await octokit.request(route, { org, team_slug: teamSlug, username: login });
          return data as TeamMembership;
        }),
      ),

    /**
     * Adds the user to the team, or changes their role on it. GitHub answers `active`, or
     * `pending` when the user is not in the organisation yet and has been invited.
     */
    addTeamMembership: (
      org: string,
      teamSlug: string,
      login: string,
      role: 'member' | 'maintainer' = 'member',
    ) =>
      call(
        { name: 'addTeamMembership', subject: `${org}/${teamSlug} ${login}`, permission: membersWrite },
        async () => {
          const route = 'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}';
          const { data } = await octokit.request(route, { org, team_slug: teamSlug, username: login, role });
          return data as TeamMembership;
        },
      ),

    /** Takes the user off the team (GitHub answers 204 whether or not they were on it). */
    removeTeamMembership: (org: string, teamSlug: string, login: string) =>
      call(
        { name: 'removeTeamMembership', subject: `${org}/${teamSlug} ${login}`, permission: membersWrite },
        async () => {
          const route = 'DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}';
          await octokit.request(route, { org, team_slug: teamSlug, username: login });
        },
      ),

    /** The user's highest permission on the repository, or null for a user GitHub does not know. */
    getCollaboratorPermission: (owner: string, repo: string, login: string) =>
      call(
        { name: 'getCollaboratorPermission', subject: `${owner}/${repo} ${login}`, permission: metadata },
        () =>
          orNull(async () => {
            const route = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
            const { data } = await octokit.request(route, { owner, repo, username: login });
            return data as CollaboratorPermission;
          }),
      ),

    /** The CODEOWNERS GitHub would use at `ref` (default branch when absent), or null when there is none. */
    getCodeowners: (owner: string, repo: string, ref?: string) =>
      call({ name: 'getCodeowners', subject: `${owner}/${repo}`, permission: contents }, async () => {
        for (const path of codeownersPaths) {
          const file = await orNull(() =>
            octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
              owner,
              repo,
              path,
              ...(ref ? { ref } : {}),
              headers: { accept: 'application/vnd.github.raw+json' },
            }),
          );
          if (file) return { path, content: decodeFile(file.data) } satisfies CodeownersFile;
        }
        return null;
      }),

    /**
     * The problems GitHub finds in the CODEOWNERS it would use at `ref` (unknown owners, owners
     * without write access, bad syntax), or null when there is no CODEOWNERS.
     */
    getCodeownersErrors: (owner: string, repo: string, ref?: string) =>
      call({ name: 'getCodeownersErrors', subject: `${owner}/${repo}`, permission: contents }, () =>
        orNull(async () => {
          const route = 'GET /repos/{owner}/{repo}/codeowners/errors';
          const { data } = await octokit.request(route, { owner, repo, ...(ref ? { ref } : {}) });
          return data.errors as CodeownersError[];
        }),
      ),

    /** Pull requests of a repository (all pages); in a private fork for embargoed fixes. */
    listPullRequests: (owner: string, repo: string, options: PullRequestListOptions = {}) =>
      call({ name: 'listPullRequests', subject: `${owner}/${repo}`, permission: pulls }, async () => {
        return listAll<PullRequestSimple>(octokit, 'GET /repos/{owner}/{repo}/pulls', {
          owner,
          repo,
          ...options,
          per_page: 100,
        });
      }),

    /** Files a pull request changes (all pages; GitHub stops at 3,000). */
    listPullRequestFiles: (owner: string, repo: string, pullNumber: number) =>
      call(
        { name: 'listPullRequestFiles', subject: `${owner}/${repo}#${pullNumber}`, permission: pulls },
        async () => {
          const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
          return listAll<DiffEntry>(octokit, route, { owner, repo, pull_number: pullNumber, per_page: 100 });
        },
      ),

    /** Issues (not pull requests) updated since `since`, newest first (all pages). */
    listIssues: (
      owner: string,
      repo: string,
      options: { since?: Date; state?: 'open' | 'closed' | 'all' } = {},
    ) =>
      call({ name: 'listIssues', subject: `${owner}/${repo}`, permission: issues }, async () => {
        const all = await listAll<Issue>(octokit, 'GET /repos/{owner}/{repo}/issues', {
          owner,
          repo,
          state: options.state ?? 'all',
          ...(options.since ? { since: options.since.toISOString() } : {}),
          per_page: 100,
        });
        return all.filter((issue) => !issue.pull_request);
      }),

    /**
     * The issues and pull requests of the organisation's public repositories updated since
     * `since` (whole minutes, so the same request repeats and is a free 304 while nothing
     * changes), newest first; the search API's own limit is 1,000 results.
     */
    searchPublicIssues: (org: string, since: Date) =>
      call({ name: 'searchPublicIssues', subject: org, permission: issues }, async () => {
        const minute = since.toISOString().slice(0, 16);
        const q = `org:${org} is:public updated:>=${minute}:00Z`;
        // Page by page rather than through octokit's paginate, which takes the answer's
        // `search_type` for the list of results.
        const items: IssueSearchResult[] = [];
        for (let page = 1; page <= 10; page++) {
          const params = { q, sort: 'updated', order: 'desc', per_page: 100, page } as const;
          const { data } = await octokit.request('GET /search/issues', params);
          items.push(...data.items);
          if (data.items.length < 100) break;
        }
        return items;
      }),

    /** The most recent commits of the default branch (one page; a 304 while unchanged). */
    recentCommits: (owner: string, repo: string) =>
      call({ name: 'recentCommits', subject: `${owner}/${repo}`, permission: contents }, async () => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits', {
          owner,
          repo,
          per_page: 30,
        });
        return data as Commit[];
      }),

    /** A file's text at the default branch, or null when there is none. */
    getFileText: (owner: string, repo: string, path: string) =>
      call({ name: 'getFileText', subject: `${owner}/${repo} ${path}`, permission: contents }, () =>
        orNull(async () => {
          const file = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
            owner,
            repo,
            path,
            headers: { accept: 'application/vnd.github.raw+json' },
          });
          return decodeFile(file.data);
        }),
      ),

    /** Whether private vulnerability reporting is on. */
    getPrivateReporting: (owner: string, repo: string) =>
      call(
        { name: 'getPrivateReporting', subject: `${owner}/${repo}`, permission: administration },
        async () => {
          const route = 'GET /repos/{owner}/{repo}/private-vulnerability-reporting';
          const { data } = await octokit.request(route, { owner, repo });
          return (data as { enabled: boolean }).enabled;
        },
      ),

    /** Turns private vulnerability reporting on. */
    enablePrivateReporting: (owner: string, repo: string) =>
      call(
        { name: 'enablePrivateReporting', subject: `${owner}/${repo}`, permission: administration },
        async () => {
          await octokit.request('PUT /repos/{owner}/{repo}/private-vulnerability-reporting', { owner, repo });
        },
      ),

    /** Opens a public issue. */
    createIssue: (owner: string, repo: string, issue: { title: string; body: string }) =>
      call({ name: 'createIssue', subject: `${owner}/${repo}`, permission: issues }, async () => {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
          owner,
          repo,
          ...issue,
        });
        return data as Issue;
      }),

    /** GitHub's current limits for this installation's token; this call itself is free. */
    getRateLimit: () =>
      call({ name: 'getRateLimit' }, async () => {
        const { data } = await octokit.request('GET /rate_limit');
        return data as RateLimitOverview;
      }),
  };
}

export type RepositoryOperations = ReturnType<typeof repositoryOperations>;
