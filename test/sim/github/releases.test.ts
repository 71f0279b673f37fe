// Branches, release tags, comparisons and backports as psrt meets them when it works out where a
// fix landed: a fix merged on main with the `type-security` label, miss-islington's `[3.12] …
// (GH-n)` backports, release managers tagging `v3.12.6`, and "is this commit in that tag?".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitHubSim } from '../../../sim/github/index.ts';
import { expectConformant, installationToken, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const REPO = '/repos/python/cpython';
const at = { owner: 'python', repo: 'cpython' } as const;
const push = (w: World, branch: string, message: string, files: Record<string, string>, from?: string) => {
  w.c.advance(60_000);
  return w.c.pushCommit({ as: 'ned', ...at, branch, message, files, ...(from ? { from } : {}) });
};

/** main, with 3.12 and 3.13 branched from it, and a security fix merged on main. */
function branchedWithFix(w: World) {
  push(w, 'main', 'Start 3.12', { 'Lib/a.py': 'a\n' });
  push(w, '3.12', 'Branch 3.12', { 'NEWS.d/3.12': '3.12\n' }, 'main');
  push(w, 'main', 'Start 3.13', { 'Lib/b.py': 'b\n' });
  push(w, '3.13', 'Branch 3.13', { 'NEWS.d/3.13': '3.13\n' }, 'main');
  push(w, 'fix-tarfile', 'Fix tarfile', { 'Lib/tarfile.py': 'safe\n' }, 'main');
  // By a core developer (triage and above set labels; others' are dropped, as in the web UI).
  const fix = w.c.openPullRequest({
    as: 'maint',
    ...at,
    title: 'gh-123456: Reject tar members outside the destination',
    head: 'fix-tarfile',
    labels: ['type-security', 'needs backport to 3.12'],
  });
  w.c.advance(60_000);
  return w.c.mergePullRequest({ as: 'ned', ...at, number: fix.number, mergeMethod: 'squash' });
}

describe('release tags', () => {
  it(
    'tags a branch head, a tag or a commit, and lists tags by version, highest first, page by page',
    scenario(async (w) => {
      const first = push(w, 'main', 'Release 3.13.9', { 'Lib/a.py': '9\n' });
      w.c.addTag({ ...at, tag: 'v3.13.9', ref: 'main' });
      w.c.addTag({ ...at, tag: 'v3.13.0rc1', ref: first.sha });
      const tenth = push(w, 'main', 'Release 3.13.10', { 'Lib/a.py': '10\n' });
      expect(w.c.addTag({ ...at, tag: 'v3.13.10', ref: 'heads/main' })).toEqual({
        name: 'v3.13.10',
        sha: tenth.sha,
      });
      w.c.addTag({ ...at, tag: 'v3.13.10-copy', ref: 'v3.13.10' });

      const page = await w.call('GET', `${REPO}/tags?per_page=2`, { token: w.tokens.mallory });
      expect(page.body.map((t: { name: string }) => t.name)).toEqual(['v3.13.10-copy', 'v3.13.10']);
      expect(page.body[1]).toMatchObject({
        commit: { sha: tenth.sha, url: `http://sim.test${REPO}/commits/${tenth.sha}` },
        zipball_url: `http://sim.test${REPO}/zipball/refs/tags/v3.13.10`,
      });
      expect(page.headers.get('link')).toContain('rel="next"');
      const rest = await w.call('GET', `${REPO}/tags?per_page=2&page=2`);
      expect(rest.body.map((t: { name: string }) => t.name)).toEqual(['v3.13.9', 'v3.13.0rc1']);
    }),
  );

  it(
    'a tag reads as a ref wherever a commit does: commits and contents',
    scenario(async (w) => {
      const released = push(w, 'main', 'Release', { 'Lib/a.py': 'released\n' });
      w.c.addTag({ ...at, tag: 'v3.14.0a1', ref: 'main' });
      push(w, 'main', 'Later', { 'Lib/a.py': 'later\n' });
      for (const ref of ['v3.14.0a1', 'tags/v3.14.0a1']) {
        expect((await w.call('GET', `${REPO}/commits/${ref}`)).body.sha).toBe(released.sha);
      }
      const file = await w.call('GET', `${REPO}/contents/Lib/a.py?ref=v3.14.0a1`, {
        headers: { accept: 'application/vnd.github.raw+json' },
      });
      expect(file.text).toBe('released\n');
    }),
  );

  it(
    'refuses a tag that exists, a name git refuses and a ref that is not there',
    scenario(async (w) => {
      w.c.addTag({ ...at, tag: 'v3.12.0', ref: 'main' });
      expect(() => w.c.addTag({ ...at, tag: 'v3.12.0', ref: 'main' })).toThrow('Reference already exists');
      expect(() => w.c.addTag({ ...at, tag: 'v3.12..1', ref: 'main' })).toThrow('not a valid tag name');
      expect(() => w.c.addTag({ ...at, tag: 'v3.12.1', ref: 'no-such-branch' })).toThrow(
        'No commit found for no-such-branch',
      );
    }),
  );

  it(
    'control over HTTP: POST /_sim/tags tags a ref',
    scenario(async (w) => {
      const response = await w.sim.fetch(
        new Request('http://sim.test/_sim/tags', {
          method: 'POST',
          body: JSON.stringify({ ...at, tag: 'v3.12.0', ref: 'main' }),
        }),
      );
      expect(response.status).toBe(201);
      expect(((await w.call('GET', `${REPO}/tags`)).body as { name: string }[]).map((t) => t.name)).toEqual([
        'v3.12.0',
      ]);
    }),
  );
});

describe('release tags in a state folder', () => {
  it('a simulator started again on the folder has the same tags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psrt-github-tags-'));
    try {
      const w = world({ stateDir: dir });
      const { sha } = w.c.addTag({ ...at, tag: 'v3.12.0', ref: 'main' });
      await w.sim.close();
      const again = createGitHubSim({ stateDir: dir });
      const listed = await again.fetch(`http://sim.test${REPO}/tags`);
      expect(await listed.json()).toMatchObject([{ name: 'v3.12.0', commit: { sha } }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('branches', () => {
  it(
    'lists branches alphabetically with their head commits; none is protected',
    scenario(async (w) => {
      push(w, '3.13', 'Branch', { x: 'x\n' }, 'main');
      const head = push(w, '3.12', 'Branch', { y: 'y\n' }, 'main');
      const listed = await w.call('GET', `${REPO}/branches?per_page=100`);
      expect(listed.body.map((b: { name: string }) => b.name)).toEqual(['3.12', '3.13', 'main']);
      expect(listed.body[0]).toEqual({
        name: '3.12',
        commit: { sha: head.sha, url: `http://sim.test${REPO}/commits/${head.sha}` },
        protected: false,
      });
      expect((await w.call('GET', `${REPO}/branches?protected=true`)).body).toEqual([]);
    }),
  );

  it(
    'a new branch pushed from another starts at its head',
    scenario(async (w) => {
      const head = push(w, '3.13', 'Branch 3.13', { x: 'x\n' }, 'main');
      const fix = push(w, 'backport-3.13', 'Backport', { y: 'y\n' }, '3.13');
      expect(fix.parents.map((p) => p.sha)).toEqual([head.sha]);
      expect(() => push(w, 'elsewhere', 'x', { z: 'z\n' }, 'no-such-branch')).toThrow(
        'There is no branch no-such-branch',
      );
    }),
  );
});

describe('comparing two commits', () => {
  it(
    'says whether head is ahead of, behind, identical to or diverged from base, with the merge base and the commits only head has',
    scenario(async (w) => {
      const start = push(w, 'main', 'Start', { 'a.py': '1\n' });
      w.c.addTag({ ...at, tag: 'v3.13.0', ref: 'main' });
      const later = push(w, 'main', 'Later on main', { 'a.py': '2\n' });
      push(w, '3.13', 'On 3.13', { 'b.py': 'b\n' }, 'main');
      const compare = async (basehead: string, query = '') =>
        (await w.call('GET', `${REPO}/compare/${basehead}${query}`, { token: w.tokens.mallory })).body;

      expect(await compare(`v3.13.0...${later.sha}`)).toMatchObject({
        status: 'ahead',
        ahead_by: 1,
        behind_by: 0,
        total_commits: 1,
        merge_base_commit: { sha: start.sha },
        base_commit: { sha: start.sha },
        commits: [{ sha: later.sha }],
        files: [{ filename: 'a.py', status: 'modified', additions: 1, deletions: 1 }],
      });
      const after = push(w, 'main', 'After branching', { 'c.py': 'c\n' });
      expect(await compare(`main...${start.sha}`)).toMatchObject({
        status: 'behind',
        ahead_by: 0,
        behind_by: 2,
        commits: [],
      });
      expect(await compare(`v3.13.0...${start.sha.slice(0, 7)}`)).toMatchObject({
        status: 'identical',
        ahead_by: 0,
        behind_by: 0,
      });
      expect(await compare('3.13...main')).toMatchObject({
        status: 'diverged',
        ahead_by: 1,
        behind_by: 1,
        merge_base_commit: { sha: later.sha },
        commits: [{ sha: after.sha }],
      });
      expect(await compare('python:v3.13.0...python:main')).toMatchObject({ status: 'ahead', ahead_by: 2 });
    }),
  );

  it(
    'lists the commits oldest first, the newest 250 without paging, page by page with per_page, files on the first page only',
    scenario(async (w) => {
      w.c.addTag({ ...at, tag: 'v3.12.0', ref: 'main' });
      const pushed = [1, 2, 3].map((n) => push(w, 'main', `Change ${n}`, { [`f${n}.py`]: `${n}\n` }));
      const all = await w.call('GET', `${REPO}/compare/v3.12.0...main`);
      expect(all.body.commits.map((c: { sha: string }) => c.sha)).toEqual(pushed.map((c) => c.sha));
      expect(all.headers.get('link')).toBeNull();
      const first = await w.call('GET', `${REPO}/compare/v3.12.0...main?per_page=2`);
      expect(first.body.commits.map((c: { sha: string }) => c.sha)).toEqual(
        pushed.slice(0, 2).map((c) => c.sha),
      );
      expect(first.body.files).toHaveLength(3);
      expect(first.headers.get('link')).toContain('rel="next"');
      const second = await w.call('GET', `${REPO}/compare/v3.12.0...main?per_page=2&page=2`);
      expect(second.body).toMatchObject({ total_commits: 3, files: [] });
      expect(second.body.commits.map((c: { sha: string }) => c.sha)).toEqual([pushed[2]?.sha]);
    }),
  );

  it(
    'answers 404 for a ref that is not there, another repository’s ref and unrelated histories; an App needs contents read',
    scenario(async (w) => {
      w.c.putFile({ ...at, path: 'orphan.txt', content: 'o\n', ref: 'orphan' });
      expect((await w.call('GET', `${REPO}/compare/main...no-such-ref`)).status).toBe(404);
      expect((await w.call('GET', `${REPO}/compare/someone:main...main`)).status).toBe(404);
      const unrelated = await w.call('GET', `${REPO}/compare/main...orphan`);
      expect([unrelated.status, unrelated.body.message]).toEqual([
        404,
        'No common ancestor between main and orphan.',
      ]);
      const blind = w.app({
        name: 'blind',
        permissions: { issues: 'read' },
        installations: [{ account: 'python' }],
      });
      const token = await installationToken(w, blind);
      expect((await w.call('GET', `${REPO}/compare/main...main`, { token })).status).toBe(403);
      expect((await w.call('GET', `${REPO}/tags`, { token })).status).toBe(403);
    }),
  );
});

describe('backports', () => {
  it(
    "miss-islington's backport: `[3.12] <title> (GH-n)` against 3.12 with the original's labels, merged by squash onto 3.12",
    scenario(async (w) => {
      const fix = branchedWithFix(w);
      const before = (await w.call('GET', `${REPO}/branches`)).body.find(
        (b: { name: string }) => b.name === '3.12',
      ).commit.sha;
      const backport = w.c.backportPullRequest({
        as: 'maint',
        ...at,
        number: fix.number,
        branch: '3.12',
        merge: true,
      });
      expect(backport).toMatchObject({
        title: `[3.12] gh-123456: Reject tar members outside the destination (GH-${fix.number})`,
        body: expect.stringContaining(`(cherry picked from commit ${fix.merge_commit_sha})`),
        base: { ref: '3.12' },
        head: { ref: `backport-${fix.merge_commit_sha?.slice(0, 7)}-3.12` },
        merged: true,
        labels: [{ name: 'type-security' }, { name: 'needs backport to 3.12' }],
      });
      const read = (await w.call('GET', `${REPO}/pulls/${backport.number}`, { token: w.tokens.mallory }))
        .body;
      expect(read).toMatchObject({ merged: true, merge_commit_sha: backport.merge_commit_sha });
      expect(read.merged_at).not.toBeNull();
      const merge = (await w.call('GET', `${REPO}/commits/${read.merge_commit_sha}`)).body;
      expect(merge.parents.map((p: { sha: string }) => p.sha)).toEqual([before]);
      expect(merge.files.map((f: { filename: string }) => f.filename)).toEqual(['Lib/tarfile.py']);
      const onBranch = await w.call('GET', `${REPO}/contents/Lib/tarfile.py?ref=3.12`, {
        headers: { accept: 'application/vnd.github.raw+json' },
      });
      expect(onBranch.text).toBe('safe\n');
    }),
  );

  it(
    'an open backport has no merge commit; only a merged pull request is backported, to a branch that exists',
    scenario(async (w) => {
      const fix = branchedWithFix(w);
      const open = w.c.backportPullRequest({ as: 'maint', ...at, number: fix.number, branch: '3.13' });
      expect(open).toMatchObject({ state: 'open', merged: false, merge_commit_sha: null, merged_at: null });
      expect(() =>
        w.c.backportPullRequest({ as: 'maint', ...at, number: open.number, branch: '3.12' }),
      ).toThrow('is not merged');
      expect(() =>
        w.c.backportPullRequest({ as: 'maint', ...at, number: fix.number, branch: '2.7' }),
      ).toThrow('There is no branch 2.7');
    }),
  );

  it(
    'control over HTTP: POST /_sim/ui/pulls/{owner}/{repo}/{number}/backport',
    scenario(async (w) => {
      const fix = branchedWithFix(w);
      const response = await w.sim.fetch(
        new Request(`http://sim.test/_sim/ui/pulls/python/cpython/${fix.number}/backport`, {
          method: 'POST',
          body: JSON.stringify({ as: 'maint', branch: '3.13', merge: true }),
        }),
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ base: { ref: '3.13' }, merged: true });
    }),
  );

  it(
    'search finds the backports of a pull request by label and by the `GH-n` in their titles',
    scenario(async (w) => {
      const fix = branchedWithFix(w);
      w.c.backportPullRequest({ as: 'maint', ...at, number: fix.number, branch: '3.12', merge: true });
      w.c.backportPullRequest({ as: 'maint', ...at, number: fix.number, branch: '3.13' });
      w.c.openIssue({ as: 'maint', ...at, title: `Follow-up to GH-${fix.number}`, labels: ['type-bug'] });
      const titles = async (q: string) =>
        (
          await w.call('GET', `/search/issues?q=${encodeURIComponent(q)}&sort=created&order=asc`, {
            token: w.tokens.mallory,
          })
        ).body.items.map((i: { title: string }) => i.title.slice(0, 6));
      const q = `repo:python/cpython is:pr in:title "GH-${fix.number}"`;
      expect(await titles(`${q} label:type-security`)).toEqual(['[3.12]', '[3.13]']);
      expect(
        await titles(`repo:python/cpython "GH-${fix.number}" label:TYPE-SECURITY label:type-bug`),
      ).toEqual([]);
      expect(
        await titles(`repo:python/cpython "GH-${fix.number}" label:type-bug,type-security`),
      ).toHaveLength(3);
    }),
  );
});
