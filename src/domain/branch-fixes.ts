// Where a security fix landed: one finding per branch (a maintenance branch like `3.12`, or
// `main`), with the pull request that brought it there, its merge commit once merged, and the
// first release containing that commit once there is one. Also how CPython's backports name
// their branch and their original, which is how they are recognised.
import { pullRequestUrlPattern } from './identifiers.ts';
import { compareSeries, parseSeries } from './python-versions.ts';

export interface BranchFix {
  /** `3.12`, or `main`. */
  branch: string;
  /** The pull request's page, `https://github.com/python/cpython/pull/123457`. */
  pullRequest: string;
  /** The commit merging it on `branch`; null while it is not merged. */
  mergeCommit: string | null;
  /** The first release containing the merge commit (`3.12.7`, `3.15.0a2`); null while none does. */
  fixedIn: string | null;
}

/**
 * The branch a backport of pull request `original` is for, from its title, or null when the
 * title is not one. miss-islington and cherry_picker title every backport
 * `[3.12] <the original's title> (GH-123457)`; `GH-n` names the original pull request itself
 * (issues and pull requests share one number sequence, so no `gh-n` issue can be meant), while
 * matching the issue's `gh-n` would also take in the other pull requests (a follow-up
 * fix, a test, the docs), each backported under the same issue number.
 */
export function backportBranchOf(title: string, original: number): string | null {
  const branch = /^\[(\d+\.\d+)\]\s/.exec(title)?.[1];
  if (!branch) return null;
  return new RegExp(`(?<![\\w-])GH-${original}(?!\\d)`, 'i').test(title) ? branch : null;
}

/** Maintenance branches oldest first, then `main`, then anything else by name. */
export function compareBranches(a: string, b: string): number {
  const rank = (name: string) => (parseSeries(name) ? 0 : name === 'main' ? 1 : 2);
  const left = parseSeries(a);
  const right = parseSeries(b);
  if (left && right) return compareSeries(left, right);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** `https://github.com/python/cpython/pull/123457` → its parts; null for anything else. */
export function parsePullRequestUrl(url: string): { owner: string; repo: string; number: number } | null {
  if (!pullRequestUrlPattern.test(url)) return null;
  const [owner = '', repo = '', , number] = url.slice('https://github.com/'.length).split('/');
  return { owner, repo, number: Number(number) };
}
