import { describe, expect, it } from 'vitest';
import { backportBranchOf, compareBranches, parsePullRequestUrl } from '../../src/domain/branch-fixes.ts';

describe('recognising a backport', () => {
  it("reads the branch from miss-islington's and cherry_picker's title `[3.12] … (GH-n)`", () => {
    const title = '[3.12] gh-123456: Reject tar members outside the destination (GH-123457)';
    expect(backportBranchOf(title, 123457)).toBe('3.12');
    expect(backportBranchOf(`${title} (#123500)`, 123457)).toBe('3.12');
    expect(backportBranchOf('[3.9] gh-1: Fix (gh-123457)', 123457)).toBe('3.9');
  });

  it('is not a backport of that pull request: another pull request of the issue, a longer number, no branch', () => {
    expect(backportBranchOf('[3.12] gh-123456: Fix (GH-123458)', 123457)).toBeNull();
    // Another pull request of the same issue, backported under the same gh-123456.
    expect(backportBranchOf('[3.12] gh-123456: Docs follow-up (GH-123499)', 123457)).toBeNull();
    expect(backportBranchOf('[3.12] gh-1: Fix (GH-1234570)', 123457)).toBeNull();
    expect(backportBranchOf('gh-123456: Fix (GH-123457)', 123457)).toBeNull();
    expect(backportBranchOf('[main] gh-123456: Fix (GH-123457)', 123457)).toBeNull();
  });
});

describe('branch order', () => {
  it('lists maintenance branches oldest first by number, then main', () => {
    expect(['main', '3.13', '3.9', '3.12', '3.10'].sort(compareBranches)).toEqual([
      '3.9',
      '3.10',
      '3.12',
      '3.13',
      'main',
    ]);
  });
});

describe('pull request addresses', () => {
  it('reads owner, repository and number, and refuses anything else', () => {
    expect(parsePullRequestUrl('https://github.com/python/cpython/pull/123457')).toEqual({
      owner: 'python',
      repo: 'cpython',
      number: 123457,
    });
    expect(parsePullRequestUrl('https://github.com/python/cpython/issues/123457')).toBeNull();
    expect(parsePullRequestUrl('https://example.com/python/cpython/pull/1')).toBeNull();
  });
});
