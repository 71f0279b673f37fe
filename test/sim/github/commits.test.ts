// Commits, pushes and merges as the psrt bot meets them: the leak guard reads new commit
// messages, and a private-fork pull request merged through "Merge pull request" is an alert.
import { describe, expect, it } from 'vitest';
import { draft, expectConformant, installationToken, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const COMMITS = '/repos/python/cpython/commits';
const push = (
  w: World,
  message: string,
  files: Record<string, string | null>,
  extra: { as?: string; branch?: string } = {},
) =>
  w.c.pushCommit({
    as: extra.as ?? 'ned',
    owner: 'python',
    repo: 'cpython',
    message,
    files,
    ...(extra.branch ? { branch: extra.branch } : {}),
  });

describe('commits', () => {
  it(
    'the history lists newest first from a branch or a sha, filtered by path, author, since and until, and paged',
    scenario(async (w) => {
      w.c.advance(60_000);
      const first = push(w, 'gh-1: Fix json', { 'Lib/json/__init__.py': 'fixed\n' });
      w.c.advance(60_000);
      const since = w.c.now().toISOString();
      const second = push(w, 'gh-2: Docs', { 'Doc/json.rst': 'docs\n' }, { as: 'maint' });
      push(w, 'Elsewhere', { 'x.py': 'x\n' }, { branch: '3.13' });
      const messages = async (query: string) =>
        (await w.call('GET', `${COMMITS}?${query}`, { token: w.tokens.mallory })).body.map(
          (c: { commit: { message: string } }) => c.commit.message,
        );
      expect(await messages('')).toEqual(['gh-2: Docs', 'gh-1: Fix json', 'Initial commit']);
      expect(await messages(`sha=${first.sha}`)).toEqual(['gh-1: Fix json', 'Initial commit']);
      expect(await messages('sha=3.13')).toEqual([
        'Elsewhere',
        'gh-2: Docs',
        'gh-1: Fix json',
        'Initial commit',
      ]);
      expect(await messages('path=Lib/json')).toEqual(['gh-1: Fix json']);
      expect(await messages('author=maint')).toEqual(['gh-2: Docs']);
      expect(await messages(`since=${since}`)).toEqual(['gh-2: Docs']);
      expect(await messages(`until=${first.commit.author?.date}`)).toEqual([
        'gh-1: Fix json',
        'Initial commit',
      ]);
      const page = await w.call('GET', `${COMMITS}?per_page=1`);
      expect(page.body[0].sha).toBe(second.sha);
      expect(page.headers.get('link')).toContain('rel="next"');
      expect((await w.call('GET', `${COMMITS}?sha=no-such-branch`)).status).toBe(404);
    }),
  );

  it(
    'one commit reads with its parents, stats and files, by sha, short sha or branch; an unknown one is 422',
    scenario(async (w) => {
      const base = (await w.call('GET', COMMITS)).body[0].sha as string;
      const pushed = push(w, 'Update README', { 'README.rst': 'CPython\nNow with more.\n', NEWS: 'news\n' });
      for (const ref of [pushed.sha, pushed.sha.slice(0, 7), 'main', 'heads/main']) {
        const one = await w.call('GET', `${COMMITS}/${ref}`);
        expect(one.body).toMatchObject({
          sha: pushed.sha,
          parents: [{ sha: base }],
          stats: { additions: 2, deletions: 0, total: 2 },
          author: { login: 'ned' },
          commit: { message: 'Update README', verification: { verified: false, reason: 'unsigned' } },
        });
        expect(
          one.body.files.map((f: { filename: string; status: string }) => [f.filename, f.status]),
        ).toEqual([
          ['NEWS', 'added'],
          ['README.rst', 'modified'],
        ]);
      }
      const unknown = await w.call('GET', `${COMMITS}/deadbeef00`);
      expect([unknown.status, unknown.body.message]).toEqual([422, 'No commit found for SHA: deadbeef00']);
      const before = await w.call('GET', `/repos/python/cpython/contents/README.rst?ref=${base}`, {
        headers: { accept: 'application/vnd.github.raw+json' },
      });
      expect(before.text).toBe('CPython\n');
    }),
  );

  it(
    'only someone who can write pushes; an App needs contents read to list commits',
    scenario(async (w) => {
      expect(() => push(w, 'Sneaky', { 'evil.py': '' }, { as: 'mallory' })).toThrow(
        'Permission to python/cpython.git denied to mallory.',
      );
      const blind = w.app({
        name: 'blind',
        permissions: { issues: 'read' },
        installations: [{ account: 'python' }],
      });
      const reader = w.app({
        name: 'reader',
        permissions: { contents: 'read' },
        installations: [{ account: 'python' }],
      });
      expect((await w.call('GET', COMMITS, { token: await installationToken(w, blind) })).status).toBe(403);
      expect((await w.call('GET', COMMITS, { token: await installationToken(w, reader) })).status).toBe(200);
    }),
  );
});

describe('pull requests opened and merged', () => {
  it(
    'a pull request from a branch lists the changed files; merging through the API commits them to the base branch',
    scenario(async (w) => {
      push(w, 'Fix', { 'Lib/json/__init__.py': 'fixed\n', 'README.rst': null }, { branch: 'fix' });
      const pull = w.c.openPullRequest({
        as: 'pablo',
        owner: 'python',
        repo: 'cpython',
        title: 'gh-3: Fix',
        head: 'fix',
      });
      const files = await w.call('GET', `/repos/python/cpython/pulls/${pull.number}/files`);
      expect(files.body.map((f: { filename: string; status: string }) => [f.filename, f.status])).toEqual([
        ['Lib/json/__init__.py', 'added'],
        ['README.rst', 'removed'],
      ]);
      const stale = await w.call('PUT', `/repos/python/cpython/pulls/${pull.number}/merge`, {
        token: w.tokens.ned,
        body: { sha: 'a'.repeat(40) },
      });
      expect([stale.status, stale.body.message]).toEqual([
        409,
        'Head branch was modified. Review and try the merge again.',
      ]);
      const refused = await w.call('PUT', `/repos/python/cpython/pulls/${pull.number}/merge`, {
        token: w.tokens.pablo,
      });
      expect([refused.status, refused.body.message]).toEqual([403, 'Must have push access to repository']);
      const merged = await w.call('PUT', `/repos/python/cpython/pulls/${pull.number}/merge`, {
        token: w.tokens.maint,
        body: { merge_method: 'squash', sha: pull.head.sha },
      });
      expect(merged.body).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
      const read = await w.call('GET', `/repos/python/cpython/pulls/${pull.number}`);
      expect(read.body).toMatchObject({
        state: 'closed',
        merged: true,
        merged_by: { login: 'maint' },
        merge_commit_sha: merged.body.sha,
      });
      expect(read.body.merged_at).not.toBeNull();
      const head = await w.call('GET', `${COMMITS}/main`);
      expect(head.body).toMatchObject({ sha: merged.body.sha, commit: { message: 'gh-3: Fix (#1)' } });
      expect((await w.call('GET', '/repos/python/cpython/contents/README.rst')).status).toBe(404);
      const again = await w.call('PUT', `/repos/python/cpython/pulls/${pull.number}/merge`, {
        token: w.tokens.ned,
      });
      expect([again.status, again.body.message]).toEqual([405, 'Pull Request is not mergeable']);
      expect(w.c.issues({ owner: 'python', repo: 'cpython' })[0]).toMatchObject({
        state: 'closed',
        closed_by: { login: 'maint' },
      });
    }),
  );

  it(
    'opening refuses what GitHub refuses: an unknown branch, no change, a second pull request for the same branch',
    scenario(async (w) => {
      const open = (head: string) => () =>
        w.c.openPullRequest({ as: 'ned', owner: 'python', repo: 'cpython', title: 't', head });
      expect(open('nope')).toThrow('Validation Failed');
      expect(() => open('main')()).toThrow('Validation Failed');
      push(w, 'Change', { a: 'a' }, { branch: 'fix' });
      open('fix')();
      expect(open('fix')).toThrow('Validation Failed');
    }),
  );

  it(
    'in a temporary private fork an advisory collaborator pushes, opens and merges; an App needs contents write to merge',
    scenario(async (w) => {
      const advisory = await draft(w, 'Overflow', { start_private_fork: true });
      const fork = advisory.private_fork.name as string;
      await w.call('PATCH', `/repos/python/cpython/security-advisories/${advisory.ghsa_id}`, {
        token: w.tokens.ned,
        body: { collaborating_users: ['alice'] },
      });
      w.c.pushCommit({
        as: 'alice',
        owner: 'python',
        repo: fork,
        branch: 'fix',
        message: 'Fix',
        files: { 'x.py': 'x\n' },
      });
      const pull = w.c.openPullRequest({
        as: 'alice',
        owner: 'python',
        repo: fork,
        title: 'Fix',
        head: 'fix',
      });
      const reader = w.app({
        name: 'reader',
        permissions: { contents: 'read', pull_requests: 'write' },
        installations: [{ account: 'python' }],
      });
      const token = await installationToken(w, reader);
      expect(
        (await w.call('PUT', `/repos/python/${fork}/pulls/${pull.number}/merge`, { token })).status,
      ).toBe(403);
      expect(() =>
        w.c.mergePullRequest({ as: 'mallory', owner: 'python', repo: fork, number: pull.number }),
      ).toThrow('Not Found');
      const merged = w.c.mergePullRequest({ as: 'alice', owner: 'python', repo: fork, number: pull.number });
      expect(merged).toMatchObject({ merged: true, merged_by: { login: 'alice' } });
    }),
  );
});
