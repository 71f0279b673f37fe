// psrt's own GitHub client against the alternatives the simulator offers for behaviours GitHub
// does not document (undocumented.test.ts checks the simulator itself): whichever GitHub turns
// out to do, the bot reads every comment and keeps its one temporary private fork.
import { describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/github/index.ts';
import { org, pythonWorld } from '../../github/support.ts';

describe('psrt’s client where GitHub’s behaviour is undocumented', () => {
  for (const [commentPagination, commentShape] of [
    ['page', 'issue-comment'],
    ['cursor', 'minimal'],
  ] as const) {
    it(`reads every comment of a long thread, with its author (${commentPagination} pages, ${commentShape} comments)`, async () => {
      const world = pythonWorld();
      world.control.configure({ commentPagination, commentShape });
      const { ghsa_id: ghsaId } = world.draft('cpython');
      for (let n = 0; n < 150; n += 1) {
        world.control.comment({
          as: 'sethmlarson',
          owner: org,
          repo: 'cpython',
          ghsaId,
          body: `comment ${n}`,
        });
      }
      const installation = world.client().forInstallation(world.installationId);

      const comments = await installation.listComments(org, 'cpython', ghsaId);

      expect(comments.map((comment) => comment.body)).toEqual(
        Array.from({ length: 150 }, (_, n) => `comment ${n}`),
      );
      expect(new Set(comments.map((comment) => comment.author?.login))).toEqual(new Set(['sethmlarson']));
      const pages = world.wire.filter((request) => request.path.includes('/comments'));
      expect(pages).toHaveLength(2);
      expect(pages[1]?.path).toContain(commentPagination === 'cursor' ? 'after=' : 'page=2');
    });
  }

  it('asking for the private fork twice is refused as invalid, or answered with the same fork', async () => {
    const world = pythonWorld();
    const installation = world.client().forInstallation(world.installationId);
    const first = world.draft('cpython');
    await installation.createPrivateFork(org, 'cpython', first.ghsa_id);
    const again = await installation.createPrivateFork(org, 'cpython', first.ghsa_id).catch((e) => e);
    expect(again).toBeInstanceOf(GitHubError);
    expect(again.kind).toBe('invalid');

    world.control.configure({ secondPrivateFork: 'existing' });
    const second = world.draft('cpython');
    const fork = await installation.createPrivateFork(org, 'cpython', second.ghsa_id);
    const same = await installation.createPrivateFork(org, 'cpython', second.ghsa_id);
    expect(same).toMatchObject({ id: fork.id, full_name: fork.full_name });
  });
});
