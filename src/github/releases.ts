// What the bot reads to follow a security fix through its backports into releases: the fix pull
// request, its backports (found by issue search), the branches, the release tags and whether a
// tag's history holds a merge commit (compare). "Not there" answers come back as null.
import type { Octokit } from 'octokit';
import { type Call, orNull } from './calls.ts';
import { listAll } from './pages.ts';
import type { Comparison, IssueSearchResult, PullRequest, ShortBranch, Tag } from './types.ts';

const contents = 'Repository contents: Read (contents: read)';
const pulls = 'Pull requests: Read (pull_requests: read)';

/** The label CPython's security fixes and their backports carry. */
export const securityLabel = 'type-security';

export function releaseOperations(octokit: Octokit, call: Call) {
  return {
    /** One pull request with its labels, base branch and merge commit, or null when there is none. */
    getPullRequest: (owner: string, repo: string, pullNumber: number) =>
      call({ name: 'getPullRequest', subject: `${owner}/${repo}#${pullNumber}`, permission: pulls }, () =>
        orNull(async () => {
          const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
          const { data } = await octokit.request(route, { owner, repo, pull_number: pullNumber });
          return data as PullRequest;
        }),
      ),

    /**
     * Pull requests labelled `type-security` whose title names pull request `pullNumber` as
     * `GH-n`, as every CPython backport's does (`[3.12] … (GH-123457)`); open, merged and closed
     * alike (one search request per 100, in the search rate limit's bucket).
     */
    searchBackports: (owner: string, repo: string, pullNumber: number) =>
      call(
        { name: 'searchBackports', subject: `${owner}/${repo}#${pullNumber}`, permission: pulls },
        async () => {
          const q = `repo:${owner}/${repo} is:pr label:${securityLabel} in:title "GH-${pullNumber}"`;
          const items: IssueSearchResult[] = [];
          // Page by page, as searchPublicIssues does: octokit's paginate misreads search answers.
          for (let page = 1; page <= 10; page++) {
            const { data } = await octokit.request('GET /search/issues', { q, per_page: 100, page });
            items.push(...data.items);
            if (data.items.length < 100) break;
          }
          return items;
        },
      ),

    /** Every branch with its head commit (all pages). */
    listBranches: (owner: string, repo: string) =>
      call({ name: 'listBranches', subject: `${owner}/${repo}`, permission: contents }, () =>
        listAll<ShortBranch>(octokit, 'GET /repos/{owner}/{repo}/branches', { owner, repo, per_page: 100 }),
      ),

    /** Every tag with its commit (all pages), in GitHub's order, which is not documented. */
    listTags: (owner: string, repo: string) =>
      call({ name: 'listTags', subject: `${owner}/${repo}`, permission: contents }, () =>
        listAll<Tag>(octokit, 'GET /repos/{owner}/{repo}/tags', { owner, repo, per_page: 100 }),
      ),

    /**
     * How `head` relates to `base` (branches, tags or shas): `behind` or `identical` means base's
     * history holds head. One commit per page keeps the answer small: only the counts are read.
     * Null when either is not there.
     */
    compareCommits: (owner: string, repo: string, base: string, head: string) =>
      call(
        { name: 'compareCommits', subject: `${owner}/${repo} ${base}...${head}`, permission: contents },
        () =>
          orNull(async () => {
            const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
            const { data } = await octokit.request(route, {
              owner,
              repo,
              basehead: `${base}...${head}`,
              per_page: 1,
            });
            const { status, ahead_by, behind_by, merge_base_commit } = data as Comparison;
            return { status, aheadBy: ahead_by, behindBy: behind_by, mergeBase: merge_base_commit.sha };
          }),
      ),
  };
}

export type ReleaseOperations = ReturnType<typeof releaseOperations>;
