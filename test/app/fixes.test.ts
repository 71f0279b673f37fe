// Where a security fix landed and in which release, branch by branch, as psrt reads it from GitHub
// (the simulator) for the records' fixed versions: merged on main, backported to 3.13 and 3.12,
// still open for 3.11; released in 3.14.0a2 and 3.13.2, not yet in any 3.12 release.
import { describe, expect, it } from 'vitest';
import { findBranchFixes } from '../../src/app/fixes.ts';
import { backport, cpythonHistory, release, securityFix } from '../github/cpython-releases.ts';
import { pythonWorld } from '../github/support.ts';

const url = (number: number) => `https://github.com/python/cpython/pull/${number}`;

describe('finding where a fix landed', () => {
  const world = pythonWorld({ repos: ['cpython'] });
  cpythonHistory(world);
  const fix = securityFix(world);
  const to313 = backport(world, fix.number, '3.13');
  const to312 = backport(world, fix.number, '3.12');
  const to311 = backport(world, fix.number, '3.11', { merge: false });
  // Releases after the merges: main's next alpha and two 3.13 bugfix releases; none for 3.12 yet.
  release(world, 'main', '3.14.0a2');
  release(world, '3.13', '3.13.2');
  release(world, '3.13', '3.13.3');
  const installation = world.client().forInstallation(world.installationId);

  it('gives one finding per branch, oldest first and main last, with the merge commit and the first release holding it', async () => {
    const before = world.wire.length;
    const findings = await findBranchFixes(installation, {
      repository: 'python/cpython',
      pullRequests: [url(fix.number)],
    });

    expect(findings).toEqual([
      { branch: '3.11', pullRequest: url(to311.number), mergeCommit: null, fixedIn: null },
      { branch: '3.12', pullRequest: url(to312.number), mergeCommit: to312.merge_commit_sha, fixedIn: null },
      {
        branch: '3.13',
        pullRequest: url(to313.number),
        mergeCommit: to313.merge_commit_sha,
        fixedIn: '3.13.2',
      },
      {
        branch: 'main',
        pullRequest: url(fix.number),
        mergeCommit: fix.merge_commit_sha,
        fixedIn: '3.14.0a2',
      },
    ]);
    // The fix and its two merged backports, one search, one page of tags, the branches (for the
    // series main releases), and a few comparisons per merged branch: newest tag, then halving.
    const calls = world.wire.slice(before).filter((request) => !request.path.startsWith('/app/'));
    const count = (pattern: RegExp) => calls.filter((request) => pattern.test(request.path)).length;
    expect(count(/\/pulls\/\d+$/)).toBe(3);
    expect(count(/^\/search\/issues/)).toBe(1);
    expect(count(/\/tags\?/)).toBe(1);
    expect(count(/\/branches\?/)).toBe(1);
    // 3.12: its newest release lacks the fix (1). 3.13 (3.13.0a1 … 3.13.3, 7 tags): 1 + 3.
    // main (3.14.0a1, 3.14.0a2): 1 + 1.
    expect(count(/\/compare\//)).toBe(7);
    expect(calls).toHaveLength(13);
  });

  it('takes a backport given with the fix as the same finding, not twice', async () => {
    const findings = await findBranchFixes(installation, {
      repository: 'python/cpython',
      pullRequests: [url(to313.number), url(fix.number)],
    });
    expect(findings.map((finding) => [finding.branch, finding.pullRequest])).toEqual([
      ['3.11', url(to311.number)],
      ['3.12', url(to312.number)],
      ['3.13', url(to313.number)],
      ['main', url(fix.number)],
    ]);
  });

  it('refuses a pull request of another repository, and one GitHub does not have', async () => {
    await expect(
      findBranchFixes(installation, {
        repository: 'python/cpython',
        pullRequests: ['https://github.com/pypa/pip/pull/1'],
      }),
    ).rejects.toThrow('https://github.com/pypa/pip/pull/1 is not a pull request of python/cpython');
    await expect(
      findBranchFixes(installation, { repository: 'python/cpython', pullRequests: [url(99_999)] }),
    ).rejects.toThrow(`GitHub has no pull request ${url(99_999)}`);
  });
});

describe('a fix not merged yet', () => {
  const world = pythonWorld({ repos: ['cpython'] });
  cpythonHistory(world);
  const fix = securityFix(world, { merge: false });
  const installation = world.client().forInstallation(world.installationId);

  it('is on its way to main, with nothing to compare', async () => {
    const before = world.wire.length;
    expect(
      await findBranchFixes(installation, { repository: 'python/cpython', pullRequests: [url(fix.number)] }),
    ).toEqual([{ branch: 'main', pullRequest: url(fix.number), mergeCommit: null, fixedIn: null }]);
    const calls = world.wire.slice(before).filter((request) => !request.path.startsWith('/app/'));
    expect(calls.map((request) => request.path.split('?')[0])).toEqual([
      `/repos/python/cpython/pulls/${fix.number}`,
      '/search/issues',
    ]);
  });
});
