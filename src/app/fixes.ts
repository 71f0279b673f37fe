// Where a report's fix landed and in which release, branch by branch, read from GitHub: the fix
// pull requests, their backports (CPython's `[3.12] … (GH-n)`, labelled `type-security`), each
// merge commit, and the first release tag of the branch's series whose history holds it. What
// the records fill their fixed versions from (issue 10); no storage.
import {
  type BranchFix,
  backportBranchOf,
  compareBranches,
  parsePullRequestUrl,
} from '../domain/branch-fixes.ts';
import {
  comparePythonVersions,
  formatPythonVersion,
  inSeries,
  mainSeries,
  type PythonVersion,
  parseSeries,
  type Series,
  versionOfTag,
} from '../domain/python-versions.ts';
import type { InstallationClient, PullRequest } from '../github/index.ts';
import { UseCaseError } from './errors.ts';

/** The reads this needs, from an installation client of the App (contents and pull requests: read). */
export type FixReads = Pick<
  InstallationClient,
  'getPullRequest' | 'searchBackports' | 'listBranches' | 'listTags' | 'compareCommits'
>;

/** A pull request on its way to a branch, or merged there. */
interface Landing {
  branch: string;
  url: string;
  mergeCommit: string | null;
  mergedAt: string | null;
  /** Whether `branch` is the repository's default branch (`main`). */
  onDefaultBranch: boolean;
}

const landingOf = (pull: PullRequest): Landing => ({
  branch: pull.base.ref,
  url: pull.html_url,
  mergeCommit: pull.merged_at ? pull.merge_commit_sha : null,
  mergedAt: pull.merged_at,
  onDefaultBranch: pull.base.ref === pull.base.repo.default_branch,
});

interface ReleaseTag {
  version: PythonVersion;
  sha: string;
}

/**
 * One finding per branch the fix reached or is on its way to, maintenance branches oldest first
 * and `main` last. `pullRequests` are the report's fix pull requests on `repository`
 * (`owner/name`): the original ones, and any backport given too. Requests: one per given pull
 * request, one search per original, one per merged backport; then, if anything is merged, the
 * tags (and the branches when `main` has the fix) once, and about log2(tags of the series) + 1
 * comparisons per merged branch.
 */
export async function findBranchFixes(
  github: FixReads,
  input: { repository: string; pullRequests: readonly string[] },
): Promise<BranchFix[]> {
  const [owner = '', repo = ''] = input.repository.split('/');
  const landings = new Map<number, Landing>();
  const originals: PullRequest[] = [];
  for (const url of input.pullRequests) {
    const parsed = parsePullRequestUrl(url);
    if (!parsed || `${parsed.owner}/${parsed.repo}`.toLowerCase() !== input.repository.toLowerCase()) {
      throw new UseCaseError(
        'invalid',
        `${url} is not a pull request of ${input.repository}: give its address, https://github.com/${input.repository}/pull/NUMBER.`,
      );
    }
    const pull = await github.getPullRequest(owner, repo, parsed.number);
    if (!pull) {
      throw new UseCaseError(
        'not-found',
        `GitHub has no pull request ${url}: correct the report's fix pull requests.`,
      );
    }
    landings.set(pull.number, landingOf(pull));
    // A backport given as a fix has no backports of its own.
    if (!/^\[\d+\.\d+\]/.test(pull.title)) originals.push(pull);
  }
  for (const original of originals) {
    for (const found of await github.searchBackports(owner, repo, original.number)) {
      const branch = backportBranchOf(found.title, original.number);
      if (!branch || landings.has(found.number)) continue;
      if (!found.pull_request?.merged_at) {
        // Open: on its way to its title's branch. Closed without merging: abandoned.
        if (found.state === 'open') {
          landings.set(found.number, {
            branch,
            url: found.html_url,
            mergeCommit: null,
            mergedAt: null,
            onDefaultBranch: false,
          });
        }
        continue;
      }
      // Merged: read for its merge commit and the branch it was merged into.
      const pull = await github.getPullRequest(owner, repo, found.number);
      if (pull) landings.set(found.number, landingOf(pull));
    }
  }
  const perBranch = onePerBranch([...landings.values()]);
  const releases = await releaseTags(github, owner, repo, perBranch);
  const findings: BranchFix[] = [];
  for (const { branch, url, mergeCommit } of perBranch) {
    const series = releases.seriesOf(branch);
    const tags = series ? releases.tags.filter((tag) => inSeries(tag.version, series)) : [];
    const first = mergeCommit ? await firstContaining(github, owner, repo, tags, mergeCommit) : null;
    findings.push({
      branch,
      pullRequest: url,
      mergeCommit,
      fixedIn: first ? formatPythonVersion(first.version) : null,
    });
  }
  return findings.sort((a, b) => compareBranches(a.branch, b.branch));
}

/** One pull request per branch: a merged one over an open one, the first merged if several were. */
function onePerBranch(landings: Landing[]): Landing[] {
  const chosen = new Map<string, Landing>();
  const mergedAt = (landing: Landing) => landing.mergedAt ?? '9999';
  for (const landing of landings) {
    const other = chosen.get(landing.branch);
    if (!other || mergedAt(landing) < mergedAt(other)) chosen.set(landing.branch, landing);
  }
  return [...chosen.values()];
}

/** The release tags, oldest version first, and which series each branch releases. */
async function releaseTags(github: FixReads, owner: string, repo: string, landings: Landing[]) {
  const merged = landings.filter((landing) => landing.mergeCommit);
  const none = { tags: [] as ReleaseTag[], seriesOf: (_branch: string): Series | null => null };
  if (merged.length === 0) return none;
  const tags = (await github.listTags(owner, repo))
    .flatMap((tag): ReleaseTag[] => {
      const version = versionOfTag(tag.name);
      return version ? [{ version, sha: tag.commit.sha }] : [];
    })
    .sort((a, b) => comparePythonVersions(a.version, b.version));
  // The default branch (main) releases the series after the newest maintenance branch.
  const defaults = new Set(
    merged.filter((landing) => landing.onDefaultBranch).map((landing) => landing.branch),
  );
  const branches = defaults.size > 0 ? await github.listBranches(owner, repo) : [];
  const development = mainSeries(branches.map((branch) => branch.name));
  return {
    tags,
    seriesOf: (branch: string): Series | null =>
      parseSeries(branch) ?? (defaults.has(branch) ? development : null),
  };
}

/**
 * The first of `tags` (oldest version first, all on one branch's line of history) whose history
 * holds `commit`. Once a release holds it, every later one of the series does, so: the newest
 * first (the usual answer while a fix is recent is "none yet"), then a binary search.
 */
async function firstContaining(
  github: FixReads,
  owner: string,
  repo: string,
  tags: ReleaseTag[],
  commit: string,
): Promise<ReleaseTag | null> {
  const holds = async (tag: ReleaseTag) => {
    if (tag.sha === commit) return true;
    const comparison = await github.compareCommits(owner, repo, tag.sha, commit);
    return comparison?.status === 'behind' || comparison?.status === 'identical';
  };
  const newest = tags.at(-1);
  if (!newest || !(await holds(newest))) return null;
  let low = 0;
  let high = tags.length - 1; // tags[high] holds it
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const tag = tags[middle];
    if (tag && (await holds(tag))) high = middle;
    else low = middle + 1;
  }
  return tags[high] ?? null;
}
