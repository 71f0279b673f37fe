// What the bot reads to follow a fix into releases, against the simulator: the fix pull request
// with its labels and merge commit, its backports by search, the branches, every release tag
// (more than one page of them) and whether a tag holds a commit.
import { describe, expect, it } from 'vitest';
import { backport, cpythonHistory, release, repo, securityFix } from './cpython-releases.ts';
import { pythonWorld } from './support.ts';

describe('reading branches, tags, comparisons and backports', () => {
  const world = pythonWorld({ repos: ['cpython'] });
  cpythonHistory(world);
  const fix = securityFix(world);
  const merged = backport(world, fix.number, '3.13');
  const open = backport(world, fix.number, '3.12', { merge: false });
  release(world, '3.13', '3.13.2');
  const installation = world.client().forInstallation(world.installationId);

  it('reads a pull request with its labels, base branch and merge commit; null for one that is not there', async () => {
    const pull = await installation.getPullRequest(repo.owner, repo.repo, merged.number);
    expect(pull).toMatchObject({
      title: `[3.13] gh-123456: Reject tar members outside the destination (GH-${fix.number})`,
      base: { ref: '3.13' },
      labels: [{ name: 'type-security' }],
      merge_commit_sha: merged.merge_commit_sha,
    });
    expect(await installation.getPullRequest(repo.owner, repo.repo, 99_999)).toBeNull();
  });

  it('finds the backports of a pull request, open and merged, by label and GH-n', async () => {
    world.control.openIssue({ as: 'sethmlarson', ...repo, title: `Docs for GH-${fix.number}` });
    const found = await installation.searchBackports(repo.owner, repo.repo, fix.number);
    expect(found.map((item) => item.number).sort()).toEqual([merged.number, open.number].sort());
  });

  it('lists every branch and every tag, following the pages', async () => {
    for (let n = 3; n <= 99; n++) world.control.addTag({ ...repo, tag: `v3.13.1-rebuild${n}`, ref: '3.13' });
    const before = world.wire.length;
    const tags = await installation.listTags(repo.owner, repo.repo);
    const pages = world.wire.slice(before).filter((request) => request.path.includes('/tags'));
    expect(tags.length).toBeGreaterThan(100);
    expect(pages).toHaveLength(2);
    expect(tags.map((tag) => tag.name)).toContain('v3.13.2');
    const branches = await installation.listBranches(repo.owner, repo.repo);
    expect(branches.map((branch) => branch.name)).toEqual(
      expect.arrayContaining(['3.11', '3.12', '3.13', 'main']),
    );
  });

  it('compares a release tag with a merge commit: behind when the tag holds it; null for a ref that is not there', async () => {
    const sha = merged.merge_commit_sha ?? '';
    expect(await installation.compareCommits(repo.owner, repo.repo, 'v3.13.2', sha)).toMatchObject({
      status: 'behind',
      aheadBy: 0,
    });
    expect(await installation.compareCommits(repo.owner, repo.repo, 'v3.13.1', sha)).toMatchObject({
      status: 'ahead',
      aheadBy: 1,
      behindBy: 0,
    });
    expect(await installation.compareCommits(repo.owner, repo.repo, 'v9.9.9', sha)).toBeNull();
  });
});
